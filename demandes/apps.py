from django.apps import AppConfig


class DemandesConfig(AppConfig):
    name = "demandes"
    verbose_name = "Demandes d'accompagnement"

    def ready(self):
        from site_collectivites.courrier.envoi import FileDEnvoi, inscrire_file

        from .models import CourrielDemande
        from .taches import construire_message

        # The demandes' outbox, sent by the site's engine with every other one (docs/courriels.md).
        inscrire_file(FileDEnvoi("demandes", CourrielDemande, construire_message, select_related=("demande",)))
