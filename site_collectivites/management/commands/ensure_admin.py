"""Create (or refresh) the administrator account used on a developer's machine.

Credentials come from DJANGO_ADMIN_USER / DJANGO_ADMIN_EMAIL / DJANGO_ADMIN_PASSWORD; without a password,
one is generated once, kept in var/admin-password.txt (git-ignored, mode 600) and printed on every run.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from site_collectivites.comptes import mot_de_passe_memorise


class Command(BaseCommand):
    help = "Crée le compte administrateur (idempotent) et affiche ses identifiants."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_ADMIN_USER", "admin")
        email = os.environ.get("DJANGO_ADMIN_EMAIL", "admin@example.org")
        user = User.objects.filter(username=username).first()
        password = None
        if user is None or os.environ.get("DJANGO_ADMIN_PASSWORD") or (settings.VAR_DIR / "admin-password.txt").exists():
            password, _ = mot_de_passe_memorise("DJANGO_ADMIN_PASSWORD", "admin-password.txt")
        if user is None:
            User.objects.create_superuser(username=username, email=email, password=password)
            self.stdout.write(self.style.SUCCESS(f"Compte administrateur créé : {username}"))
        elif os.environ.get("DJANGO_ADMIN_PASSWORD"):
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Mot de passe du compte {username} mis à jour depuis DJANGO_ADMIN_PASSWORD.")
        elif not password:
            self.stdout.write(
                f"Le compte {username} existe déjà ; mot de passe inchangé "
                "(définissez DJANGO_ADMIN_PASSWORD pour le remplacer)."
            )
            return
        self.stdout.write(f"Administration : {settings.WAGTAILADMIN_BASE_URL}/admin/  identifiant : {username}  "
                          f"mot de passe : {password}")
