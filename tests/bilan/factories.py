"""Demandes and their assignments for the bilan's tests, with the territory frozen as the form does."""

from datetime import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories

from demandes.bilan.models import BilanPage
from demandes.models import StatutAffectation
from demandes.services import figer_territoire
from tests.demandes import factories as demandes_factories

PARIS = ZoneInfo("Europe/Paris")


class DemandeFactory(demandes_factories.DemandeFactory):
    """A demande of a chosen year and month whose territory is frozen from its commune, as the form does."""

    reference = factory.Sequence(lambda n: f"DEM-TEST-{n:05d}")
    annee = 2025
    cree_le = factory.LazyAttribute(lambda o: datetime(o.annee, o.mois, 15, 10, 0, tzinfo=PARIS))
    territoire_commune = territoire_insee = territoire_canton_code = territoire_canton = territoire_epci = ""
    nom = "Durand"
    prenom = "Camille"
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


class AffectationFactory(demandes_factories.AffectationFactory):
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
