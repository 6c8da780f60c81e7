"""Input is never lost (#19 item 3): the public forms' rate limits count accepted submissions only, and a form
refused for the limit comes back as typed, with a French message saying when it will be accepted, a 429 and
Retry-After; the registration form's error state says « Erreur » in the title like the request form's."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Inscription
from demandes.models import Demande
from newsletter.models import Abonne
from tests.agenda.factories import AgendaIndexPageFactory, EvenementInscriptionFactory
from tests.demandes.conftest import donnees_valides, page_demande, referentiel, territoire  # noqa: F401

pytestmark = pytest.mark.django_db


def texte(reponse):
    return unescape(reponse.content.decode())


def titre(reponse):
    return texte(reponse).split("<title>", 1)[1].split("</title>", 1)[0]


def verifier_refus(reponse, *saisies):
    """429, Retry-After within the hour, the message at the top of the summary, what was typed still there."""
    assert reponse.status_code == 429
    attente = int(reponse["Retry-After"])
    assert 0 < attente <= 3600
    contenu = texte(reponse)
    reprise = timezone.localtime(timezone.now() + timedelta(seconds=attente))
    assert f"Vous pourrez l'envoyer à partir de {reprise:%H} h {reprise:%M}" in contenu
    assert "Ce que vous avez saisi est conservé ci-dessous" in contenu
    assert contenu.index('id="resume-erreurs"') < contenu.index("Vous pourrez l'envoyer")
    assert titre(reponse).startswith("Erreur – ")
    for saisie in saisies:
        assert saisie in contenu, saisie


def test_the_request_form_counts_accepted_demandes_and_gives_back_the_sixth(client, page_demande, territoire,
                                                                           referentiel):
    # Ten forms sent back for a missing field cost nothing.
    for _ in range(10):
        reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel, titre=""))
        assert reponse.status_code == 200 and titre(reponse).startswith("Erreur – ")
    for _ in range(5):
        assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 302
    sixieme = donnees_valides(territoire, referentiel, titre="Extension du cimetière",
                              description="Le cimetière de Saillans manque de places.")
    reponse = client.post(page_demande.url, sixieme)
    verifier_refus(reponse, 'value="Extension du cimetière"', "Le cimetière de Saillans manque de places.",
                   'value="mairie@saillans.example.org"', "plusieurs demandes en peu de temps")
    assert Demande.objects.count() == 5


def test_the_request_form_says_attachments_must_be_joined_again(client, page_demande, territoire, referentiel):
    from tests.demandes.conftest import pdf

    for _ in range(5):
        client.post(page_demande.url, donnees_valides(territoire, referentiel))
    reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel, piece_1=pdf()))
    verifier_refus(reponse, "sauf les pièces jointes : joignez-les de nouveau")


@pytest.fixture
def evenement(home):
    return EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), capacite=100,
                                       title="Forum des secrétaires de mairie")


def inscription(n, **autres):
    return {"collectivite": "", "autre_structure": "Syndicat des eaux du Diois", "prenom": "Camille",
            "nom": f"Martin{n}", "fonction": "Secrétaire", "email": f"camille{n}@mairie.example",
            "nombre_personnes": "1", "besoins_accessibilite": "", "site_web": "", **autres}


def test_the_registration_form_counts_accepted_registrations_and_says_erreur(client, evenement):
    url = evenement.url + "inscription/"
    for n in range(12):
        reponse = client.post(url, inscription(n, email="pas-une-adresse"))
        assert reponse.status_code == 200
        assert titre(reponse).startswith("Erreur – Forum des secrétaires de mairie")
        assert 'id="resume-erreurs"' in texte(reponse) and "js/formulaires.js" in texte(reponse)
    for n in range(10):
        assert client.post(url, inscription(n)).status_code == 302
    reponse = client.post(url, inscription(99, besoins_accessibilite="Accès en fauteuil roulant"))
    verifier_refus(reponse, 'value="Martin99"', 'value="camille99@mairie.example"', "Accès en fauteuil roulant",
                   "plusieurs inscriptions en peu de temps")
    assert Inscription.objects.count() == 10
    # The page without a form error keeps its own title.
    assert not titre(client.get(evenement.url)).startswith("Erreur")


def test_the_newsletter_subscription_counts_accepted_ones_and_gives_back_the_address(client, home):
    url = reverse("newsletter:inscrire")
    for _ in range(8):
        assert client.post(url, {"email": "pas-une-adresse"}).status_code == 200
    for n in range(5):
        assert client.post(url, {"email": f"maire{n}@commune.example"}).status_code == 302
    # From the footer of any page: the subscription page comes back with the address typed.
    reponse = client.post(url, {"email": "sixieme@commune.example", "origine": "/agenda/"})
    verifier_refus(reponse, 'value="sixieme@commune.example"', "plusieurs abonnements en peu de temps")
    assert Abonne.objects.count() == 5


def test_another_client_is_not_concerned(client, page_demande, territoire, referentiel):
    for _ in range(5):
        client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 429
    autre = client.post(page_demande.url, donnees_valides(territoire, referentiel), REMOTE_ADDR="192.0.2.44")
    assert autre.status_code == 302
