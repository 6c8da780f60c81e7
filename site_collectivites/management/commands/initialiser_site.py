from django.core.management.base import BaseCommand

from site_collectivites.squelette.socle import initialiser


class Command(BaseCommand):
    help = ("Construit le site de production sans contenu de démonstration : arborescence, textes à compléter, "
            "référentiels, paramètres, Site Wagtail sur SITE_URL, index de recherche. Idempotent : à relancer "
            "après chaque mise à jour ; ce qui existe est gardé tel que les rédacteurs l'ont laissé.")

    def add_arguments(self, parser):
        parser.add_argument("--sans-index", action="store_true",
                            help="Ne pas reconstruire l'index de recherche (le contenu de démonstration le fait).")

    def handle(self, *args, **options):
        initialiser(self.stdout, index=not options["sans_index"])
        self.stdout.write(self.style.SUCCESS("Site initialisé."))
