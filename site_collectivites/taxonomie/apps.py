from django.apps import AppConfig


class TaxonomieConfig(AppConfig):
    name = "site_collectivites.taxonomie"
    label = "taxonomie"
    verbose_name = "Taxonomie"
