"""Human references of demandes: DEM-2026-00042, unique even under concurrent submissions."""

from django.db import models


class CompteurReference(models.Model):
    """The last number given in a year. A row lock (select_for_update) serialises concurrent demandes."""

    annee = models.PositiveSmallIntegerField("année", primary_key=True)
    dernier_numero = models.PositiveIntegerField("dernier numéro", default=0)

    class Meta:
        verbose_name = "compteur de références"

    def __str__(self):
        return f"{self.annee} : {self.dernier_numero}"


def format_reference(annee, numero):
    return f"DEM-{annee}-{numero:05d}"


def prochain_numero(annee):
    """Reserve the next number of `annee`. Call inside transaction.atomic(): the lock lasts until commit."""
    CompteurReference.objects.get_or_create(annee=annee)
    compteur = CompteurReference.objects.select_for_update().get(annee=annee)
    compteur.dernier_numero += 1
    compteur.save(update_fields=["dernier_numero"])
    return compteur.dernier_numero
