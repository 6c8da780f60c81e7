from django.apps import AppConfig


class OffresConfig(AppConfig):
    name = "offres"
    label = "offres"
    verbose_name = "Offre d'ingénierie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from offres.models import RealisationPage
        from offres.services import vider_cache_accueil

        # The home page's cached réalisations follow what editors publish (post_save also covers scripts).
        for signal in (post_save, page_published, page_unpublished, post_delete):
            signal.connect(vider_cache_accueil, sender=RealisationPage, dispatch_uid=f"offres-accueil-{id(signal)}")
