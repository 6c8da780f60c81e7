from django.conf import settings
from django.core.management.base import BaseCommand

from site_collectivites.exploitation.taches import reprendre_taches_interrompues


class Command(BaseCommand):
    help = ("Remet dans la file les tâches de fond restées « en cours » après l'arrêt brutal d'un worker "
            "(au démarrage du worker et toutes les quelques minutes).")

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=settings.TACHES_DUREE_MAX_MINUTES,
                            help="durée au-delà de laquelle une tâche en cours est tenue pour interrompue")

    def handle(self, *args, minutes, **options):
        self.stdout.write(f"{reprendre_taches_interrompues(minutes)} tâche(s) remise(s) dans la file.")
