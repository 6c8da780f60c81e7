from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda et actualités"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from agenda.models import ActualitePage, EvenementPage
        from agenda.services import vider_cache_accueil

        # The home page's cached sections follow what editors publish (post_save also covers pages saved
        # outside the publishing workflow: imports, scripts).
        for modele in (ActualitePage, EvenementPage):
            for signal in (post_save, page_published, page_unpublished, post_delete):
                signal.connect(vider_cache_accueil, sender=modele, dispatch_uid=f"agenda-accueil-{id(signal)}-{modele.__name__}")

        # A larger capacity, once published, confirms the waiting registrations that now fit.
        page_published.connect(_promouvoir_apres_publication, sender=EvenementPage, dispatch_uid="agenda-promotion")


def _promouvoir_apres_publication(sender, instance, **kwargs):
    from agenda import inscriptions
    from agenda.models.evenements import ModeInscription

    if instance.inscription == ModeInscription.SUR_LE_SITE:
        inscriptions.promouvoir(instance)
