from django.core.management.base import BaseCommand

from demandes.taches import envoyer_dus


class Command(BaseCommand):
    help = "Envoie les courriels des demandes en attente ou à réessayer (à lancer toutes les 5 minutes)."

    def handle(self, *args, **options):
        self.stdout.write(f"{envoyer_dus()} courriel(s) envoyé(s).")
