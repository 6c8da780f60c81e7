from django.conf import settings
from django.core.management.base import BaseCommand

from site_collectivites.courrier.file import purger


class Command(BaseCommand):
    help = ("Supprime de la file d'envoi les courriels envoyés ou abandonnés depuis plus de "
            "COURRIELS_CONSERVATION_JOURS jours (chaque nuit : collectivites-nettoyage.timer).")

    def handle(self, *args, **options):
        self.stdout.write(f"{purger(settings.COURRIELS_CONSERVATION_JOURS)} courriel(s) supprimé(s) de la file.")
