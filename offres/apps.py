from django.apps import AppConfig


class OffresConfig(AppConfig):
    name = "offres"
    label = "offres"
    verbose_name = "Offre d'ingénierie"
    default_auto_field = "django.db.models.BigAutoField"
