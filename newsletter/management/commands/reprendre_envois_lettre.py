"""Resume every unfinished send: interrupted by a crash or a restart, or waiting for retries. Run by cron every
five minutes (docs/newsletter.md); safe to run while a worker sends: an Envoi held by a process is skipped."""

from django.core.management.base import BaseCommand

from newsletter.envoi import envoi_a_reprendre_ids, envoyer_envoi


class Command(BaseCommand):
    help = "Reprend les envois de lettres inachevés (les courriels de confirmation passent par envoyer_courriels)."

    def handle(self, *args, **options):
        for envoi_id in envoi_a_reprendre_ids():
            envoyes = envoyer_envoi(envoi_id)
            if envoyes is None:
                self.stdout.write(f"Envoi {envoi_id} : en cours dans un autre processus.")
            else:
                self.stdout.write(f"Envoi {envoi_id} : {envoyes} message(s) envoyé(s).")
