"""The requester's page (#20 item 1): reached by the link of the acknowledgement actually sent, showing the
demande's reference, what was asked, its status in plain French, who follows it and the steps' dates; private
(not indexed, not cached, no referrer); revocable by the coordination only; after anonymisation it says so; a
wrong, expired or revoked link gets a French 404, never a 500."""

import re
from html import unescape
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from demandes import demandeur
from demandes.anonymisation import anonymiser
from demandes.models import Demande
from tests.demandes.conftest import donnees_valides
from tests.demandes.factories import AffectationFactory, DemandeFactory

LIEN = re.compile(r"https?://[^/\s]+(/suivi-demande/[^/\s\"]+/)")


@pytest.fixture
def demande_envoyee(client, page_demande, territoire, referentiel, django_capture_on_commit_callbacks):
    """A demande posted through the public form; (demande, path of the link read in the acknowledgement)."""
    referentiel["service"].telephone = "04 75 79 26 26"
    referentiel["service"].save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_demande.url, donnees_valides(territoire, referentiel))
    demande = Demande.objects.get()
    (accuse,) = [message for message in mail.outbox if message.to == [demande.email]]
    chemin = LIEN.search(accuse.body).group(1)
    # The HTML part carries the same link.
    assert chemin in accuse.alternatives[0][0]
    return demande, chemin


def verifier_prive(reponse):
    assert "noindex" in reponse["X-Robots-Tag"]
    assert "no-store" in reponse["Cache-Control"] and "private" in reponse["Cache-Control"]
    assert reponse["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in reponse.content.decode()


def test_the_link_of_the_acknowledgement_opens_the_requesters_page(demande_envoyee, referentiel):
    demande, chemin = demande_envoyee
    reponse = Client().get(chemin)
    assert reponse.status_code == 200
    verifier_prive(reponse)
    html = unescape(reponse.content.decode())
    assert demande.reference in html
    assert "Rénovation énergétique de l'école" in html and "consomme beaucoup de fioul" in html
    # The status in plain French, who follows it with the contact its partner page publishes, the steps.
    assert "Orientée" in html and "Votre demande est confiée à un interlocuteur" in html
    assert "Service des relations avec les collectivités" in html
    assert "src@example.org" in html and "04 75 79 26 26" in html
    assert "Demande reçue : le" in html and "Demande confiée à un partenaire : le" in html
    # No canonical or OpenGraph address repeating the private link.
    assert 'rel="canonical"' not in html and "og:url" not in html


def test_the_steps_dates_follow_the_follow_up(client, referentiel, comptes):
    from demandes.suivi import mettre_a_jour_affectation

    demande = DemandeFactory()
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    mettre_a_jour_affectation(affectation, comptes["agent_sded"], "en_cours")
    mettre_a_jour_affectation(affectation, comptes["agent_sded"], "terminee", referentiel["amo"])
    html = unescape(client.get(reverse("demandeur:page", args=[demandeur.jeton(demande)])).content.decode())
    assert "Close (accompagnement réalisé)" in html and "L'accompagnement est terminé." in html
    for etape in ("Demande reçue", "Demande confiée à un partenaire", "Accompagnement commencé",
                  "Close (accompagnement réalisé) : le"):
        assert etape in html
    assert "Cet accompagnement vous a-t-il été utile ?" in html


def test_the_page_cache_never_stores_it(settings, demande_envoyee):
    settings.CACHE_PAGES = True
    _demande, chemin = demande_envoyee
    assert "/suivi-demande/" in settings.CACHE_PAGES_EXCLUSIONS
    premiere, seconde = Client().get(chemin), Client().get(chemin)
    assert seconde.status_code == 200
    assert "X-Cache" not in premiere and "X-Cache" not in seconde
    assert "no-store" in seconde["Cache-Control"]


def test_revoked_by_the_coordination_the_link_is_refused(client, demande_envoyee, comptes):
    demande, chemin = demande_envoyee
    client.force_login(comptes["coordination"])
    page_admin = client.get(reverse("demandes:inspect", args=[demande.pk])).content.decode()
    assert "Révoquer le lien du demandeur" in page_admin
    reponse = client.post(reverse("demandes:revoquer_lien", args=[demande.pk]))
    assert reponse.status_code == 302
    refus = Client().get(chemin)
    assert refus.status_code == 404
    verifier_prive(refus)
    assert "Ce lien n'est pas valable" in refus.content.decode()
    assert demande.reference not in refus.content.decode()
    # A link made after the revocation (the next e-mails) works.
    demande.refresh_from_db()
    assert Client().get(reverse("demandeur:page", args=[demandeur.jeton(demande)])).status_code == 200


@pytest.mark.parametrize("compte", ["agent_src", "agent_sded", "redacteur"])
def test_only_the_coordination_revokes(client, demande_envoyee, comptes, compte):
    from tests.demandes.test_suivi_acces import refuse

    demande, chemin = demande_envoyee
    cle = demande.cle_suivi
    client.force_login(comptes[compte])
    assert "Révoquer le lien" not in client.get(reverse("demandes:inspect", args=[demande.pk])).content.decode()
    assert refuse(client, client.post(reverse("demandes:revoquer_lien", args=[demande.pk])))
    demande.refresh_from_db()
    assert demande.cle_suivi == cle
    assert Client().get(chemin).status_code == 200


def test_anonymised_the_page_says_so_and_shows_nothing_personal(demande_envoyee):
    demande, chemin = demande_envoyee
    anonymiser(Demande.objects.get(pk=demande.pk))
    reponse = Client().get(chemin)
    assert reponse.status_code == 200
    verifier_prive(reponse)
    html = unescape(reponse.content.decode())
    assert "Cette demande a été anonymisée" in html and demande.reference in html
    for personnel in ("Martin", "Claire", "mairie@saillans", "fioul", "Rénovation énergétique"):
        assert personnel not in html


@pytest.mark.parametrize("valeur", ["x", "abc:def:ghi", "%C3%A9%20:", "é" * 40, "a" * 3000])
def test_a_malformed_link_gets_the_french_404(client, db, valeur):
    reponse = client.get(f"/suivi-demande/{valeur}/")
    assert reponse.status_code == 404
    assert "Ce lien n'est pas valable" in reponse.content.decode()


def test_a_tampered_expired_or_foreign_link_is_refused(client, settings, db):
    demande, autre = DemandeFactory(cle_suivi="secret-a"), DemandeFactory(cle_suivi="secret-b")
    bon = demandeur.jeton(demande)
    assert client.get(reverse("demandeur:page", args=[bon])).status_code == 200
    # Signed with another demande's secret, or with its own altered: refused.
    from django.core import signing

    for faux in (signing.dumps({"d": demande.pk, "c": "secret-b"}, salt=demandeur.SEL),
                 signing.dumps({"d": autre.pk, "c": "secret-a"}, salt=demandeur.SEL),
                 signing.dumps({"d": demande.pk, "c": "secret-a"}, salt="autre-sel"),
                 bon[:-2] + ("AA" if not bon.endswith("AA") else "BB")):
        assert client.get(reverse("demandeur:page", args=[faux])).status_code == 404
    # Older than the retention period: expired.
    settings.DEMANDES_CONSERVATION_JOURS = 30
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * 86400):
        ancien = demandeur.jeton(demande)
    assert client.get(reverse("demandeur:page", args=[ancien])).status_code == 404
    # Without a secret (a demande whose link was never given), nothing opens.
    sans = DemandeFactory()
    faux = signing.dumps({"d": sans.pk, "c": ""}, salt=demandeur.SEL)
    assert client.get(reverse("demandeur:page", args=[faux])).status_code == 404


def test_only_get_shows_the_page(client, db):
    demande = DemandeFactory()
    chemin = reverse("demandeur:page", args=[demandeur.jeton(demande)])
    assert client.post(chemin).status_code == 405
    assert urlsplit(demandeur.url_page(demande)).path == chemin


def test_the_page_costs_the_same_with_one_partner_or_five(client, referentiel):
    """Query budget of the requester's page (and of its « utile ? » form): bounded whatever the number of
    assignments and steps."""
    from demandes.models import Statut
    from tests.factories import PartenaireFactory
    from tests.utils import count_queries

    def page_avec(nombre):
        demande = DemandeFactory(statut=Statut.CLOSE)
        for _ in range(nombre):
            AffectationFactory(demande=demande, partenaire=PartenaireFactory(), statut="terminee",
                               message_au_demandeur="Compte rendu envoyé.")
        return urlsplit(demandeur.url_page(demande)).path, urlsplit(demandeur.url_avis(demande)).path

    petite, grande = page_avec(1), page_avec(5)
    for chemin in (petite, grande):
        assert client.get(chemin[0]).status_code == 200 and client.get(chemin[1]).status_code == 200
    assert count_queries(lambda: client.get(grande[0])) == count_queries(lambda: client.get(petite[0])) <= 14
    assert count_queries(lambda: client.get(grande[1])) == count_queries(lambda: client.get(petite[1])) <= 14
