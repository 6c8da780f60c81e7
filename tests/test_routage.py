"""Routing from the table kept per generation (site_collectivites/cache/routage.py): the same answer as Wagtail's walk
down the tree, in one query, and never stale after a change to the tree."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from wagtail.models import Page, PageViewRestriction

from site_collectivites.cache import routage
from tests.factories import PartenaireFactory, StandardPageFactory, ThematiqueFactory
from tests.offres.factories import (
    OffreIndexPageFactory,
    PartenaireIndexPageFactory,
    offre,
)
from tests.utils import count_queries


@pytest.fixture
def arbre(home):
    """Pages at several depths, a draft with a live child, a routable catalogue with an offer, and a partners
    page whose partner routes (<slug>/) take precedence over its children."""
    rubrique = StandardPageFactory(parent=home, title="Eau", slug="eau")
    sous_rubrique = StandardPageFactory(parent=rubrique, title="Assainissement", slug="assainissement")
    StandardPageFactory(parent=sous_rubrique, title="Collectif", slug="collectif")
    brouillon = StandardPageFactory(parent=home, title="Brouillon", slug="brouillon")
    brouillon.unpublish()
    StandardPageFactory(parent=brouillon, title="Enfant publié", slug="enfant")
    catalogue = OffreIndexPageFactory(parent=home, slug="offre-ingenierie")
    offre(catalogue, "Éclairage public", PartenaireFactory(slug="sded"), [ThematiqueFactory(slug="energie")])
    partenaires = PartenaireIndexPageFactory(parent=catalogue, slug="partenaires")
    StandardPageFactory(parent=partenaires, title="Page cachée par la route", slug="sded")
    return home


CHEMINS = [
    "", "eau/", "eau/assainissement/", "eau/assainissement/collectif/", "eau/inconnu/", "inconnu/",
    "brouillon/", "brouillon/enfant/", "offre-ingenierie/", "offre-ingenierie/eclairage-public/",
    "offre-ingenierie/flux/aides-territoires/", "offre-ingenierie/inconnu/", "offre-ingenierie/partenaires/",
    "offre-ingenierie/partenaires/sded/", "offre-ingenierie/partenaires/inconnu/",
]


def _resume(resultat):
    """What a route result decides: the page, and for a routable page the view and its arguments."""
    if resultat is None:
        return None
    page, args, kwargs = resultat
    if args and callable(args[0]):
        vue, vue_args, vue_kwargs = args
        return page.pk, type(page), vue.__name__, tuple(vue_args), dict(vue_kwargs)
    return page.pk, type(page), tuple(args), dict(kwargs)


@pytest.mark.parametrize("chemin", CHEMINS)
def test_the_table_gives_the_answer_of_wagtails_walk(arbre, chemin):
    requete_table = RequestFactory().get("/" + chemin)
    routage.preparer(requete_table, chemin)
    requete_arbre = RequestFactory().get("/" + chemin)
    attendu = _resume(Page.route_for_request(requete_arbre, chemin))
    assert _resume(Page.route_for_request(requete_table, chemin)) == attendu


def test_the_table_knows_the_reachable_pages_and_leaves_the_rest_to_wagtail(arbre):
    table = routage.construire_table(arbre)
    assert {"", "eau/assainissement/collectif", "brouillon/enfant", "offre-ingenierie/eclairage-public"} <= set(table)
    assert "brouillon" not in table  # a draft: Wagtail answers 404
    assert "offre-ingenierie/partenaires/sded" not in table  # the partner route wins over the child page


def test_a_page_is_found_with_one_query_once_the_table_is_built(arbre):
    chemin = "eau/assainissement/collectif/"
    routage.preparer(RequestFactory().get("/" + chemin), chemin)
    requete = RequestFactory().get("/" + chemin)
    assert count_queries(lambda: routage.preparer(requete, chemin)) == 1
    assert requete._wagtail_route_for_request[0].title == "Collectif"


@pytest.mark.django_db
def test_the_table_follows_every_change_of_the_tree(arbre, settings):
    settings.CACHE_PAGES = False  # only the routing table remembers anything
    client = Client()
    page = Page.objects.get(slug="collectif").specific
    assert client.get("/eau/assainissement/collectif/").status_code == 200

    page.unpublish()
    assert client.get("/eau/assainissement/collectif/").status_code == 404
    page.save_revision().publish()
    assert client.get("/eau/assainissement/collectif/").status_code == 200

    page.slug = "collectif-urbain"
    page.save_revision().publish()
    assert client.get("/eau/assainissement/collectif-urbain/").status_code == 200

    page.move(Page.objects.get(slug="eau"), pos="last-child")
    assert client.get("/eau/collectif-urbain/").status_code == 200

    nouvelle = StandardPageFactory(parent=arbre, title="Voirie", slug="voirie")
    assert client.get("/voirie/").status_code == 200
    nouvelle.delete()
    assert client.get("/voirie/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("cache_pages", [False, True], ids=["sans cache de pages", "avec cache de pages"])
def test_a_page_made_private_is_no_longer_served_to_anonymous_visitors(arbre, settings, cache_pages):
    settings.CACHE_PAGES = cache_pages
    client = Client()
    url = "/eau/assainissement/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # stored, when the page cache is on
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(slug="assainissement"), restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Agents")])
    for chemin in (url, url + "collectif/"):
        reponse = client.get(chemin)
        assert reponse.status_code == 302 and "login" in reponse["Location"]
