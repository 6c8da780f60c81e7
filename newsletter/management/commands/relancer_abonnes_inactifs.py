from django.core.management.base import BaseCommand

from newsletter.retention import relancer_inactifs, supprimer_sans_reponse


class Command(BaseCommand):
    help = ("Demande aux abonnés sans activité depuis 3 ans s'ils veulent rester abonnés, puis supprime ceux qui "
            "n'ont pas répondu dans le délai. À lancer chaque jour (docs/newsletter.md).")

    def handle(self, *args, **options):
        supprimes = supprimer_sans_reponse()
        relances = relancer_inactifs()
        self.stdout.write(f"Abonnés relancés : {relances}. Abonnés supprimés faute de réponse : {supprimes}.")
