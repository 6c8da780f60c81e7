"""The home page's "latest news" and "next events" sections."""

import datetime
from unittest import mock

import pytest

from tests.agenda.factories import ActualitePageFactory, EvenementPageFactory, paris
from tests.utils import count_queries, titres_de_la_section

pytestmark = pytest.mark.django_db
NOW = paris(2026, 11, 23, 10, 0)


def accueil(client):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        response = client.get("/")
    assert response.status_code == 200
    return response


def test_home_sections(client, home, agenda, actualites):
    for jour in range(1, 6):
        ActualitePageFactory(parent=actualites, title=f"Actu {jour}", date_publication=datetime.date(2026, 11, jour))
    EvenementPageFactory(parent=agenda, title="Passé", debut=paris(2026, 11, 1, 9), fin=paris(2026, 11, 1, 12))
    EvenementPageFactory(parent=agenda, title="Annulé", statut="annule", debut=paris(2026, 11, 24, 9),
                         fin=paris(2026, 11, 24, 12))
    for jour in (28, 25, 27, 30):
        EvenementPageFactory(parent=agenda, title=f"Le {jour}", debut=paris(2026, 11, jour, 9),
                             fin=paris(2026, 11, jour, 12))
    response = accueil(client)
    html = response.content.decode()
    assert titres_de_la_section(html, "actualites") == ["Actu 5", "Actu 4", "Actu 3"]
    assert titres_de_la_section(html, "agenda") == ["Le 25", "Le 27", "Le 28"]
    assert "Dernières actualités" in html and "Prochains rendez-vous" in html
    assert '<time datetime="2026-11-05">5 novembre 2026</time>' in html
    assert "Mercredi 25 novembre 2026, de 9 h à 12 h" in html


def test_home_query_count_independent_of_content(client, home, agenda, actualites):
    def creer(n):
        for i in range(n):
            ActualitePageFactory(parent=actualites)
            EvenementPageFactory(parent=agenda, debut=paris(2026, 12, 1 + i % 28, 9), fin=paris(2026, 12, 1 + i % 28, 10))

    def mesurer():
        accueil(client)
        return count_queries(lambda: accueil(client))

    creer(5)
    avec_5 = mesurer()
    creer(25)
    assert mesurer() == avec_5


def test_home_sections_cache_is_cleared_on_publish(client, home, agenda, actualites):
    ActualitePageFactory(parent=actualites, title="Première", date_publication=datetime.date(2026, 11, 1))
    assert titres_de_la_section(accueil(client).content.decode(), "actualites") == ["Première"]
    nouvelle = ActualitePageFactory(parent=actualites, title="Seconde", date_publication=datetime.date(2026, 11, 2))
    assert titres_de_la_section(accueil(client).content.decode(), "actualites") == ["Seconde", "Première"]
    nouvelle.unpublish()
    assert titres_de_la_section(accueil(client).content.decode(), "actualites") == ["Première"]
