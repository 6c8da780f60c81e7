"""iCalendar output parsed back with the icalendar library: UID, SEQUENCE, STATUS, time zones."""

import datetime

import icalendar
import pytest

from tests.agenda.factories import EvenementPageFactory, paris

pytestmark = pytest.mark.django_db
UTC = datetime.timezone.utc


def vevents(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendrier = icalendar.Calendar.from_ical(response.content)
    assert str(calendrier["version"]) == "2.0"
    return {str(ev["uid"]): ev for ev in calendrier.walk("VEVENT")}


def test_event_ics(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, title="Atelier SISPEA", debut=paris(2027, 7, 2, 9, 30),
                                     fin=paris(2027, 7, 2, 12, 0))
    html = client.get(evenement.url).content.decode()
    assert f'href="{evenement.url}calendrier/"' in html

    response = client.get(evenement.url + "calendrier/")
    assert response["Content-Disposition"] == f'attachment; filename="{evenement.slug}.ics"'
    events = vevents(response)
    ev = events[f"evenement-{evenement.pk}@collectivites.ladrome.fr"]
    assert str(ev["summary"]) == "Atelier SISPEA"
    assert ev["sequence"] == 0
    assert str(ev["status"]) == "CONFIRMED"
    debut, fin = ev["dtstart"].dt, ev["dtend"].dt
    # Summer time: 9:30 in Paris is 7:30 UTC, and the value says so.
    assert debut == paris(2027, 7, 2, 9, 30) and debut.utcoffset() == datetime.timedelta(0)
    assert debut.astimezone(UTC).hour == 7
    assert fin == paris(2027, 7, 2, 12, 0)
    assert str(ev["url"]) == f"http://testserver{evenement.url}"
    assert str(ev["location"]) == "Salle des fêtes"


def test_feed_keeps_cancelled_events_and_bumps_sequence(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, title="Rencontre")
    autre = EvenementPageFactory(parent=agenda, title="Autre")
    uid = f"evenement-{evenement.pk}@collectivites.ladrome.fr"
    avant = vevents(client.get(agenda.url + "calendrier/"))
    assert set(avant) == {uid, f"evenement-{autre.pk}@collectivites.ladrome.fr"}

    evenement.statut = "annule"
    evenement.save_revision().publish()
    apres = vevents(client.get(agenda.url + "calendrier/"))[uid]
    assert str(apres["status"]) == "CANCELLED"
    assert apres["sequence"] == avant[uid]["sequence"] + 1
    assert str(apres["uid"]) == uid  # same UID: calendars update the event instead of adding one

    evenement.statut = "reporte"
    evenement.save_revision().publish()
    reporte = vevents(client.get(agenda.url + "calendrier/"))[uid]
    assert str(reporte["status"]) == "TENTATIVE" and reporte["sequence"] == 2


def test_all_day_events_are_dates(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, journee_entiere=True,
                                     debut=paris(2026, 9, 18, 9, 0), fin=paris(2026, 9, 19, 17, 0))
    ev = vevents(client.get(evenement.url + "calendrier/"))[f"evenement-{evenement.pk}@collectivites.ladrome.fr"]
    assert ev["dtstart"].dt == datetime.date(2026, 9, 18)
    assert not isinstance(ev["dtstart"].dt, datetime.datetime)
    assert ev["dtend"].dt == datetime.date(2026, 9, 20)  # exclusive end (RFC 5545)


def test_feed_keeps_one_year_of_past_events(client, agenda):
    from unittest import mock

    recent = EvenementPageFactory(parent=agenda, debut=paris(2026, 1, 10, 9), fin=paris(2026, 1, 10, 12))
    ancien = EvenementPageFactory(parent=agenda, debut=paris(2025, 10, 1, 9), fin=paris(2025, 10, 1, 12))
    with mock.patch("django.utils.timezone.now", return_value=paris(2026, 11, 23, 10)):
        uids = set(vevents(client.get(agenda.url + "calendrier/")))
    assert f"evenement-{recent.pk}@collectivites.ladrome.fr" in uids
    assert f"evenement-{ancien.pk}@collectivites.ladrome.fr" not in uids


def test_online_event_location_is_its_link(client, agenda):
    evenement = EvenementPageFactory(parent=agenda, mode="en_ligne", lieu_nom="", lien_en_ligne="https://visio.example/z")
    ev = vevents(client.get(evenement.url + "calendrier/"))[f"evenement-{evenement.pk}@collectivites.ladrome.fr"]
    assert str(ev["location"]) == "https://visio.example/z"
    sans_lien = EvenementPageFactory(parent=agenda, mode="en_ligne", lieu_nom="")
    ev = vevents(client.get(sans_lien.url + "calendrier/"))[f"evenement-{sans_lien.pk}@collectivites.ladrome.fr"]
    assert "location" not in ev
