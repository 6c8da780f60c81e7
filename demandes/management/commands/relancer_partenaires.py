from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demandes.relances import envoyer_relances


class Command(BaseCommand):
    help = "Envoie à chaque partenaire la liste de ses demandes « à traiter » depuis plus de N jours (quotidien)."

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=settings.DEMANDES_RELANCE_JOURS,
                            help="ancienneté minimale de l'affectation, en jours (défaut : DEMANDES_RELANCE_JOURS)")

    def handle(self, *args, jours, **options):
        envoyees, echecs = envoyer_relances(jours)
        self.stdout.write(f"Relances envoyées : {envoyees}.")
        if echecs:
            raise CommandError(f"{echecs} relance(s) non envoyée(s) : voir le journal ; elles repartiront demain.")
