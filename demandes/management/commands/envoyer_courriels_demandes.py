from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ancien nom de `envoyer_courriels` (toutes les files d'envoi), gardé pour les timers déjà installés."

    def handle(self, *args, **options):
        call_command("envoyer_courriels", stdout=self.stdout, stderr=self.stderr)
