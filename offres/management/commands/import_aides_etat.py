"""manage.py import_aides_etat: refresh the State aids shown on the financial aids page (offres/aides_etat.py)."""

from django.core.management.base import BaseCommand, CommandError

from offres import aides_etat


class Command(BaseCommand):
    help = "Importe depuis l'API aides-territoires les aides de l'État correspondant à nos thématiques."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Adresse d'aides-territoires (par défaut : AIDES_TERRITOIRES_URL).")
        parser.add_argument("--token", help="Jeton X-AUTH-TOKEN (par défaut : AIDES_TERRITOIRES_TOKEN).")

    def handle(self, *args, **options):
        try:
            bilan = aides_etat.importer(base=options.get("url"), token=options.get("token"))
        except aides_etat.ErreurImport as erreur:
            raise CommandError(f"Import des aides de l'État impossible : {erreur}") from erreur
        self.stdout.write(
            f"Aides de l'État : {bilan['crees']} créées, {bilan['mis_a_jour']} mises à jour, "
            f"{bilan['supprimes']} supprimées, {bilan['ignores']} hors de nos thématiques."
        )
