"""The réalisations on a map of the Drôme (#19 item 6): a point per commune of the results, filtered like the
listing, each a link; the list under the map names every réalisation of the results."""

import re

import pytest
from bs4 import BeautifulSoup

from offres.models import RealisationPage
from tests.instantanes import demo_en_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


def lire(client, chemin):
    return BeautifulSoup(client.get(chemin).content.decode(), "html.parser")


def resultats(soupe):
    return int(re.match(r"(\d+)", soupe.find(id="titre-resultats").get_text(strip=True)).group(1))


@pytest.mark.parametrize("filtre", ["", "?thematique=energie", "?thematique=eau-et-environnement&annee=2024"])
def test_a_point_per_commune_of_the_results_each_a_link(demo, client, filtre):
    soupe = lire(client, "/realisations/" + filtre)
    section = soupe.find("section", class_="carte-realisations")
    liste = section.find("details")
    # Every réalisation of the results (all pages) is named in the list under the map, once.
    liens_liste = [a["href"] for a in liste.find_all("a")]
    assert len(liens_liste) == len(set(liens_liste)) == resultats(soupe)
    points = section.find("svg").find_all("a")
    communes = {li["id"]: li for li in liste.find_all("li") if li.get("id")}
    assert 0 < len(points) <= len(communes)
    for point in points:
        nom, nombre = re.fullmatch(r"(.+) : (\d+) réalisations?", point["aria-label"]).groups()
        assert point.find("circle")["r"]
        if nombre == "1":
            assert point["href"] in liens_liste and client.get(point["href"]).status_code == 200
        else:
            entree = communes[point["href"].lstrip("#")]
            assert entree.get_text().startswith(nom) and len(entree.find_all("a")) == int(nombre)


def test_the_map_follows_the_filters(demo, client):
    toutes = lire(client, "/realisations/").find("section", class_="carte-realisations").find_all("circle")
    energie = lire(client, "/realisations/?thematique=energie").find("section", class_="carte-realisations")
    attendues = RealisationPage.objects.live().filter(thematiques__slug="energie").exclude(commune=None)
    assert len(energie.find_all("circle")) == len({r.commune_id for r in attendues}) < len(toutes)
