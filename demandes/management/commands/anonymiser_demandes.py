from django.conf import settings
from django.core.management.base import BaseCommand

from demandes.anonymisation import anonymiser_les_demandes_echues, demandes_a_anonymiser


class Command(BaseCommand):
    help = ("Efface les données personnelles des demandes terminées depuis plus de DEMANDES_CONSERVATION_JOURS "
            "jours (quotidien). Les chiffres du bilan sont conservés.")

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=settings.DEMANDES_CONSERVATION_JOURS)
        parser.add_argument("--simulation", action="store_true", help="compte sans rien effacer")

    def handle(self, *args, jours, simulation, **options):
        if simulation:
            self.stdout.write(f"{demandes_a_anonymiser(jours).count()} demande(s) seraient anonymisées.")
            return
        self.stdout.write(f"{anonymiser_les_demandes_echues(jours)} demande(s) anonymisée(s).")
