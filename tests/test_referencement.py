"""Shared and found (#19 item 7), read as their consumers read them: search engines take the JSON-LD of a page
(schema.org BreadcrumbList, the Département as a GovernmentOrganization), social networks Open Graph and
twitter:card, feed readers the Atom feed's author (RFC 4287), calendar applications a webcal:// subscription
and the calendar's name (X-WR-CALNAME)."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from agenda.models import AgendaIndexPage, EvenementPage
from offres.models import RealisationPage
from site_collectivites.models import ParametresSite
from tests.instantanes import demo_en_transaction

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site (tests/instantanes.py), in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


def lire(client, chemin):
    reponse = client.get(chemin)
    assert reponse.status_code == 200, chemin
    return BeautifulSoup(reponse.content.decode(), "html.parser")


def donnees_jsonld(soupe, type_):
    """The JSON-LD objects of this @type in the page, parsed as a search engine parses them."""
    objets = [json.loads(script.string) for script in soupe.find_all("script", type="application/ld+json")]
    return [objet for objet in objets if objet.get("@type") == type_]


def chemins_a_verifier(client):
    """One page of each type from the sitemap, and the routes with a breadcrumb of their own."""
    plan = client.get("/sitemap.xml").content.decode()
    chemins, types = [], set()
    for loc in re.findall(r"<loc>([^<]+)</loc>", plan):
        chemin = urlsplit(loc).path
        page = Page.objects.filter(url_path__endswith=chemin).first()
        type_ = page.content_type_id if page else chemin
        if type_ not in types:
            types.add(type_)
            chemins.append(chemin)
    return chemins + ["/offre-ingenierie/partenaires/caue/", "/bilan/canton/le-diois/"]


def test_every_breadcrumb_is_a_breadcrumblist_search_engines_read(demo, client):
    vus = 0
    for chemin in chemins_a_verifier(client):
        soupe = lire(client, chemin)
        fil = soupe.find("nav", class_="fil-ariane")
        listes = donnees_jsonld(soupe, "BreadcrumbList")
        if fil is None:
            assert listes == [], chemin  # the home page has no trail
            continue
        vus += 1
        (liste,) = listes
        assert liste["@context"] == "https://schema.org"
        elements = liste["itemListElement"]
        # The same trail as the one people read, in order, from position 1.
        assert [e["name"] for e in elements] == [li.get_text(" ", strip=True) for li in fil.find_all("li")], chemin
        assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
        assert all(e["@type"] == "ListItem" for e in elements)
        # Absolute, on SITE_URL, and each one a page that answers.
        for element in elements:
            parties = urlsplit(element["item"])
            assert (parties.scheme, parties.netloc) == ("http", "testserver"), element
            assert client.get(parties.path).status_code == 200, element
        assert elements[0]["item"] == "http://testserver/" and elements[0]["name"] == "Accueil"
        canonique = soupe.find("link", rel="canonical")["href"]
        assert urlsplit(elements[-1]["item"]).path == urlsplit(canonique).path, chemin
    assert vus >= 10


def test_the_departement_is_one_government_organization(demo, client):
    (departement,) = donnees_jsonld(lire(client, "/"), "GovernmentOrganization")
    assert departement["name"] == "Département de la Drôme"
    assert departement["@id"] == "http://testserver/#departement" and departement["url"] == "https://www.ladrome.fr"
    parametres = ParametresSite.objects.get()
    assert departement["contactPoint"]["telephone"] == parametres.telephone
    assert departement["contactPoint"]["email"] == parametres.email
    assert departement["address"]["addressLocality"] == "26026 Valence cedex 9"
    # Only the home page describes it; an event it organises names the same identity.
    assert donnees_jsonld(lire(client, "/agenda/"), "GovernmentOrganization") == []
    evenement = EvenementPage.objects.live().filter(partenaires__isnull=True).first()
    if evenement is not None:
        (donnees,) = donnees_jsonld(lire(client, evenement.url), "Event")
        assert donnees["organizer"]["@id"] == departement["@id"]


def test_a_page_with_a_picture_is_shared_with_it(demo, client):
    realisation = RealisationPage.objects.live().exclude(galerie=[]).first()
    tete = lire(client, realisation.url).head
    image = tete.find("meta", property="og:image")["content"]
    assert image.startswith("http://testserver/") and re.search(r"\.(jpg|jpeg)$", image)
    assert tete.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    accueil = lire(client, "/").head
    assert accueil.find("meta", property="og:image")  # the home page's picture
    assert accueil.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_a_page_without_picture_is_a_summary_card(demo, client):
    tete = lire(client, "/mentions-legales/").head
    assert tete.find("meta", property="og:image") is None  # the demo sets no default sharing image
    assert tete.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_the_atom_feed_names_its_author(demo, client):
    """RFC 4287 § 4.1.1: atom:feed contains atom:author unless every entry does."""
    flux = ET.fromstring(client.get("/actualites/flux/atom/").content)
    entrees = flux.findall(f"{ATOM}entry")
    assert entrees
    auteur = flux.find(f"{ATOM}author")
    assert auteur is not None or all(e.find(f"{ATOM}author") is not None for e in entrees)
    assert auteur.find(f"{ATOM}name").text == "Département de la Drôme"


def test_the_agenda_offers_a_webcal_subscription_to_a_calendar_named_for_the_site(demo, client):
    agenda = AgendaIndexPage.objects.get()
    lien = lire(client, agenda.url).find("a", string="S'abonner à l'agenda")
    assert lien["href"] == "webcal://testserver/agenda/calendrier/"
    # What a calendar application does with it: fetch the same address over http(s), read the VCALENDAR.
    reponse = client.get(urlsplit(lien["href"]).path)
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    calendrier = icalendar.Calendar.from_ical(reponse.content)
    assert calendrier["X-WR-CALNAME"] == "Agenda – Ingénierie publique – Département de la Drôme"
    assert calendrier.walk("VEVENT")
