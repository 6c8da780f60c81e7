from django.apps import AppConfig


class BilanConfig(AppConfig):
    name = "demandes.bilan"
    label = "bilan"
    verbose_name = "Bilan de l'ingénierie publique"
