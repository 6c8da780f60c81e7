from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demandes.relances import envoyer_relances


class Command(BaseCommand):
    help = "Met en file pour chaque partenaire la liste de ses demandes « à traiter » depuis plus de N jours (quotidien)."

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=settings.DEMANDES_RELANCE_JOURS,
                            help="ancienneté minimale de l'affectation, en jours (défaut : DEMANDES_RELANCE_JOURS)")

    def handle(self, *args, jours, **options):
        en_file, sans_adresse = envoyer_relances(jours)
        self.stdout.write(f"Relances mises en file d'envoi : {en_file} (envoyées par le worker, réessayées en cas "
                          "d'échec).")
        if sans_adresse:
            raise CommandError(f"{sans_adresse} partenaire(s) sans aucune adresse : relance impossible. Renseignez "
                               "l'adresse de contact du partenaire ou un agent.")
