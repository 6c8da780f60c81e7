"""Subscribing with double opt-in: the forms (footer, page, full), the confirmation link (single use, expiring,
POST only), no enumeration, honeypot, rate limit, proofs of consent; preferences and unsubscribing."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from newsletter import jetons
from newsletter.consentement import MENTIONS, VERSION_COURANTE
from newsletter.models import Abonne, NatureConsentement, StatutAbonne
from tests.factories import ThematiqueFactory
from tests.newsletter.factories import AbonneFactory

pytestmark = pytest.mark.django_db

INSCRIRE = reverse("newsletter:inscrire")


def _lien(message, nom):
    motif = {"confirmer": r"https?://[^\s\"<]+/lettre/confirmer/[^\s\"<]+/",
             "preferences": r"https?://[^\s\"<]+/lettre/preferences/[^\s\"<]+/"}[nom]
    return re.search(motif, message.body).group(0).replace("http://testserver", "")


def _inscrire(client, **donnees):
    return client.post(INSCRIRE, {"email": "maire@saillans.example", "origine": "/agenda/",
                                  "version_mention": VERSION_COURANTE, **donnees})


def test_subscribe_sends_a_confirmation_and_records_the_consent(client, home):
    energie = ThematiqueFactory(nom="Énergie")
    reponse = _inscrire(client, thematiques=[energie.pk], collectivite="Commune de Saillans", fonction="Maire")
    assert reponse.status_code == 302 and reponse["Location"] == reverse("newsletter:merci")
    abonne = Abonne.objects.get()
    assert abonne.email == "maire@saillans.example"
    assert abonne.statut == StatutAbonne.EN_ATTENTE
    assert list(abonne.thematiques.all()) == [energie]
    assert (abonne.collectivite, abonne.fonction) == ("Commune de Saillans", "Maire")
    preuve = abonne.preuves.get()
    assert preuve.nature == NatureConsentement.DEMANDE
    assert preuve.page_origine == "/agenda/"
    assert preuve.version_mention == VERSION_COURANTE and preuve.texte_mention == MENTIONS[VERSION_COURANTE]
    assert len(preuve.ip_hachee) == 64 and "127.0.0.1" not in preuve.ip_hachee
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maire@saillans.example"]
    assert message.subject == "Confirmez votre abonnement à la lettre d'information"
    assert "/lettre/confirmer/" in message.alternatives[0][0]
    assert "maire@saillans.example" not in _lien(message, "confirmer")
    assert "Vérifiez votre messagerie" in client.get(reponse["Location"]).content.decode()


def test_the_link_opens_a_page_and_only_the_button_confirms(client, home):
    _inscrire(client)
    lien = _lien(mail.outbox[0], "confirmer")
    page = client.get(lien)  # a mail scanner following the link
    assert page.status_code == 200
    assert "Je confirme mon abonnement" in page.content.decode()
    assert Abonne.objects.get().statut == StatutAbonne.EN_ATTENTE
    reponse = client.post(lien)
    assert reponse.status_code == 200 and "Abonnement confirmé" in reponse.content.decode()
    abonne = Abonne.objects.get()
    assert abonne.statut == StatutAbonne.CONFIRME and abonne.confirme_le
    confirmation = abonne.preuves.get(nature=NatureConsentement.CONFIRMATION)
    assert confirmation.page_origine == "/agenda/" and confirmation.version_mention == VERSION_COURANTE


def test_a_confirmation_link_works_once(client, home):
    _inscrire(client)
    lien = _lien(mail.outbox[0], "confirmer")
    assert client.post(lien).status_code == 200
    assert client.post(lien).status_code == 404
    assert client.get(lien).status_code == 404


def test_an_expired_link_confirms_nobody(client, home, settings, monkeypatch):
    _inscrire(client)
    lien = _lien(mail.outbox[0], "confirmer")
    settings.NEWSLETTER_CONFIRMATION_JOURS = 0
    import time

    vrai_time = time.time
    monkeypatch.setattr(time, "time", lambda: vrai_time() + 5)
    reponse = client.post(lien)
    assert reponse.status_code == 410 and "expiré" in reponse.content.decode()
    assert Abonne.objects.get().statut == StatutAbonne.EN_ATTENTE


def test_a_tampered_token_gives_404_not_500(client, home):
    for jeton in ["nimportequoi", "a" * 300, "eyJhIjoxfQ:abc:def"]:
        assert client.get(reverse("newsletter:confirmer", args=[jeton])).status_code == 404


def test_same_answer_for_a_known_address_and_nothing_sent_to_a_subscriber(client, home):
    AbonneFactory(email="deja@commune.example")
    AbonneFactory(email="rebond@commune.example", statut=StatutAbonne.REBOND)
    reponses = [_inscrire(client, email=email) for email in
                ("nouveau@commune.example", "deja@commune.example", "rebond@commune.example")]
    assert {(r.status_code, r["Location"]) for r in reponses} == {(302, reverse("newsletter:merci"))}
    assert [m.to for m in mail.outbox] == [["nouveau@commune.example"]]
    assert Abonne.objects.get(email="deja@commune.example").statut == StatutAbonne.CONFIRME
    assert Abonne.objects.get(email="rebond@commune.example").statut == StatutAbonne.REBOND


def test_an_address_is_case_insensitive_and_not_flooded(client, home):
    _inscrire(client, email="Maire@Saillans.example")
    _inscrire(client, email="maire@saillans.example ")
    assert Abonne.objects.count() == 1
    assert len(mail.outbox) == 1  # one confirmation per address and 10 minutes
    # The link already mailed still works: the second request did not replace it.
    assert client.post(_lien(mail.outbox[0], "confirmer")).status_code == 200


def test_errors_are_shown_beside_the_field_and_in_a_summary(client, home):
    reponse = client.post(INSCRIRE, {"email": "pas-une-adresse", "collectivite": "x" * 300})
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Le formulaire contient 2 erreurs" in html
    assert "Saisissez une adresse électronique valide" in html
    assert "200 caractères au plus." in html
    assert 'aria-invalid="true"' in html
    assert "<title>Erreur" in html
    assert Abonne.objects.count() == 0 and not mail.outbox


@pytest.mark.parametrize("donnees", [
    {"email": ["a@b.example", "c@d.example"]},
    {"email": "a@b.example", "thematiques": ["abc", "999999"]},
    {"email": "a@b.example\x00"},
    {"email": "a@b.example", "origine": "//evil.example/x" * 50},
    {},
])
def test_hostile_input_never_gives_a_500(client, home, donnees):
    assert client.post(INSCRIRE, donnees).status_code in (200, 302)


def test_honeypot_looks_like_success_and_saves_nothing(client, home):
    reponse = _inscrire(client, site_web="http://spam.example")
    assert reponse.status_code == 302
    assert Abonne.objects.count() == 0 and not mail.outbox


def test_rate_limit(client, home):
    codes = [_inscrire(client, email=f"p{i}@commune.example").status_code for i in range(6)]
    assert codes == [302] * 5 + [429]


def test_subscription_needs_no_csrf_token_but_still_a_confirmation(home):
    """The footer form carries no token (so that pages can be cached): a post from a cookie-less client is
    accepted, and it only sends a confirmation link: nobody is subscribed until the address confirms."""
    from django.test import Client

    reponse = Client(enforce_csrf_checks=True).post(INSCRIRE, {"email": "a@b.example"})
    assert reponse.status_code == 302
    assert Abonne.objects.get().statut != StatutAbonne.CONFIRME
    assert len(mail.outbox) == 1


def test_preferences_by_personal_link(client, home):
    energie, eau = ThematiqueFactory(nom="Énergie"), ThematiqueFactory(nom="Eau et environnement")
    abonne = AbonneFactory()
    url = reverse("newsletter:preferences", args=[abonne.jeton])
    assert abonne.email not in url
    assert abonne.email in client.get(url).content.decode()
    reponse = client.post(url, {"thematiques": [eau.pk], "fonction": "Secrétaire de mairie"})
    assert "Vos préférences sont enregistrées" in reponse.content.decode()
    abonne.refresh_from_db()
    assert list(abonne.thematiques.all()) == [eau] and abonne.fonction == "Secrétaire de mairie"
    assert abonne.preuves.filter(nature=NatureConsentement.PREFERENCES).exists()
    assert energie not in abonne.thematiques.all()
    assert client.get(reverse("newsletter:preferences", args=["inconnu"])).status_code == 404


def test_unsubscribe_page_get_changes_nothing_post_unsubscribes(client, home):
    abonne = AbonneFactory()
    url = reverse("newsletter:desabonner", args=[abonne.jeton])
    assert "Me désabonner" in client.get(url).content.decode()
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.CONFIRME
    assert "Vous êtes désabonné" in client.post(url).content.decode()
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.DESABONNE and abonne.desabonne_le
    assert abonne.preuves.filter(nature=NatureConsentement.DESABONNEMENT).exists()


def test_one_click_unsubscribe_is_a_csrf_exempt_post_answering_200(home):
    from django.test import Client

    abonne = AbonneFactory()
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletter:desabonner_direct", args=[abonne.jeton])
    assert client.get(url).status_code == 200  # a person: the page, nothing changes
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.CONFIRME
    reponse = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert reponse.status_code == 200 and "Location" not in reponse
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.DESABONNE
    # The page's own form stays CSRF-protected.
    assert client.post(reverse("newsletter:desabonner", args=[abonne.jeton])).status_code == 403


def test_resubscribing_after_unsubscribing_asks_for_a_new_confirmation(client, home):
    abonne = AbonneFactory(email="retour@commune.example", statut=StatutAbonne.DESABONNE)
    _inscrire(client, email="retour@commune.example")
    abonne.refresh_from_db()
    assert abonne.statut == StatutAbonne.EN_ATTENTE and len(mail.outbox) == 1


def test_proofs_of_consent_are_append_only(home):
    abonne = AbonneFactory()
    from newsletter import services

    preuve = services.noter_preuve(abonne, NatureConsentement.IMPORT, details="Forum 2026")
    preuve.details = "autre chose"
    with pytest.raises(ValueError):
        preuve.save()


def test_confirmation_mail_failure_is_kept_and_retried(client, home, settings):
    settings.EMAIL_BACKEND = "tests.demandes.courriel_en_panne.BackendEnPanne"
    _inscrire(client)
    from site_collectivites.models import CourrielEnFile

    courriel = CourrielEnFile.objects.get()
    assert (courriel.nature, courriel.etat, courriel.tentatives) == ("lettre_confirmation", "echec", 1)
    assert "Connexion au serveur de messagerie perdue" in courriel.derniere_erreur
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.utils import timezone

    CourrielEnFile.objects.update(prochain_essai=timezone.now())
    from site_collectivites.courrier.envoi import envoyer_tout

    assert envoyer_tout()["site"] == 1
    assert mail.outbox[-1].to == ["maire@saillans.example"]
    assert CourrielEnFile.objects.get().etat == "envoye"


def test_token_reading_rejects_other_salts(home):
    from django.core import signing

    abonne = AbonneFactory(statut=StatutAbonne.EN_ATTENTE, jeton_confirmation="n")
    faux = signing.dumps({"a": abonne.pk, "n": "n"}, salt="autre")
    with pytest.raises(jetons.JetonInvalide):
        jetons.lire_jeton_confirmation(faux)
    assert jetons.lire_jeton_confirmation(jetons.jeton_confirmation(abonne)) == abonne
