"""News: listing (filter, pagination, order, empty state), page, RSS feed, query count."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.images import get_image_model

from agenda import services
from tests.agenda.factories import ActualitePageFactory
from tests.factories import ThematiqueFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def titres(response):
    return re.findall(r'class="actualite__titre"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def image(titre="Vue du Vercors"):
    return get_image_model().objects.create(title=titre, description="Falaises du Vercors au printemps",
                                            file=get_test_image_file())


def test_newest_first_filter_and_pagination(client, actualites):
    eau = ThematiqueFactory(nom="Eau et environnement test")
    for jour in range(1, 14):
        actualite = ActualitePageFactory(parent=actualites, title=f"Eau {jour:02d}",
                                         date_publication=datetime.date(2026, 10, jour))
        actualite.thematiques.add(eau)
        actualite.save_revision().publish()
    ActualitePageFactory(parent=actualites, title="Voirie", date_publication=datetime.date(2026, 11, 2))

    response = client.get(actualites.url)
    assert titres(response)[:3] == ["Voirie", "Eau 13", "Eau 12"]
    assert len(titres(response)) == services.ACTUALITES_PAR_PAGE
    assert "noindex" not in response.content.decode()

    filtree = client.get(actualites.url, {"thematique": eau.slug})
    html = filtree.content.decode()
    assert "Voirie" not in titres(filtree)
    assert len(titres(filtree)) == 10
    assert f"?thematique={eau.slug}&amp;page=2" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert f'value="{eau.slug}" selected' in html
    page2 = client.get(actualites.url, {"thematique": eau.slug, "page": 2})
    assert titres(page2) == ["Eau 03", "Eau 02", "Eau 01"]


def test_the_listing_follows_publications(client, actualites):
    # Its index and cards are kept per generation of the page cache: every change must show at once.
    from wagtail.models import PageViewRestriction

    premiere = ActualitePageFactory(parent=actualites, title="Première", date_publication=datetime.date(2026, 10, 2))
    seconde = ActualitePageFactory(parent=actualites, title="Seconde", date_publication=datetime.date(2026, 10, 1))
    assert titres(client.get(actualites.url)) == ["Première", "Seconde"]
    premiere.title = "Première renommée"
    premiere.save_revision().publish()
    assert titres(client.get(actualites.url)) == ["Première renommée", "Seconde"]
    seconde.unpublish()
    assert titres(client.get(actualites.url)) == ["Première renommée"]
    PageViewRestriction.objects.create(page=premiere, restriction_type=PageViewRestriction.LOGIN)
    assert titres(client.get(actualites.url)) == []


def test_cards_from_the_cache_are_the_cards_rendered(client, actualites):
    thematique = ThematiqueFactory(nom="Eau test")
    avec_image = ActualitePageFactory(parent=actualites, title="Avec image", image=image())
    avec_image.thematiques.add(thematique)
    avec_image.save_revision().publish()
    ActualitePageFactory(parent=actualites, title="Sans image")

    def liste(response):
        html = response.content.decode()
        return html[html.index('<ul class="actualites">'):html.index("</ul>", html.index('<ul class="actualites">'))]

    rendues = liste(client.get(actualites.url))  # cards rendered (their picture's renditions created)
    assert "<picture" in rendues and "Eau test" in rendues
    assert liste(client.get(actualites.url)) == rendues  # the same cards, from the cache


def test_empty_state(client, actualites):
    ThematiqueFactory(nom="Habitat test")
    response = client.get(actualites.url, {"thematique": "habitat-test"})
    assert "Aucune actualité" in response.content.decode()
    assert "Voir toutes les actualités" in response.content.decode()


def test_rss_link_in_head_and_feed_with_absolute_links(client, actualites):
    ActualitePageFactory(parent=actualites, title="Ancienne", date_publication=datetime.date(2025, 2, 25))
    ActualitePageFactory(parent=actualites, title="Récente <b>&</b>", date_publication=datetime.date(2026, 11, 20))
    html = client.get(actualites.url).content.decode()
    lien = re.search(r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)">', html)
    assert lien and lien.group(1) == "/actualites/flux/"

    response = client.get(lien.group(1))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    canal = ET.fromstring(response.content).find("channel")
    assert canal.findtext("link") == "http://testserver/actualites/"
    items = canal.findall("item")
    assert [item.findtext("title") for item in items] == ["Récente <b>&</b>", "Ancienne"]
    for item in items:
        assert item.findtext("link").startswith("http://testserver/actualites/")
        assert item.findtext("description") == "Un résumé d'actualité."
        assert item.findtext("pubDate")


def test_news_page_with_picture(client, actualites):
    actualite = ActualitePageFactory(parent=actualites, image=image())
    html = client.get(actualite.url).content.decode()
    assert "<picture" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'alt="Falaises du Vercors au printemps"' in html
    assert 'loading="lazy"' in html
    assert re.search(r"srcset=\"[^\"]+ 480w, ", html)
    assert '<meta property="og:image"' in html


def test_query_count_does_not_grow_with_the_number_of_news(client, actualites):
    thematique = ThematiqueFactory(nom="Numérique test")
    photo = image()

    def creer(n):
        for _ in range(n):
            actualite = ActualitePageFactory(parent=actualites, image=photo)
            actualite.thematiques.add(thematique)
            actualite.save()

    def mesurer():
        client.get(actualites.url)  # warm-up: renditions are generated on first view
        return count_queries(lambda: client.get(actualites.url))

    creer(5)
    avec_5 = mesurer()
    creer(25)
    avec_30 = mesurer()
    assert avec_5 == avec_30, (avec_5, avec_30)
    # Once its index and cards are cached (per generation), the page itself costs no query: these are the
    # routing's and the page's own.
    assert avec_30 <= 4


def test_atom_feed(client, actualites):
    actualite = ActualitePageFactory(parent=actualites, title="Atome", date_publication=datetime.date(2026, 11, 20))
    html = client.get(actualites.url).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Actualités (Atom)" href="/actualites/flux/atom/">' in html
    response = client.get("/actualites/flux/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    racine = ET.fromstring(response.content)
    entree = racine.find("a:entry", ns)
    assert entree.findtext("a:title", namespaces=ns) == "Atome"
    assert entree.find("a:link", ns).get("href") == f"http://testserver{actualite.url}"
    assert entree.findtext("a:updated", namespaces=ns)
