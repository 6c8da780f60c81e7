from django.core.management.base import BaseCommand

from site_collectivites.securite.ratelimit import purger_compteurs


class Command(BaseCommand):
    help = "Supprime les compteurs des limites d'envoi des formulaires dont la fenêtre est close (chaque nuit)."

    def handle(self, *args, **options):
        self.stdout.write(f"{purger_compteurs()} compteur(s) supprimé(s).")
