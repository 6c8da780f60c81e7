"""Cancellation by the token link (GET shows a button, POST cancels) and the registration e-mails."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail

from agenda import inscriptions
from agenda.models import Inscription, StatutInscription
from tests.utils import en_tetes_recus

pytestmark = pytest.mark.django_db


def inscrire(evenement, nom="Durand", n=1, **autres):
    return inscriptions.inscrire(
        evenement, nom=nom, prenom="Alex", fonction="Maire", email=f"{nom.lower()}@example.org",
        autre_structure="Syndicat mixte", nombre_personnes=n, **autres,
    )


def lien_annulation(courriel):
    return re.search(r"http://testserver(/\S+/inscription/annuler/\?jeton=\S+)", courriel.body).group(1)


def test_an_event_title_with_a_line_break_is_mailed_on_one_line(evenement, django_capture_on_commit_callbacks):
    evenement.title = "Rencontre des secrétaires\r\nde mairie"
    evenement.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        inscrire(evenement)
    (courriel,) = mail.outbox
    assert en_tetes_recus(courriel)["Subject"] == "Inscription confirmée : Rencontre des secrétaires de mairie"


def test_confirmation_mail(evenement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inscription = inscrire(evenement, n=2, commune=None)
    (courriel,) = mail.outbox
    assert courriel.to == ["durand@example.org"]
    assert courriel.subject == "Inscription confirmée : Rencontre des secrétaires de mairie"
    assert courriel.reply_to == ["relations@ladrome.example"]
    assert courriel.from_email  # DEFAULT_FROM_EMAIL
    corps = courriel.body
    assert "Bonjour Alex Durand" in corps
    assert evenement.dates_texte in corps
    assert "Salle des fêtes de Crest" in corps
    assert "Nombre de personnes : 2" in corps and "Collectivité : Syndicat mixte" in corps
    assert "Organisé par : Service relations collectivités" in corps
    assert f"http://testserver{evenement.url}" in corps
    chemin = lien_annulation(courriel)
    from urllib.parse import parse_qs, urlsplit

    assert inscriptions.lire_jeton_annulation(parse_qs(urlsplit(chemin).query)["jeton"][0]) == inscription
    html, type_mime = courriel.alternatives[0]
    assert type_mime == "text/html" and '<html lang="fr">' in html
    assert f'href="http://testserver{chemin}"' in html


def test_waiting_list_and_promotion_mails(evenement, django_capture_on_commit_callbacks):
    evenement.capacite = 1
    evenement.save()
    with django_capture_on_commit_callbacks(execute=True):
        premier = inscrire(evenement, "Alpha")
        inscrire(evenement, "Bravo")
    attente = mail.outbox[1]
    assert attente.to == ["bravo@example.org"]
    assert attente.subject == "Liste d'attente : Rencontre des secrétaires de mairie"
    assert "liste d'attente (position 1)" in attente.body
    assert lien_annulation(attente)
    with django_capture_on_commit_callbacks(execute=True):
        inscriptions.annuler(premier)
    annulation, promotion = mail.outbox[2:]
    assert annulation.to == ["alpha@example.org"]
    assert annulation.subject == "Inscription annulée : Rencontre des secrétaires de mairie"
    assert "est annulée" in annulation.body and "inscription/annuler" not in annulation.body
    assert promotion.to == ["bravo@example.org"]
    assert promotion.subject.startswith("Une place s'est libérée : votre inscription est confirmée")
    assert "est confirmée" in promotion.body and lien_annulation(promotion)


def test_no_reply_to_without_a_partner_email(evenement, organisateur, django_capture_on_commit_callbacks):
    organisateur.email_contact = ""
    organisateur.save()
    with django_capture_on_commit_callbacks(execute=True):
        inscrire(evenement)
    assert mail.outbox[0].reply_to == []


def test_no_mail_when_the_transaction_rolls_back(evenement, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                inscrire(evenement)
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == [] and Inscription.objects.count() == 0


def test_cancel_link_get_shows_a_button_post_cancels_and_promotes(client, evenement,
                                                                  django_capture_on_commit_callbacks):
    evenement.capacite = 1
    evenement.save()
    with django_capture_on_commit_callbacks(execute=True):
        premier = inscrire(evenement, "Alpha")
        second = inscrire(evenement, "Bravo")
    chemin = lien_annulation(mail.outbox[0])
    page = client.get(chemin)  # what a mail scanner does: nothing changes
    assert page.status_code == 200
    html = page.content.decode()
    assert "Confirmer l'annulation de mon inscription" in html and '<form method="post">' in html
    premier.refresh_from_db()
    assert premier.statut == StatutInscription.CONFIRMEE
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(chemin)
    assert reponse.status_code == 200 and "Inscription annulée" in reponse.content.decode()
    premier.refresh_from_db()
    second.refresh_from_db()
    assert premier.statut == StatutInscription.ANNULEE and second.statut == StatutInscription.CONFIRMEE
    assert mail.outbox[-1].to == ["bravo@example.org"]
    # the link again: says it is cancelled, changes nothing
    assert "Inscription annulée" in client.post(chemin).content.decode()
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("jeton", ["abc", "x" * 500, "eyJpIjoxfQ:1abc:def", "%3Cscript%3E"])
def test_bad_token_gives_a_french_404(client, evenement, jeton):
    reponse = client.get(f"{evenement.url}inscription/annuler/?jeton={jeton}")
    assert reponse.status_code == 404
    assert "Ce lien d'annulation n'est pas valide" in reponse.content.decode()
    assert client.post(f"{evenement.url}inscription/annuler/?jeton={jeton}").status_code == 404


def test_tampered_or_foreign_token(client, evenement, agenda):
    from tests.agenda.factories import EvenementInscriptionFactory

    inscription = inscrire(evenement)
    jeton = inscriptions.jeton_annulation(inscription)
    assert client.get(f"{evenement.url}inscription/annuler/?jeton={jeton[:-3]}abc").status_code == 404
    autre = EvenementInscriptionFactory(parent=agenda)
    assert client.post(f"{autre.url}inscription/annuler/?jeton={jeton}").status_code == 404
    inscription.refresh_from_db()
    assert inscription.statut == StatutInscription.CONFIRMEE


def test_expired_token_after_the_event(client, evenement):
    inscription = inscrire(evenement)
    jeton = inscriptions.jeton_annulation(inscription)
    apres = evenement.fin + datetime.timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=apres):
        reponse = client.post(f"{evenement.url}inscription/annuler/?jeton={jeton}")
    assert reponse.status_code == 410
    assert "Ce lien d'annulation a expiré" in reponse.content.decode()
    inscription.refresh_from_db()
    assert inscription.statut == StatutInscription.CONFIRMEE


def test_signature_max_age_runs_until_the_event_end(evenement):
    inscription = inscrire(evenement)
    jeton = inscriptions.jeton_annulation(inscription)
    duree = evenement.fin - inscription.created_at
    with mock.patch("time.time", return_value=__import__("time").time() + duree.total_seconds() + 3600):
        with pytest.raises(inscriptions.JetonExpire):
            inscriptions.lire_jeton_annulation(jeton)
