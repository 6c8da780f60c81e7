from django.core.management.base import BaseCommand

from newsletter.retention import purger_non_confirmes


class Command(BaseCommand):
    help = ("Supprime les demandes d'abonnement jamais confirmées après NEWSLETTER_PURGE_NON_CONFIRMES_JOURS jours. "
            "À lancer chaque jour (docs/newsletter.md).")

    def handle(self, *args, **options):
        self.stdout.write(f"Demandes non confirmées supprimées : {purger_non_confirmes()}.")
