import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory


@pytest.fixture
def pages(home):
    StandardPageFactory(parent=home, title="Rénovation énergétique des écoles", slug="ecoles",
                        intro="Le conseil en énergie aide les communes rurales.")
    StandardPageFactory(parent=home, title="Assainissement collectif", slug="assainissement",
                        intro="Les stations d'épuration suivies par le SATESE.")
    StandardPageFactory(parent=home, title="Projet non publié sur l'énergie", slug="brouillon", live=False)
    private = StandardPageFactory(parent=home, title="Page réservée énergie", slug="reservee")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return home


def test_search_finds_the_expected_page_with_french_stemming(client, pages):
    response = client.get("/recherche/", {"q": "énergies"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rénovation énergétique des écoles" in html
    assert "Assainissement collectif" not in html
    assert "Projet non publié" not in html and "Page réservée" not in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_search_without_query_shows_the_form_only(client, pages):
    html = client.get("/recherche/").content.decode()
    assert '<label for="recherche-page">Mots recherchés</label>' in html
    assert "résultat" not in html


def test_search_with_nothing_found_helps_the_visitor(client, pages):
    html = client.get("/recherche/", {"q": "zzzzqqq"}).content.decode()
    assert "0 résultat" in html
    assert "Essayez un mot plus court" in html


@pytest.mark.parametrize("page", ["abc", "-3", "999", "1.5", ""])
def test_search_pagination_never_fails(client, pages, page):
    assert client.get("/recherche/", {"q": "énergie", "page": page}).status_code == 200


def test_search_paginates_results(client, home):
    for i in range(12):
        StandardPageFactory(parent=home, title=f"Fiche patrimoine {i}", slug=f"fiche-{i}")
    first = client.get("/recherche/", {"q": "patrimoine"}).content.decode()
    second = client.get("/recherche/", {"q": "patrimoine", "page": 2}).content.decode()
    assert "12 résultats" in first and "Page 1 sur 2" in first and "q=patrimoine&amp;page=2" in first
    assert "Page 2 sur 2" in second


def test_sitemap_lists_published_public_pages_only(client, pages):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/ecoles/</loc>" in xml
    assert "<loc>http://testserver/</loc>" in xml
    assert "brouillon" not in xml
    assert "reservee" not in xml


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_search_ignores_accents_both_ways(client, home):
    StandardPageFactory(parent=home, title="Les rivières de la Drôme", slug="rivieres",
                        intro="Entretien des berges et gestion des crues.")
    for query in ("drome", "Drôme", "DROME", "rivieres"):
        html = client.get("/recherche/", {"q": query}).content.decode()
        assert "Les rivières de la Drôme" in html, query
