import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_collectivites.settings.production")
application = get_wsgi_application()

# Django runs no system check under a WSGI server (only management commands do): the public address is checked
# here, and a wrong one stops the application before it serves a page (site_collectivites/exploitation/adresse_publique.py).
from site_collectivites.exploitation.adresse_publique import refuser_une_adresse_fausse  # noqa: E402 (after django.setup())

refuser_une_adresse_fausse()
