"""Create (or refresh) the administrator account used on a developer's machine.

Credentials come from DJANGO_ADMIN_USER / DJANGO_ADMIN_EMAIL / DJANGO_ADMIN_PASSWORD; without a password,
one is generated once, kept in var/admin-password.txt (git-ignored, mode 600) and printed on every run.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crée le compte administrateur (idempotent) et affiche ses identifiants."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_ADMIN_USER", "admin")
        email = os.environ.get("DJANGO_ADMIN_EMAIL", "admin@example.org")
        password_file = settings.VAR_DIR / "admin-password.txt"
        password = os.environ.get("DJANGO_ADMIN_PASSWORD")
        if not password and password_file.exists():
            password = password_file.read_text().strip()

        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
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
