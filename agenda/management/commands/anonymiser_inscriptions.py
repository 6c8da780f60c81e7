from django.conf import settings
from django.core.management.base import BaseCommand

from agenda.conservation import anonymiser_inscriptions


class Command(BaseCommand):
    help = ("Efface les personnes des inscriptions aux événements terminés depuis plus de "
            "AGENDA_CONSERVATION_INSCRIPTIONS_JOURS jours (quotidien) ; les effectifs restent.")

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=settings.AGENDA_CONSERVATION_INSCRIPTIONS_JOURS)

    def handle(self, *args, jours, **options):
        self.stdout.write(f"{anonymiser_inscriptions(jours)} inscription(s) anonymisée(s).")
