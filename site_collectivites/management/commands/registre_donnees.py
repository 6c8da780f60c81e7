from django.conf import settings
from django.core.management.base import BaseCommand

from site_collectivites.exploitation.registre import document_a_jour, tableau_markdown

DOCUMENT = settings.BASE_DIR / "docs" / "donnees-personnelles.md"


class Command(BaseCommand):
    help = "Affiche le registre des traitements (Markdown) ; --ecrire le recopie dans docs/donnees-personnelles.md."

    def add_arguments(self, parser):
        parser.add_argument("--ecrire", action="store_true")

    def handle(self, *args, ecrire, **options):
        if ecrire:
            DOCUMENT.write_text(document_a_jour(DOCUMENT.read_text()))
            self.stdout.write(f"{DOCUMENT} mis à jour.")
        else:
            self.stdout.write(tableau_markdown())
