"""Create (or refresh) the administrator account used on a developer's machine, then print what `make run` ends
with: the site's address and the accounts to log in with.

Credentials come from DJANGO_ADMIN_USER / DJANGO_ADMIN_EMAIL / DJANGO_ADMIN_PASSWORD; without a password,
one is generated once, kept in var/admin-password.txt (git-ignored, mode 600) and printed on every run. The
demo accounts of the demandes back office (demandes/demo.py) share the password of var/demo-password.txt
(or DJANGO_DEMO_PASSWORD); they are listed by their groups, which a migration of this app creates.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.demo.comptes import mot_de_passe_memorise

GROUPES_DEMO = (
    ("Coordination des demandes", "coordination : voit toutes les demandes"),
    ("Agents des partenaires", "agent d'un partenaire : ne voit que les demandes de son partenaire"),
)
FILET = "─" * 72


class Command(BaseCommand):
    help = "Crée le compte administrateur (idempotent) et affiche l'adresse du site et les comptes."

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
        elif os.environ.get("DJANGO_ADMIN_PASSWORD"):
            user.set_password(password)
            user.save(update_fields=["password"])
        lignes = [
            FILET,
            f"Le site : {url_publique('/')}",
            f"Administration : {url_publique('/admin/')}",
            f"  identifiant : {username}   mot de passe : "
            + (password or "inchangé (définissez DJANGO_ADMIN_PASSWORD pour le remplacer)"),
            *self.comptes_de_demonstration(User),
            "Arrêter le serveur : Ctrl+C",
            FILET,
        ]
        self.stdout.write("\n".join(lignes))

    def comptes_de_demonstration(self, User):
        comptes = []
        for groupe, role in GROUPES_DEMO:
            noms = list(User.objects.filter(groups__name=groupe, is_active=True, is_superuser=False)
                        .order_by("username").values_list("username", flat=True))
            if noms:
                comptes.append(f"  {', '.join(noms)} ({role})")
        if not comptes:
            return []
        if os.environ.get("DJANGO_DEMO_PASSWORD") or (settings.VAR_DIR / "demo-password.txt").exists():
            mot_de_passe, _ = mot_de_passe_memorise("DJANGO_DEMO_PASSWORD", "demo-password.txt")
            entete = f"Suivi des demandes, comptes de démonstration (mot de passe commun : {mot_de_passe}) :"
        else:
            entete = "Suivi des demandes, comptes de démonstration :"
        return [entete, *comptes]
