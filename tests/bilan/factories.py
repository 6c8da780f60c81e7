"""Demandes and their assignments for the bilan's tests, with the territory frozen as the form does."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories

from demandes.bilan.models import BilanPage
from demandes.models import Affectation, Demande, StatutAffectation, TypeCollectivite
from demandes.services import figer_territoire

PARIS = ZoneInfo("Europe/Paris")


class DemandeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demande
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"DEM-TEST-{n:05d}")
    annee = 2025
    cree_le = factory.LazyAttribute(lambda o: datetime(o.annee, o.mois, 15, 10, 0, tzinfo=PARIS))
    type_collectivite = TypeCollectivite.COMMUNE
    nom = "Durand"
    prenom = "Camille"
    fonction = "maire"
    email = factory.Sequence(lambda n: f"contact{n}@mairie.example.org")
    titre = factory.Sequence(lambda n: f"Projet n° {n}")
    description = "Description confidentielle du projet."

    class Params:
        mois = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        demande = model_class(*args, **kwargs)
        figer_territoire(demande)
        demande.save()
        return demande

    @factory.post_generation
    def thematiques(self, create, extracted, **kwargs):
        if create and extracted:
            self.thematiques.set(extracted)


class AffectationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affectation

    demande = factory.SubFactory(DemandeFactory)
    statut = StatutAffectation.TERMINEE


class BilanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BilanPage

    title = "Bilan de l'ingénierie publique"
    slug = "bilan"
    intro = "<p>Chaque année, le Département publie l'usage de son offre.</p>"
    commentaire = "<p>Une année de forte activité.</p>"


def chiffre(valeur, libelle):
    """A key figure as the bilan templates show it (value, then its label)."""
    return f'{valeur}</span> <span class="chiffre__libelle">{libelle}'
