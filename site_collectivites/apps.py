from django.apps import AppConfig


class SiteCollectivitesConfig(AppConfig):
    name = "site_collectivites"
    verbose_name = "Site"
