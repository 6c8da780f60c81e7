"""schema.org Event JSON-LD on event pages, and OpenGraph."""

import json
import re

import pytest

from tests.agenda.factories import EvenementPageFactory, paris
from tests.factories import PartenaireFactory

pytestmark = pytest.mark.django_db


def jsonld(html):
    """The event's JSON-LD (the page also has its breadcrumb's: tests/test_referencement.py)."""
    blocs = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    (evenement,) = [donnees for donnees in map(json.loads, blocs) if donnees["@type"] == "Event"]
    return evenement


@pytest.mark.parametrize(
    ("statut", "attendu"),
    [("programme", "EventScheduled"), ("reporte", "EventPostponed"), ("annule", "EventCancelled")],
)
def test_event_status(client, agenda, statut, attendu):
    evenement = EvenementPageFactory(parent=agenda, statut=statut)
    donnees = jsonld(client.get(evenement.url).content.decode())
    assert donnees["@type"] == "Event"
    assert donnees["eventStatus"] == f"https://schema.org/{attendu}"


def test_in_person_event(client, agenda):
    caue = PartenaireFactory(nom="CAUE de la Drôme test", site_web="https://caue.example")
    evenement = EvenementPageFactory(parent=agenda, title="Rencontres", lieu_nom="Palais des congrès",
                                     lieu_adresse="1 avenue de la Gare", debut=paris(2026, 9, 18, 9),
                                     fin=paris(2026, 9, 18, 17))
    evenement.partenaires.add(caue)
    evenement.save_revision().publish()
    html = client.get(evenement.url).content.decode()
    donnees = jsonld(html)
    assert donnees["name"] == "Rencontres"
    assert donnees["startDate"] == "2026-09-18T09:00:00+02:00"
    assert donnees["endDate"] == "2026-09-18T17:00:00+02:00"
    assert donnees["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert donnees["location"]["@type"] == "Place"
    assert donnees["location"]["name"] == "Palais des congrès"
    assert donnees["location"]["address"]["@type"] == "PostalAddress"
    assert donnees["location"]["address"]["streetAddress"] == "1 avenue de la Gare"
    assert donnees["organizer"] == [{"@type": "Organization", "name": "CAUE de la Drôme test",
                                     "url": "https://caue.example"}]
    assert donnees["url"] == f"http://testserver{evenement.url}"
    assert '<meta property="og:title" content="Rencontres">' in html
    assert f'<meta property="og:url" content="http://testserver{evenement.url}">' in html


def test_online_and_mixed_events(client, agenda):
    en_ligne = EvenementPageFactory(parent=agenda, mode="en_ligne", lieu_nom="", lien_en_ligne="https://visio.example/x")
    donnees = jsonld(client.get(en_ligne.url).content.decode())
    assert donnees["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert donnees["location"] == {"@type": "VirtualLocation", "url": "https://visio.example/x"}
    assert donnees["organizer"]["name"] == "Département de la Drôme"

    mixte = EvenementPageFactory(parent=agenda, mode="mixte", lien_en_ligne="https://visio.example/y")
    donnees = jsonld(client.get(mixte.url).content.decode())
    assert donnees["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [lieu["@type"] for lieu in donnees["location"]] == ["Place", "VirtualLocation"]


def test_all_day_dates(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, journee_entiere=True, debut=paris(2026, 9, 18, 9),
                                     fin=paris(2026, 9, 18, 17))
    donnees = jsonld(client.get(evenement.url).content.decode())
    assert (donnees["startDate"], donnees["endDate"]) == ("2026-09-18", "2026-09-18")


def test_no_script_injection(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, title="</script><script>alert(1)</script> & co")
    html = client.get(evenement.url).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)["name"] == "</script><script>alert(1)</script> & co"
