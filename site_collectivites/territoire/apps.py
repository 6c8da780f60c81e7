from django.apps import AppConfig


class TerritoireConfig(AppConfig):
    name = "site_collectivites.territoire"
    label = "territoire"
    verbose_name = "Territoire"
