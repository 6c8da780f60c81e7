"""The catalogue's facet index and its cards, kept per generation of the page cache (site_collectivites/cache/facettes.py,
cartes.py): the same HTML as rendered now, loaded once, never stale after a change."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from offres import filters
from site_collectivites.cache import cartes
from tests.offres.factories import offre
from tests.utils import count_queries


@pytest.mark.django_db
def test_the_catalogue_index_follows_publications(catalogue, ref):
    offre(catalogue, "Éclairage public", ref.sded, [ref.energie])
    assert filters.index_du_catalogue(catalogue).masques["thematique"]["energie"].bit_count() == 1
    nouvelle = offre(catalogue, "Chaufferie bois", ref.caue, [ref.energie])
    assert filters.index_du_catalogue(catalogue).masques["thematique"]["energie"].bit_count() == 2
    nouvelle.unpublish()
    assert filters.index_du_catalogue(catalogue).masques["thematique"]["energie"].bit_count() == 1


GABARIT = "offres/includes/carte_offre.html"


def _cartes(requete, pks):
    return cartes.cartes(requete, GABARIT, "offre", pks, filters.cartes)


@pytest.mark.django_db
def test_a_stored_card_is_the_card_rendered_now_and_is_loaded_once(catalogue, ref):
    premiere = offre(catalogue, "Éclairage public", ref.sded, [ref.energie, ref.habitat], resume="Des lampadaires.")
    seconde = offre(catalogue, "Chaufferie bois", ref.caue, [ref.energie])
    requete = RequestFactory().get("/")
    attendu = [render_to_string(GABARIT, {"offre": o, "request": requete})
               for o in filters.cartes([seconde.pk, premiere.pk])]
    assert _cartes(requete, [seconde.pk, premiere.pk]) == attendu
    assert "Des lampadaires." in attendu[1] and "Habitat" in attendu[1]
    assert count_queries(lambda: _cartes(requete, [seconde.pk, premiere.pk])) == 0
    troisieme = offre(catalogue, "Voirie", ref.sded, [ref.eau])
    # A publication renders every card again (three queries for the offers, their thématiques and types).
    assert count_queries(lambda: _cartes(requete, [troisieme.pk, premiere.pk])) == 3


@pytest.mark.django_db
def test_a_card_is_never_stale(catalogue, ref):
    page = offre(catalogue, "Éclairage public", ref.sded, [ref.energie])
    requete = RequestFactory().get("/")
    _cartes(requete, [page.pk])
    page.title = "Éclairage public économe"
    page.save_revision().publish()
    assert "Éclairage public économe" in _cartes(requete, [page.pk])[0]
    ref.sded.sigle = "TE26"
    ref.sded.save()
    assert "TE26" in _cartes(requete, [page.pk])[0]
