"""Write nginx's own error pages (413, 502, 504) from templates/nginx/ into deploy/nginx/erreurs/ (portail/pages_nginx.py).

    python manage.py pages_erreur_nginx

Run it in development after changing those templates or the error layout, and commit the files: production
serves the committed files, never renders them. Refused under a manifest static storage (production settings):
the pages must name /static/css/site.css, not a hashed name that the next collectstatic replaces.
"""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management.base import BaseCommand, CommandError

from portail.pages_nginx import ecrire


class Command(BaseCommand):
    help = "Écrit les pages d'erreur de nginx (413, 502, 504) dans deploy/nginx/erreurs/."

    def handle(self, *args, **options):
        if isinstance(staticfiles_storage, ManifestFilesMixin):  # the lazy storage proxies its class
            raise CommandError("À lancer avec les réglages de développement : le stockage des fichiers statiques "
                               "de production donnerait des noms hachés, que le prochain collectstatic remplace.")
        for chemin in ecrire():
            self.stdout.write(f"Écrit : {chemin}")
