"""ESP events through anymail's tracking webhook (Brevo's format): secret required, hard bounce and complaint
suppress, soft bounces suppress after the threshold, a duplicate event is ignored, the issue's figures follow."""

import base64
import json

import pytest
from django.core import mail

from newsletter import envoi as moteur
from newsletter.models import Abonne, EvenementEsp, Remise, StatutAbonne
from tests.newsletter.factories import AbonneFactory

pytestmark = pytest.mark.django_db

URL = "/anymail/brevo/tracking/"
SECRET = "brevo:un-secret-partage-de-test"


@pytest.fixture(autouse=True)
def _anymail(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


def _poster(client, evenement, secret=SECRET):
    auth = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(URL, json.dumps(evenement), content_type="application/json", HTTP_AUTHORIZATION=auth)


def _evenement(nature, email, message_id="<m1@brevo>", ts=1764600000000):
    return {"event": nature, "email": email, "message-id": message_id, "ts_epoch": ts, "reason": "550 unknown user"}


def test_without_the_secret_the_webhook_is_refused(client, home):
    abonne = AbonneFactory()
    assert _poster(client, _evenement("hard_bounce", abonne.email), secret="brevo:faux").status_code == 400
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.CONFIRME


def test_hard_bounce_suppresses_and_counts_in_the_issue(client, lettre):
    abonne = AbonneFactory()
    envoi, _ = moteur.lancer_envoi(lettre)
    remise = Remise.objects.get()
    assert _poster(client, _evenement("hard_bounce", abonne.email.upper(), remise.message_id)).status_code == 200
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.REBOND
    assert moteur.avancement(envoi)["rebonds"] == 1
    assert "Rebond définitif" in abonne.preuves.last().details


def test_complaint_suppresses_and_the_address_cannot_resubscribe(client, home):
    abonne = AbonneFactory()
    _poster(client, _evenement("spam", abonne.email))
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.PLAINTE
    mail.outbox.clear()
    client.post("/lettre/inscription/", {"email": abonne.email})
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.PLAINTE and not mail.outbox


def test_soft_bounces_suppress_after_the_threshold(client, home, settings):
    settings.NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES = 3
    abonne = AbonneFactory()
    for i in range(2):
        _poster(client, _evenement("soft_bounce", abonne.email, f"<m{i}@brevo>", 1764600000000 + i))
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.CONFIRME and abonne.rebonds_temporaires == 2
    _poster(client, _evenement("soft_bounce", abonne.email, "<m9@brevo>", 1764600009999))
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.REBOND


def test_a_duplicate_event_is_ignored(client, home, settings):
    settings.NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES = 2
    abonne = AbonneFactory()
    evenement = _evenement("soft_bounce", abonne.email)
    assert _poster(client, evenement).status_code == 200
    assert _poster(client, evenement).status_code == 200  # the ESP retried its webhook
    abonne.refresh_from_db()
    assert abonne.rebonds_temporaires == 1 and abonne.statut == StatutAbonne.CONFIRME
    assert EvenementEsp.objects.count() == 1


def test_unsubscribe_at_the_esp_and_unknown_addresses(client, home):
    abonne = AbonneFactory()
    _poster(client, _evenement("unsubscribe", abonne.email))
    assert Abonne.objects.get(pk=abonne.pk).statut == StatutAbonne.DESABONNE
    assert _poster(client, _evenement("hard_bounce", "inconnu@nulle-part.example")).status_code == 200
