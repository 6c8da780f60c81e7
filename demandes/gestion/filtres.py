"""Filters of the demandes listing. Many-to-many filters use EXISTS subqueries: no duplicated rows, no
DISTINCT over the whole table."""

import django_filters
from django.db.models import Exists, OuterRef
from wagtail.admin.filters import WagtailFilterSet

from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Canton

from ..models import Affectation, Demande, Source, Statut, TypeCollectivite


def _annees():
    return [(annee, annee) for annee in Demande.objects.order_by("-annee").values_list("annee", flat=True).distinct()]


def _cantons():
    return list(Canton.objects.order_by("nom").values_list("code", "nom"))


class DemandeFilterSet(WagtailFilterSet):
    statut = django_filters.ChoiceFilter(label="Statut", choices=Statut.choices)
    thematique = django_filters.ModelChoiceFilter(
        label="Thématique", queryset=Thematique.objects.all(), method="filtrer_thematique"
    )
    type_prestation = django_filters.ModelChoiceFilter(
        label="Prestation souhaitée", queryset=TypePrestation.objects.all()
    )
    prestation_realisee = django_filters.ModelChoiceFilter(
        label="Prestation réalisée", queryset=TypePrestation.objects.all(), method="filtrer_prestation_realisee"
    )
    partenaire = django_filters.ModelChoiceFilter(
        label="Partenaire", queryset=Partenaire.objects.all(), method="filtrer_partenaire"
    )
    canton = django_filters.ChoiceFilter(label="Canton", choices=_cantons, field_name="territoire_canton_code")
    type_collectivite = django_filters.ChoiceFilter(label="Type de collectivité", choices=TypeCollectivite.choices)
    annee = django_filters.ChoiceFilter(label="Année", choices=_annees)
    source = django_filters.ChoiceFilter(label="Source", choices=Source.choices)

    class Meta:
        model = Demande
        fields = []

    def filtrer_thematique(self, queryset, name, value):
        lien = Demande.thematiques.through.objects.filter(demande=OuterRef("pk"), thematique=value)
        return queryset.filter(Exists(lien))

    def filtrer_prestation_realisee(self, queryset, name, value):
        return queryset.filter(Exists(Affectation.objects.filter(demande=OuterRef("pk"), prestation_realisee=value)))

    def filtrer_partenaire(self, queryset, name, value):
        return queryset.filter(Exists(Affectation.objects.filter(demande=OuterRef("pk"), partenaire=value)))
