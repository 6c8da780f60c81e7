"""portail/recherche.py: the same answers as Wagtail's search, and never a stale one."""

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from portail.recherche import PagesTrouvees, rechercher
from tests.factories import StandardPageFactory
from tests.utils import count_queries

# Not "-": with no word, Wagtail filters on a NULL tsquery, and its outer join then returns the pages that have
# no index entry at all (test_a_query_without_a_word_finds_nothing_and_says_so).
REQUETES = ["énergie", "energie renovation", "Drôme", "eau", "l'école", "rivières crues", "zzzz", "a & b",
            "x'y", "énergie énergie", "ÉCOLES", "pompe à chaleur", "eau -potable"]


@pytest.fixture
def pages(home):
    textes = [
        ("Rénovation énergétique des écoles", "Le conseil en énergie aide les communes à rénover l'école."),
        ("Énergie", "Énergie, énergie, énergie : un mot répété pour peser plus lourd."),
        ("Les rivières de la Drôme", "Entretien des berges, gestion des crues et qualité de l'eau."),
        ("Eau potable", "Schéma directeur d'eau potable et rendement des réseaux."),
        ("Pompe à chaleur à l'école", "Remplacer une chaudière au fioul par une pompe à chaleur."),
        ("Assainissement", "Stations d'épuration de la Drôme et rénovation des réseaux d'eau."),
        ("Voirie", "Rien sur le sujet."),
    ]
    for i, (titre, intro) in enumerate(textes):
        StandardPageFactory(parent=home, title=titre, slug=f"page-{i}", intro=intro)
    # Pages of equal rank: Wagtail breaks ties by decreasing id.
    for i in range(3):
        StandardPageFactory(parent=home, title=f"Fiche énergie {i}", slug=f"fiche-{i}", intro="Fiche.")
    StandardPageFactory(parent=home, title="Brouillon sur l'énergie", slug="brouillon", live=False)
    privee = StandardPageFactory(parent=home, title="Énergie réservée", slug="reservee")
    PageViewRestriction.objects.create(page=privee, restriction_type="password", password="x")
    StandardPageFactory(parent=privee, title="Énergie sous la page réservée", slug="dessous")
    return home


def _wagtail(texte):
    from site_collectivites.cache import par_generation

    pages = par_generation.publiques(Page.objects.live().exclude(depth__lte=1))
    return [p.pk for p in pages.search(texte, operator="and")]


@pytest.mark.parametrize("texte", REQUETES)
def test_the_same_pages_in_the_same_order_as_wagtails_search(pages, texte):
    resultats = rechercher(texte)
    assert isinstance(resultats, PagesTrouvees)  # the suite runs on PostgreSQL: our path, not Wagtail's
    assert [p.pk for p in resultats[0:len(resultats)]] == _wagtail(texte)


def test_the_ranking_is_really_compared(pages):
    # The comparison above would pass on a query matching one page only: these match several, in an order
    # that is not the pages' order.
    assert [p.title for p in rechercher("énergie")[0:20]] == [
        "Énergie", "Fiche énergie 2", "Fiche énergie 1", "Fiche énergie 0", "Rénovation énergétique des écoles"]
    assert len(rechercher("eau")) == 3


def test_an_image_with_the_id_of_a_page_is_not_a_result(pages):
    from wagtail.images import get_image_model

    page = Page.objects.get(slug="page-6")  # "Voirie": no word of the query
    image = get_image_model().objects.create(title="Photo de chaudière", file=get_test_image_file())
    get_image_model().objects.filter(pk=image.pk).update(id=page.pk)
    from wagtail.search.backends import get_search_backend

    get_search_backend().add(get_image_model().objects.get(pk=page.pk))
    assert "Voirie" not in [p.title for p in rechercher("chaudière")[0:10]]


def test_unpublished_private_and_new_pages_are_seen_at_once(pages, home):
    assert "Eau potable" in [p.title for p in rechercher("eau")[0:10]]
    Page.objects.get(slug="page-3").unpublish()
    assert "Eau potable" not in [p.title for p in rechercher("eau")[0:10]]
    page = Page.objects.get(slug="page-2")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert [p.title for p in rechercher("eau")[0:10]] == ["Assainissement"]
    StandardPageFactory(parent=home, title="Eau pluviale", slug="eau-pluviale", intro="Noues et bassins.")
    assert "Eau pluviale" in [p.title for p in rechercher("eau")[0:10]]


def test_a_search_is_two_queries_whatever_the_number_of_matches(pages, home, client):
    client.get("/recherche/", {"q": "énergie"})
    avant = count_queries(lambda: client.get("/recherche/", {"q": "énergie"}))
    for i in range(30):
        StandardPageFactory(parent=home, title=f"Énergie {i}", slug=f"energie-{i}")
    client.get("/recherche/", {"q": "énergie"})  # the first render after a publication reads the live pages
    assert count_queries(lambda: client.get("/recherche/", {"q": "énergie"})) == avant == 2


def test_a_query_without_a_word_finds_nothing_and_says_so(pages, client):
    html = client.get("/recherche/", {"q": "- -"}).content.decode()
    assert "0 résultat" in html


def test_a_query_wagtail_builds_otherwise_is_left_to_wagtail(pages, monkeypatch, client):
    # After an upgrade, Wagtail may build its tsquery differently: the search then stays Wagtail's own.
    from portail import recherche

    monkeypatch.setattr(recherche, "_sql", lambda expression: ("websearch_to_tsquery(%s::regconfig, %s)", ["x", "y"]))
    resultats = rechercher("eau")
    assert not isinstance(resultats, PagesTrouvees)
    assert [p.pk for p in resultats] == _wagtail("eau")
    assert "3 résultats" in client.get("/recherche/", {"q": "eau"}).content.decode()
