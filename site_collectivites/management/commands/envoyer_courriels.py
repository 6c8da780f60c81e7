from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_collectivites.courrier.envoi import en_retard, envoyer_tout


class Command(BaseCommand):
    help = ("Envoie les courriels en attente ou à réessayer, de toutes les files d'envoi du site "
            "(toutes les 5 minutes : collectivites-frequent.timer). Sort en erreur s'il en reste en souffrance.")

    def add_arguments(self, parser):
        parser.add_argument("--retard-minutes", type=int, default=settings.HEALTHZ_COURRIELS_RETARD_MINUTES,
                            help="Au-delà de ce retard, un courriel jamais essayé fait échouer la commande (défaut : "
                                 "HEALTHZ_COURRIELS_RETARD_MINUTES).")

    def handle(self, *args, **options):
        for nom, nombre in envoyer_tout().items():
            self.stdout.write(f"{nom} : {nombre} courriel(s) envoyé(s).")
        retard = en_retard(options["retard_minutes"])
        if retard:
            # A non-zero exit makes systemd (and the monitoring that watches failed units) say so.
            raise CommandError(f"{retard} courriel(s) en souffrance : jamais essayés {options['retard_minutes']} minutes "
                               "après leur échéance, ou refusés deux fois par le fournisseur (fournisseur d'e-mail ou "
                               "worker en panne ?). Voir l'admin : Paramètres > Courriels envoyés.")
