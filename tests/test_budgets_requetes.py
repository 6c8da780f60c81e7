"""Query budgets that the apps' own tests leave out (issue #8): every detail page type is bounded, search
results and each listing cost the same with 5 and with 50 items. With the page cache off (test settings):
these budgets are what a cache miss costs."""

import pytest

from tests.agenda.factories import (
    ActualiteIndexPageFactory,
    ActualitePageFactory,
    AgendaIndexPageFactory,
    EvenementPageFactory,
)
from tests.factories import PartenaireFactory, PlanDuSitePageFactory, StandardPageFactory, ThematiqueFactory
from tests.offres.factories import (
    AideIndexPageFactory,
    OffreIndexPageFactory,
    RealisationIndexPageFactory,
    RealisationPageFactory,
    aide,
    offre,
)
from tests.utils import count_queries, max_queries


def _thematiques():
    return [ThematiqueFactory(), ThematiqueFactory()]


def _actualite(home):
    return ActualitePageFactory(parent=ActualiteIndexPageFactory(parent=home), thematiques=_thematiques())


def _evenement(home):
    return EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home), thematiques=_thematiques())


def _aide(home):
    return aide(AideIndexPageFactory(parent=home), "Fonds de soutien aux territoires", _thematiques())


def _commune():
    from site_collectivites.territoire.models import Commune, Epci

    epci, _ = Epci.objects.get_or_create(siren="242600252", defaults={"nom": "CC du Diois", "slug": "cc-du-diois",
                                                                      "nature": "CC"})
    return Commune.objects.get_or_create(insee="26113", defaults={"nom": "Die", "population": 4500, "epci": epci})[0]


def _realisation(home):
    return RealisationPageFactory(parent=RealisationIndexPageFactory(parent=home), thematiques=_thematiques(),
                                  partenaires=[PartenaireFactory()], commune=_commune())


def _offre(home):
    """An offer with its relations, two réalisations that used it, and its partner's page."""
    catalogue = OffreIndexPageFactory(parent=home)
    une_offre = offre(catalogue, "Conseil en énergie", PartenaireFactory(), _thematiques())
    realisations = RealisationIndexPageFactory(parent=home)
    for _ in range(2):
        RealisationPageFactory(parent=realisations, thematiques=_thematiques(), offres=[une_offre], commune=_commune())
    return une_offre


def _plan_du_site(home):
    for i in range(3):
        StandardPageFactory(parent=StandardPageFactory(parent=home, slug=f"rubrique-{i}"), slug=f"page-{i}")
    return PlanDuSitePageFactory(parent=home)


# Measured on PostgreSQL with the demo's menus empty: a detail page is its own row and its links (one statement
# for all its many-to-many relations, site_collectivites/cache/liens.py); everything else is kept per generation.
DETAILS = {_actualite: 2, _evenement: 2, _aide: 2, _offre: 2, _realisation: 2, _plan_du_site: 5}


@pytest.mark.parametrize("construire", DETAILS, ids=lambda f: f.__name__.strip("_"))
def test_each_detail_page_type_has_a_bounded_query_count(client, home, construire):
    page = construire(home)
    client.get(page.url)  # per-process caches (content types, site root paths) warm
    with max_queries(DETAILS[construire]):
        assert client.get(page.url).status_code == 200


def _remplir_actualites(index, n):
    for _ in range(n):
        ActualitePageFactory(parent=index, thematiques=_thematiques())


def _remplir_agenda(index, n):
    for _ in range(n):
        EvenementPageFactory(parent=index, thematiques=_thematiques())


def _remplir_aides(index, n):
    for i in range(n):
        aide(index, f"Aide {index.get_children().count()}-{i}", _thematiques())


def _remplir_realisations(index, n):
    for _ in range(n):
        RealisationPageFactory(parent=index, thematiques=_thematiques(), partenaires=[PartenaireFactory()],
                               commune=_commune())


def _remplir_catalogue(index, n):
    for i in range(n):
        offre(index, f"Offre {index.get_children().count()}-{i}", PartenaireFactory(), _thematiques())


LISTES = {
    "actualites": (ActualiteIndexPageFactory, _remplir_actualites),
    "agenda": (AgendaIndexPageFactory, _remplir_agenda),
    "aides": (AideIndexPageFactory, _remplir_aides),
    "realisations": (RealisationIndexPageFactory, _remplir_realisations),
    "catalogue": (OffreIndexPageFactory, _remplir_catalogue),
}


@pytest.mark.parametrize("nom", LISTES)
def test_each_listing_costs_the_same_with_5_and_with_50_items(client, home, nom):
    fabrique, remplir = LISTES[nom]
    index = fabrique(parent=home)
    remplir(index, 5)
    client.get(index.url)
    avec_5 = count_queries(lambda: client.get(index.url))
    remplir(index, 45)
    client.get(index.url)
    assert count_queries(lambda: client.get(index.url)) == avec_5


@pytest.mark.parametrize("nom", LISTES)
def test_the_first_render_after_a_publication_costs_the_same_with_5_and_with_50_items(client, home, nom):
    """What a page cache miss costs right after a publication, when everything kept per generation (routing
    table, facet index, cards, menus) is read again: still independent of the amount of content."""
    fabrique, remplir = LISTES[nom]
    index = fabrique(parent=home)
    remplir(index, 4)
    client.get(index.url)  # what a process reads once in its life (content types, site root paths)
    remplir(index, 1)
    apres_5 = count_queries(lambda: client.get(index.url))
    remplir(index, 45)
    assert count_queries(lambda: client.get(index.url)) == apres_5


def test_search_results_cost_the_same_with_5_and_with_50_matches(client, home):
    def remplir(n, debut):
        for i in range(debut, debut + n):
            StandardPageFactory(parent=home, title=f"Assainissement {i}", slug=f"assainissement-{i}")

    remplir(5, 0)
    client.get("/recherche/?q=assainissement")
    avec_5 = count_queries(lambda: client.get("/recherche/?q=assainissement"))
    remplir(45, 5)
    reponse = client.get("/recherche/?q=assainissement")
    assert len(reponse.context["resultats"]) == 10
    assert count_queries(lambda: client.get("/recherche/?q=assainissement")) == avec_5
    with max_queries(10):
        client.get("/recherche/?q=assainissement&page=3")
