"""Filters of the demandes listing. Many-to-many filters use EXISTS subqueries: no duplicated rows, no
DISTINCT over the whole table.

The assignment filters (partenaire, statut de l'affectation, en attente depuis plus de N jours) look at one
assignment together: « SDED » and « À traiter » mean the SDED's assignment waits, not that the SDED has one
and someone else's waits. An agent's assignment filters look at its own partenaire's assignments only."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet

from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Canton

from .. import acces
from ..models import Affectation, AvisDemandeur, Demande, Source, Statut, StatutAffectation, TypeCollectivite
from ..models.demandes import STATUTS_FINAUX

SANS_PARTENAIRE = "aucun"
AVIS_SEMAINE, AVIS_DONNE = "semaine", "repondu"
ATTENTE_MAXIMALE = 36500  # days


def _annees():
    return [(annee, annee) for annee in Demande.objects.order_by("-annee").values_list("annee", flat=True).distinct()]


def _cantons():
    return list(Canton.objects.order_by("nom").values_list("code", "nom"))


def _partenaires():
    return [(SANS_PARTENAIRE, "Sans partenaire (demandes ouvertes)")] + [
        (str(partenaire.pk), str(partenaire)) for partenaire in Partenaire.objects.all()
    ]


def sans_partenaire():
    """An open demande (not closed, sans suite or réorientée) that no partenaire handles: none was assigned, or
    all of them declined. The coordination's work to route."""
    actives = Affectation.objects.filter(demande=OuterRef("pk")).exclude(statut=StatutAffectation.DECLINEE)
    return ~Exists(actives) & ~Q(statut__in=STATUTS_FINAUX)


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
    partenaire = django_filters.ChoiceFilter(label="Partenaire", choices=_partenaires, method="filtrer_partenaire")
    statut_affectation = django_filters.ChoiceFilter(
        label="Statut de l'affectation", choices=StatutAffectation.choices, method="filtrer_statut_affectation"
    )
    attente = django_filters.NumberFilter(
        label="En attente depuis plus de … jours", method="filtrer_attente",
        widget=forms.NumberInput(attrs={"min": 0, "step": 1}),
        help_text="Une affectation « à traiter » depuis plus longtemps, ou, sans partenaire, reçue avant.",
    )
    canton = django_filters.ChoiceFilter(label="Canton", choices=_cantons, field_name="territoire_canton_code")
    type_collectivite = django_filters.ChoiceFilter(label="Type de collectivité", choices=TypeCollectivite.choices)
    annee = django_filters.ChoiceFilter(label="Année", choices=_annees)
    source = django_filters.ChoiceFilter(label="Source", choices=Source.choices)
    avis = django_filters.ChoiceFilter(
        label="Avis du demandeur", method="filtrer_avis",
        choices=[(AVIS_SEMAINE, "Commenté ces 7 derniers jours"), (AVIS_DONNE, "Le demandeur a répondu")],
    )

    class Meta:
        model = Demande
        fields = []

    def filtrer_avis(self, queryset, name, value):
        """The demandes whose requester answered « utile ? » (with a comment this week): among the answers this
        user may read (acces.filtrer_avis), so an agent never learns of another partner's."""
        avis = acces.filtrer_avis(self.request.user, AvisDemandeur.objects.filter(demande=OuterRef("pk")))
        if value == AVIS_SEMAINE:
            avis = avis.filter(repondu_le__gte=timezone.now() - timedelta(days=7)).exclude(commentaire="")
        return queryset.filter(Exists(avis))

    def filtrer_thematique(self, queryset, name, value):
        lien = Demande.thematiques.through.objects.filter(demande=OuterRef("pk"), thematique=value)
        return queryset.filter(Exists(lien))

    def filtrer_prestation_realisee(self, queryset, name, value):
        return queryset.filter(Exists(Affectation.objects.filter(demande=OuterRef("pk"), prestation_realisee=value)))

    def _partenaire_choisi(self):
        valeur = self.form.cleaned_data.get("partenaire")
        return int(valeur) if valeur and valeur.isdigit() else None

    def affectations(self):
        """The assignments the other assignment filters look at: the user's, of the chosen partenaire if any."""
        affectations = acces.filtrer_affectations(self.request.user, Affectation.objects.filter(demande=OuterRef("pk")))
        partenaire = self._partenaire_choisi()
        return affectations if partenaire is None else affectations.filter(partenaire_id=partenaire)

    def filtrer_partenaire(self, queryset, name, value):
        if value == SANS_PARTENAIRE:
            return queryset.filter(sans_partenaire())
        return queryset.filter(Exists(self.affectations()))

    def filtrer_statut_affectation(self, queryset, name, value):
        return queryset.filter(Exists(self.affectations().filter(statut=value)))

    def filtrer_attente(self, queryset, name, value):
        if value < 0:
            return queryset.none()
        # Beyond a century is as good as a century, and a date before year 1 would not compute.
        limite = timezone.now() - timedelta(days=min(int(value), ATTENTE_MAXIMALE))
        attend = Exists(self.affectations().filter(statut=StatutAffectation.A_TRAITER, statut_modifie_le__lt=limite))
        if self._partenaire_choisi() is None:
            # Without a partenaire, a demande has waited since it was received.
            attend |= sans_partenaire() & Q(cree_le__lt=limite)
        return queryset.filter(attend)
