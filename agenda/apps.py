from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda et actualités"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from agenda.models import EvenementPage

        # A larger capacity, once published, confirms the waiting registrations that now fit.
        page_published.connect(_promouvoir_apres_publication, sender=EvenementPage, dispatch_uid="agenda-promotion")


def _promouvoir_apres_publication(sender, instance, **kwargs):
    from agenda import inscriptions
    from agenda.models.evenements import ModeInscription

    if instance.inscription == ModeInscription.SUR_LE_SITE:
        inscriptions.promouvoir(instance)
