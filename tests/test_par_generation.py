"""What is computed once per generation of the page cache: values (par_generation.py), the facet index of a
listing (facettes.py) and the listings' cards (cartes.py). Computed once, never stale after a change."""

import pytest
from django.test import RequestFactory

from site_collectivites.cache import par_generation
from site_collectivites.cache.pages import nouvelle_generation
from site_collectivites.cache.facettes import IndexFacettes, OptionIndex

# --- par_generation.valeur -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_value_is_computed_once_per_generation_even_in_another_process():
    appels = []

    def calculer():
        appels.append(1)
        return {"n": len(appels)}

    cle = par_generation.cle("essai")
    assert par_generation.valeur(cle, calculer) == {"n": 1}
    assert par_generation.valeur(cle, calculer) == {"n": 1}
    par_generation.vider()  # another process: only the shared cache
    assert par_generation.valeur(cle, calculer) == {"n": 1}
    nouvelle_generation()
    assert par_generation.valeur(cle, calculer) == {"n": 2}
    assert len(appels) == 2


@pytest.mark.django_db
def test_no_such_page_is_remembered_too(home):
    appels = []

    def trouver():
        appels.append(1)
        return None

    requete = RequestFactory().get("/")
    assert par_generation.url_de_page(requete, "absente", trouver) is None
    assert par_generation.url_de_page(requete, "absente", trouver) is None
    assert len(appels) == 1


@pytest.mark.django_db
def test_a_preview_never_stores_what_it_shows(home):
    from tests.factories import StandardPageFactory

    publiee = StandardPageFactory(parent=home, slug="catalogue")
    brouillon = StandardPageFactory(parent=home, slug="nouveau-catalogue")
    apercu = RequestFactory().get("/")
    apercu.is_preview = True
    assert par_generation.url_de_page(apercu, "catalogue", lambda: brouillon) == "/nouveau-catalogue/"
    assert par_generation.url_de_page(RequestFactory().get("/"), "catalogue", lambda: publiee) == "/catalogue/"


# --- IndexFacettes ---------------------------------------------------------------------------------------------


@pytest.fixture
def index():
    """Five pages (ids 10-14 in display order), two facets."""
    options = {"theme": [OptionIndex("eau", "Eau"), OptionIndex("energie", "Énergie"), OptionIndex("vide", "Vide")],
               "public": [OptionIndex("communes", "Communes"), OptionIndex("epci", "EPCI")]}
    valeurs = {
        "theme": [(10, "eau"), (11, "energie"), (12, "eau"), (12, "energie"), (13, "energie"), (99, "eau")],
        "public": [(10, "communes"), (11, "communes"), (12, "epci"), (14, "communes"), (13, "inconnue")],
    }
    return IndexFacettes.construire([10, 11, 12, 13, 14], valeurs, options)


def test_or_within_a_facet_and_across_facets(index):
    assert index.pages(index.selection({})) == [10, 11, 12, 13, 14]
    assert index.pages(index.selection({"theme": ["eau"]})) == [10, 12]
    assert index.pages(index.selection({"theme": ["eau", "energie"]})) == [10, 11, 12, 13]
    assert index.pages(index.selection({"theme": ["eau", "energie"], "public": ["communes"]})) == [10, 11]
    assert index.pages(index.selection({"theme": ["inconnu"]})) == []


def test_a_count_ignores_its_own_facet_and_applies_the_others(index):
    assert index.nombres({"theme": ["eau"]}, "theme") == {"eau": 2, "energie": 3, "vide": 0}
    assert index.nombres({"theme": ["eau"]}, "public") == {"communes": 1, "epci": 1}
    assert index.nombres({"public": ["communes"]}, "theme") == {"eau": 1, "energie": 1, "vide": 0}


def test_a_starting_set_narrows_everything(index):
    depart = index.masque_des_pages([11, 12, 404])
    assert index.pages(index.selection({}, depart=depart)) == [11, 12]
    assert index.nombres({}, "theme", depart=depart) == {"eau": 1, "energie": 2, "vide": 0}


def test_many_pages_keep_their_order():
    pks = list(range(1000, 4000))
    index = IndexFacettes.construire(pks, {"f": [(pk, "pair") for pk in pks if pk % 2 == 0]},
                                     {"f": [OptionIndex("pair", "Pair")]})
    assert index.pages(index.selection({"f": ["pair"]})) == [pk for pk in pks if pk % 2 == 0]
