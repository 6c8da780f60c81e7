"""The SQL of the listings at scale (issue #8): the facet values' rewrite gives the same rows, the cards'
queries leave the StreamFields out, and the indexes the plans rely on exist (docs/performance.md)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.models import ActualitePage, EvenementPage
from site_collectivites.cache.requetes import valeurs_utilisees
from site_collectivites.taxonomie.models import Thematique
from site_collectivites.territoire.models import Commune, Epci
from tests.agenda.factories import (
    ActualiteIndexPageFactory,
    ActualitePageFactory,
    AgendaIndexPageFactory,
    EvenementPageFactory,
)
from tests.factories import ThematiqueFactory

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")


def test_used_values_are_those_of_the_distinct_join(home):
    index = ActualiteIndexPageFactory(parent=home)
    autre_index = ActualiteIndexPageFactory(parent=home, slug="autres-actualites")
    eau, habitat, brouillon, ailleurs, inutilisee = (ThematiqueFactory() for _ in range(5))
    ActualitePageFactory(parent=index, thematiques=[eau, habitat])
    ActualitePageFactory(parent=index, thematiques=[eau])
    ActualitePageFactory(parent=index, thematiques=[brouillon], live=False)
    ActualitePageFactory(parent=autre_index, thematiques=[ailleurs])
    actualites = ActualitePage.objects.live().public().descendant_of(index)

    attendu = list(Thematique.objects.filter(actualites__in=actualites).distinct())
    assert list(valeurs_utilisees(Thematique, actualites, "thematiques")) == attendu
    assert set(attendu) == {eau, habitat}
    assert inutilisee not in attendu


def test_used_values_through_a_foreign_key(home):
    epci = Epci.objects.create(siren="242600252", nom="CC du Diois", slug="cc-du-diois", nature="CC")
    die, crest, _sans_evenement = (
        Commune.objects.create(insee=insee, nom=nom, population=1000, epci=epci)
        for insee, nom in (("26113", "Die"), ("26108", "Crest"), ("26001", "Aix-en-Diois"))
    )
    agenda = AgendaIndexPageFactory(parent=home)
    EvenementPageFactory(parent=agenda, commune=die)
    EvenementPageFactory(parent=agenda, commune=die)
    EvenementPageFactory(parent=agenda, commune=crest, live=False)
    evenements = EvenementPage.objects.live().descendant_of(agenda)

    assert list(valeurs_utilisees(Commune, evenements, "commune")) == [die]


@pytest.mark.parametrize(
    "fabrique, colonnes",
    [
        (ActualiteIndexPageFactory, ("agenda_actualitepage", ["corps"])),
        (AgendaIndexPageFactory, ("agenda_evenementpage", ["description", "replay_supports"])),
    ],
    ids=["actualites", "agenda"],
)
def test_listing_queries_leave_the_streamfields_out(client, home, fabrique, colonnes):
    index = fabrique(parent=home)
    enfant = ActualitePageFactory if fabrique is ActualiteIndexPageFactory else EvenementPageFactory
    enfant(parent=index)
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(index.url).status_code == 200
    sql = "\n".join(q["sql"] for q in requetes.captured_queries)
    table, streamfields = colonnes
    assert f'"{table}"."resume"' in sql  # the cards' query is there
    for colonne in streamfields:
        assert f'"{table}"."{colonne}"' not in sql


INDEX = {
    "recherche_titre_corps_gin": "wagtailsearch_indexentry",
    "actualite_date_publication": "agenda_actualitepage",
    "evenement_debut": "agenda_evenementpage",
    "realisation_annee": "offres_realisationpage",
    "page_titre": "wagtailcore_page",
}


@postgresql
def test_the_listing_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(INDEX)])
        trouves = {nom: (table, definition) for nom, table, definition in cursor.fetchall()}
    assert {nom: table for nom, (table, _d) in trouves.items()} == INDEX
    assert "gin (((title || body)))" in trouves["recherche_titre_corps_gin"][1]


@postgresql
def test_search_filter_can_use_the_title_body_index(client, home):
    """The index only serves a filter on the very expression it is built on, which the search's statement
    (portail/recherche.py) writes: if either changes, the index is dead weight and this test says so."""
    from tests.factories import StandardPageFactory

    StandardPageFactory(parent=home, title="Eau potable", slug="eau-potable")
    with CaptureQueriesContext(connection) as requetes:
        assert "Eau potable" in client.get("/recherche/?q=eau").content.decode()
    sql = [q["sql"] for q in requetes.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    assert len(sql) == 1
    filtre = re.search(r"\(title \|\| body\) @@ to_tsquery\([^()]*\)", sql[0])
    assert filtre, "the search no longer filters on (title || body) @@ to_tsquery(…)"
    with connection.cursor() as cursor:
        # The filter alone, table read whole forbidden (a tiny test table would be): only an index matching the
        # expression can serve it, the GIN indexes on title and on body cannot.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE {filtre.group(0)}")
        plan = "\n".join(ligne[0] for ligne in cursor.fetchall())
    assert "recherche_titre_corps_gin" in plan, plan
