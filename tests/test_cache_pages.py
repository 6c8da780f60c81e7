"""The page cache for anonymous visitors (site_collectivites/cache/pages.py): what a visitor sees is never stale
after an editor's change, never another person's page, and never carries another visitor's token or cookie."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from wagtail.contrib.frontend_cache.backends import BaseBackend

from newsletter.models import Abonne
from site_collectivites.demo.utils import stream
from site_collectivites.models import Navigation, ParametresSite
from tests.factories import PartenaireFactory, StandardPageFactory, ThematiqueFactory


@pytest.fixture(autouse=True)
def cache_actif(settings):
    settings.CACHE_PAGES = True


@pytest.fixture
def page(home):
    return StandardPageFactory(parent=home, title="Assainissement collectif", slug="assainissement")


def _visite(url, client=None):
    reponse = (client or Client()).get(url)
    return reponse, reponse.content.decode()


def test_second_anonymous_visitor_gets_the_stored_page_without_cookie_and_can_subscribe(page):
    premiere, html = _visite(page.url)
    seconde, html_cache = _visite(page.url)
    assert premiere["X-Cache"] == "MISS" and seconde["X-Cache"] == "HIT"
    assert html_cache == html and "Assainissement collectif" in html_cache
    assert not premiere.cookies and not seconde.cookies
    assert "csrfmiddlewaretoken" not in html_cache
    cache_control = seconde["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control and "max-age=60" in cache_control
    # The footer form of the cached page works for a visitor who never had a cookie.
    action = re.search(r'<form class="lettre-court" method="post" action="([^"]+)"', html_cache).group(1)
    reponse = Client(enforce_csrf_checks=True).post(action, {"email": "secretariat@mairie.example", "origine": page.url})
    assert reponse.status_code == 302
    assert Abonne.objects.filter(email="secretariat@mairie.example").exists()


def _lectures_du_cache(monkeypatch):
    from site_collectivites.cache import pages as cache_pages

    cache = cache_pages._cache()
    lectures = []

    class CacheObserve:
        def __getattr__(self, nom):
            if nom.startswith("get"):
                lectures.append(nom)
            return getattr(cache, nom)

    monkeypatch.setattr(cache_pages, "_cache", CacheObserve)
    return lectures


def test_a_hit_is_one_cache_read_and_no_sql(page, django_assert_num_queries, monkeypatch):
    from site_collectivites.cache.pages import copies_locales

    _visite(page.url)
    lectures = _lectures_du_cache(monkeypatch)
    with django_assert_num_queries(0):
        reponse, html = _visite(page.url)
    assert reponse["X-Cache"] == "HIT" and "Assainissement collectif" in html
    assert lectures == ["get"], "this process's copy: only the generation is read"
    # Another process (or this one after its copy was dropped): the generation and the page in one round trip.
    copies_locales.vider()
    lectures.clear()
    with django_assert_num_queries(0):
        reponse, html = _visite(page.url)
    assert reponse["X-Cache"] == "HIT" and "Assainissement collectif" in html
    assert lectures == ["get_many"]


def test_a_process_copy_is_not_served_after_a_change_made_by_another_process(page):
    from django.conf import settings
    from django.core.cache import caches

    from site_collectivites.cache.pages import CLE_GENERATION

    _visite(page.url)
    # Another app server published something: the shared generation moved, this process saw no signal.
    caches[settings.CACHE_PAGES_ALIAS].incr(CLE_GENERATION)
    assert _visite(page.url)[0]["X-Cache"] == "MISS"


def test_a_process_copy_expires_with_the_shared_entry(page, monkeypatch):
    from site_collectivites.cache import pages as cache_pages

    _visite(page.url)
    maintenant = cache_pages.time.time()
    monkeypatch.setattr(cache_pages.time, "time", lambda: maintenant + 301)
    # The shared entry expired too (CACHE_PAGES_SECONDES = 300); the generation did not move.
    cache_pages._cache().delete(cache_pages._cle(RequestFactory().get(page.url)))
    assert _visite(page.url)[0]["X-Cache"] == "MISS"


def test_a_copy_taken_from_the_shared_cache_keeps_the_shared_entrys_expiry(page, monkeypatch):
    from site_collectivites.cache import pages as cache_pages

    _visite(page.url)  # rendered and stored at t
    cache_pages.copies_locales.vider()
    maintenant = cache_pages.time.time()
    monkeypatch.setattr(cache_pages.time, "time", lambda: maintenant + 290)
    assert _visite(page.url)[0]["X-Cache"] == "HIT"  # copied into this process at t + 290
    monkeypatch.setattr(cache_pages.time, "time", lambda: maintenant + 301)
    cache_pages._cache().delete(cache_pages._cle(RequestFactory().get(page.url)))  # the shared entry expired
    assert _visite(page.url)[0]["X-Cache"] == "MISS", "the copy expires with the page it copies, at t + 300"


def test_process_copies_are_bounded(home, settings):
    from site_collectivites.cache.pages import copies_locales

    settings.CACHE_PAGES_COPIES_LOCALES = 2
    for i in range(4):
        copies_locales.garder(f"cle-{i}", 1, (200, [], b"", float("inf")))
    assert [copies_locales.contient(f"cle-{i}") for i in range(4)] == [False, False, True, True]


def test_an_entry_stored_under_an_older_generation_is_not_served(page):
    from site_collectivites.cache.pages import nouvelle_generation

    _visite(page.url)
    nouvelle_generation()
    reponse, _html = _visite(page.url)
    assert reponse["X-Cache"] == "MISS"
    assert _visite(page.url)[0]["X-Cache"] == "HIT"


def test_a_stored_page_keeps_the_csp_header_that_matches_its_nonces(home):
    from tests.agenda.factories import AgendaIndexPageFactory, EvenementPageFactory

    evenement = EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home))
    _visite(evenement.url)
    reponse, html = _visite(evenement.url)
    assert reponse["X-Cache"] == "HIT"
    nonces = set(re.findall(r'<script[^>]* nonce="([^"]+)"', html))
    assert nonces, "the event page carries its JSON-LD with a nonce"
    for nonce in nonces:
        assert f"'nonce-{nonce}'" in reponse["Content-Security-Policy"]


def _change_le_titre(page):
    page.title = "Assainissement non collectif"
    page.save_revision().publish()
    return 200, "Assainissement non collectif"


def _depublie(page):
    page.unpublish()
    return 404, None


def _supprime(page):
    page.delete()
    return 404, None


def _deplace(page):
    rubrique = StandardPageFactory(parent=page.get_parent(), slug="eau")
    page.move(rubrique, pos="last-child")
    return 301, None  # Wagtail's automatic redirect to /eau/assainissement/


@pytest.mark.parametrize("evenement", [_change_le_titre, _depublie, _supprime, _deplace])
def test_a_changed_page_is_never_served_stale(page, evenement):
    url = page.url
    _visite(url)
    assert _visite(url)[0]["X-Cache"] == "HIT"
    statut, texte = evenement(page)
    reponse, html = _visite(url)
    assert reponse.status_code == statut
    if texte:
        assert texte in html


def test_a_page_moved_in_the_menu_of_every_page_refreshes_them_all(home, page):
    autre = StandardPageFactory(parent=home, title="Voirie", slug="voirie")
    for url in ("/", page.url, autre.url):
        _visite(url)
    navigation = Navigation.for_site(home.get_site())
    navigation.menu_principal = stream(("lien", {"page": autre.pk, "url": "", "libelle": "Routes et voirie"}))
    navigation.save()
    for url in ("/", page.url, autre.url):
        reponse, html = _visite(url)
        assert reponse["X-Cache"] == "MISS" and "Routes et voirie" in html


def test_site_settings_in_the_footer_are_fresh_on_every_page(home, page):
    _visite(page.url)
    parametres = ParametresSite.for_site(home.get_site())
    parametres.nom_service = "Mission ingénierie territoriale"
    parametres.save()
    assert "Mission ingénierie territoriale" in _visite(page.url)[1]


@pytest.mark.parametrize("creer", [ThematiqueFactory, PartenaireFactory], ids=["thematique", "partenaire"])
def test_a_snippet_change_refreshes_the_pages(page, creer):
    snippet = creer()
    _visite(page.url)
    assert _visite(page.url)[0]["X-Cache"] == "HIT"
    snippet.nom = "Nouveau nom"
    snippet.save()
    assert _visite(page.url)[0]["X-Cache"] == "MISS"
    _visite(page.url)
    snippet.delete()
    assert _visite(page.url)[0]["X-Cache"] == "MISS"


@pytest.fixture
def editeur(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("redac", "redac@example.org", "motdepasse-tres-long-42"))
    return client


def test_an_editor_never_gets_the_anonymous_copy(page, editeur):
    _visite(page.url)
    assert _visite(page.url)[0]["X-Cache"] == "HIT"
    reponse, html = _visite(page.url, editeur)
    assert "X-Cache" not in reponse and "w-userbar" in html
    assert "no-store" in reponse["Cache-Control"] and "private" in reponse["Cache-Control"]


def test_an_anonymous_visitor_never_gets_the_editors_page(page, editeur):
    _visite(page.url, editeur)
    reponse, html = _visite(page.url)
    assert reponse["X-Cache"] == "MISS" and "w-userbar" not in html


def test_pages_with_a_csrf_form_are_never_stored(home):
    from tests.demandes.factories import DemandeFormPageFactory

    formulaire = DemandeFormPageFactory(parent=home)
    premiere, html = _visite(formulaire.url)
    seconde, html2 = _visite(formulaire.url)
    assert "csrfmiddlewaretoken" in html and "X-Cache" not in seconde
    assert "no-store" in seconde["Cache-Control"]
    jetons = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', h).group(1) for h in (html, html2)}
    assert len(jetons) == 2  # each visitor their own token


def test_post_and_visitors_with_a_flash_message_bypass_the_cache(page, client):
    _visite(page.url)
    client.cookies["messages"] = "un-message"
    assert "X-Cache" not in client.get(page.url)
    assert "X-Cache" not in Client().post(page.url)


def test_admin_and_previews_are_never_stored(page, editeur):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    editeur.get(url)
    assert "X-Cache" not in Client().get(url)


def test_the_cache_can_be_turned_off(page, settings):
    settings.CACHE_PAGES = False
    _visite(page.url)
    assert "X-Cache" not in _visite(page.url)[0]


class Purges(BaseBackend):
    """A frontend_cache backend that records the purged URLs instead of calling a CDN."""

    urls = []

    def purge(self, url):
        self.urls.append(url)

    def purge_batch(self, urls):
        self.urls.extend(urls)


def test_publishing_purges_the_cdn_through_frontend_cache(page, settings):
    settings.WAGTAILFRONTENDCACHE = {"essai": {"BACKEND": "tests.test_cache_pages.Purges"}}
    Purges.urls.clear()
    page.title = "Assainissement"
    page.save_revision().publish()
    assert any(url.endswith("/assainissement/") for url in Purges.urls)
