"""The admin's page search ignores accents and case, as the public search does: an editor typing « drome » on a
phone finds « La Drôme… ». Wagtail's admin searches pages by autocompletion (prefixes of words), through the
search backend's autocompletion configuration, not its French one (site_collectivites/recherche.py)."""

import importlib

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.urls import reverse

from tests.factories import StandardPageFactory


@pytest.fixture
def redacteur(db):
    user = User.objects.create_user("redactrice", password="mot-de-passe-de-test-2026")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    return user


@pytest.fixture
def pages(home):
    return [
        StandardPageFactory(parent=home, title="Les rivières de la Drôme", slug="rivieres"),
        StandardPageFactory(parent=home, title="Éclairage public : économiser l'énergie", slug="eclairage"),
        StandardPageFactory(parent=home, title="Ecole numérique", slug="ecole"),
    ]


def titres_trouves(client, url, requete):
    reponse = client.get(url, {"q": requete})
    assert reponse.status_code == 200
    return {page.title for page in reponse.context["pages"]}


@pytest.mark.parametrize(
    "requete, attendu",
    [
        ("drome", "Les rivières de la Drôme"),
        ("Drôme", "Les rivières de la Drôme"),
        ("DROME", "Les rivières de la Drôme"),
        ("DRÔME", "Les rivières de la Drôme"),
        ("riviere", "Les rivières de la Drôme"),
        ("eclairage", "Éclairage public : économiser l'énergie"),
        ("ÉCLAIRAGE", "Éclairage public : économiser l'énergie"),
        ("eclai", "Éclairage public : économiser l'énergie"),  # a prefix, as one types
        ("energie", "Éclairage public : économiser l'énergie"),
        ("école", "Ecole numérique"),  # accents typed where the title has none
    ],
)
def test_the_admin_page_search_ignores_accents_and_case(client, redacteur, pages, requete, attendu):
    client.force_login(redacteur)
    assert attendu in titres_trouves(client, reverse("wagtailadmin_pages:search"), requete)


def test_the_explorers_search_ignores_accents_too(client, redacteur, pages, home):
    client.force_login(redacteur)
    url = reverse("wagtailadmin_explore", args=[home.pk])
    assert titres_trouves(client, url, "drome") == {"Les rivières de la Drôme"}
    assert titres_trouves(client, url, "ECLAIRAGE") == {"Éclairage public : économiser l'énergie"}


def test_an_anonymous_visitor_gets_no_admin_search(client, pages):
    reponse = client.get(reverse("wagtailadmin_pages:search"), {"q": "drome"})
    assert reponse.status_code == 302 and "/login/" in reponse["Location"]


def test_the_migration_rewrites_the_entries_indexed_before_it(client, redacteur, pages, home):
    """The autocompletion vectors written before migration 0008 (`simple`, accents kept) are found after it,
    without rebuilding the index."""
    migration = importlib.import_module("site_collectivites.migrations.0009_autocompletion_sans_accents")
    with connection.cursor() as curseur:
        curseur.execute("UPDATE wagtailsearch_indexentry SET autocomplete = to_tsvector('simple', title_text)")
    client.force_login(redacteur)
    url = reverse("wagtailadmin_explore", args=[home.pk])
    assert titres_trouves(client, url, "drome") == set()  # as it was
    with connection.cursor() as curseur:
        curseur.execute(migration.CREATE)
    assert titres_trouves(client, url, "drome") == {"Les rivières de la Drôme"}
    assert titres_trouves(client, url, "Drôme") == {"Les rivières de la Drôme"}
