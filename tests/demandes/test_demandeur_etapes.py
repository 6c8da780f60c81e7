"""The requester told at each step (#20 item 2): one e-mail when the demande is oriented, when the accompaniment
starts, when it is closed or set « sans suite » (with the partner's message for the requester, never the
internal comment); one per demande in bulk; none for a correction; none once the requester stopped them."""

from html import unescape

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from demandes import demandeur
from demandes.models import CourrielDemande, Demande, Statut
from tests.demandes.conftest import donnees_valides
from tests.demandes.factories import AffectationFactory, DemandeFactory

URL_STATUT_MASSE = reverse("wagtail_bulk_action", args=["demandes", "demande", "changer_statut"])
URL_CONFIER = reverse("wagtail_bulk_action", args=["demandes", "demande", "confier"])


def au_demandeur(demande):
    return [message for message in mail.outbox if message.to == [demande.email]]


def texte(message):
    return message.body + unescape(message.alternatives[0][0])


@pytest.fixture
def envoi(django_capture_on_commit_callbacks):
    """Run the block's transactions' on-commit callbacks (the outbox task), then forget the e-mails before."""
    def executer():
        mail.outbox.clear()
        return django_capture_on_commit_callbacks(execute=True)
    return executer


def poster_affectation(client, user, affectation, **donnees):
    client.force_login(user)
    prefixe = f"a{affectation.pk}"
    champs = {"statut": "a_traiter", "prestation_realisee": "", "motif": "", "message_au_demandeur": "", "agent": ""}
    champs.update(donnees)
    return client.post(reverse("demandes:affectation", args=[affectation.demande_id, affectation.pk]),
                       {f"{prefixe}-{cle}": valeur for cle, valeur in champs.items()})


def test_the_public_form_sends_the_acknowledgement_and_no_orientation_e_mail(
        client, page_demande, territoire, referentiel, envoi):
    with envoi():
        client.post(page_demande.url, donnees_valides(territoire, referentiel))
    demande = Demande.objects.get()
    assert demande.statut == Statut.ORIENTEE
    (accuse,) = au_demandeur(demande)
    assert "bien été reçue" in accuse.subject


def test_each_step_sends_one_e_mail_and_corrections_none(client, comptes, referentiel, envoi):
    demande = DemandeFactory(titre="Chaufferie bois de l'école")
    referentiel["sded"].telephone = "04 75 00 00 00"
    referentiel["sded"].save()

    # Oriented: to whom, how they will be contacted, the requester's page.
    client.force_login(comptes["coordination"])
    with envoi():
        client.post(reverse("demandes:affecter", args=[demande.pk]), {"partenaire": referentiel["sded"].pk})
    (orientation,) = au_demandeur(demande)
    assert orientation.subject == f"Votre demande {demande.reference} est confiée à un interlocuteur"
    corps = texte(orientation)
    assert "Territoire d'énergie Drôme – SDED" in corps and "sded@example.org" in corps and "04 75 00 00 00" in corps
    assert "va vous contacter" in corps and "/suivi-demande/" in corps
    assert orientation.extra_headers["X-Demande-Reference"] == demande.reference and not orientation.reply_to

    # The accompaniment starts (accepted): one e-mail; accepted → en cours is no new step.
    affectation = demande.affectations.get()
    with envoi():
        poster_affectation(client, comptes["agent_sded"], affectation, statut="acceptee")
    (debut,) = au_demandeur(demande)
    assert debut.subject == f"Votre demande {demande.reference} : l'accompagnement commence"
    with envoi():
        poster_affectation(client, comptes["agent_sded"], affectation, statut="en_cours")
        poster_affectation(client, comptes["agent_sded"], affectation, statut="a_traiter")
        poster_affectation(client, comptes["agent_sded"], affectation, statut="en_cours")
    assert au_demandeur(demande) == []

    # Closed, with the partner's message to the requester and never the internal comment.
    with envoi():
        poster_affectation(client, comptes["agent_sded"], affectation, statut="terminee",
                           prestation_realisee=referentiel["amo"].pk, motif="Élu pénible au téléphone",
                           message_au_demandeur="Le cahier des charges de la chaufferie vous a été remis le 3 mars.")
    (cloture,) = au_demandeur(demande)
    assert cloture.subject == f"Votre demande {demande.reference} est close"
    corps = texte(cloture)
    assert "Le cahier des charges de la chaufferie vous a été remis le 3 mars." in corps
    assert "Élu pénible" not in corps
    assert "Cet accompagnement vous a-t-il été utile ?" in corps
    for reponse in ("Très utile", "Plutôt utile", "Peu utile", "Pas utile"):
        assert reponse in cloture.body and reponse in cloture.alternatives[0][0]

    # Corrections: set back to « en cours », then closed again by hand: nothing new.
    with envoi():
        client.force_login(comptes["coordination"])
        client.post(reverse("demandes:statut", args=[demande.pk]), {"statut": "accompagnement"})
        client.post(reverse("demandes:statut", args=[demande.pk]), {"statut": "close"})
        client.post(reverse("demandes:statut", args=[demande.pk]), {"statut": "sans_suite"})
    assert au_demandeur(demande) == []
    assert CourrielDemande.objects.filter(demande=demande, destinataire=demande.email).count() == 3


def test_an_edit_that_changes_no_step_sends_nothing(client, comptes, referentiel, envoi):
    affectation = AffectationFactory(partenaire=referentiel["sded"], statut="en_cours",
                                     demande=DemandeFactory(statut=Statut.ACCOMPAGNEMENT))
    with envoi():
        poster_affectation(client, comptes["agent_sded"], affectation, statut="en_cours", motif="Visite le 12.",
                           agent=comptes["agent_sded"].pk)
        client.force_login(comptes["coordination"])
        client.post(reverse("demandes:note", args=[affectation.demande_id]), {"texte": "RAS"})
    assert mail.outbox == []


def test_oriented_again_to_another_partner_the_requester_is_told_again(comptes, referentiel, envoi):
    from demandes import suivi

    demande = DemandeFactory()
    with envoi():
        suivi.affecter(demande, referentiel["sded"], comptes["coordination"])
    assert len(au_demandeur(demande)) == 1
    affectation = demande.affectations.get()
    with envoi():
        suivi.mettre_a_jour_affectation(affectation, comptes["agent_sded"], "declinee", motif="Hors compétence")
        suivi.affecter(demande, referentiel["service"], comptes["coordination"])
    (nouvelle,) = au_demandeur(demande)
    assert "Service des relations avec les collectivités" in nouvelle.body and "SDED" not in nouvelle.body
    # Back and forth with the same partner: nothing.
    with envoi():
        suivi.fixer_statut(demande, Statut.ANALYSE, comptes["coordination"])
        suivi.fixer_statut(demande, Statut.ORIENTEE, comptes["coordination"])
    assert au_demandeur(demande) == []


def test_bulk_status_change_tells_each_requester_once(client, comptes, referentiel, envoi):
    demandes = [DemandeFactory(statut=Statut.ACCOMPAGNEMENT) for _ in range(3)]
    deja = DemandeFactory(statut=Statut.SANS_SUITE)
    sans_adresse = DemandeFactory(statut=Statut.ACCOMPAGNEMENT, email="")
    ids = "&".join(f"id={d.pk}" for d in demandes + [deja, sans_adresse])
    client.force_login(comptes["coordination"])
    with envoi():
        client.post(f"{URL_STATUT_MASSE}?{ids}",
                    {"statut": "sans_suite", "message_au_demandeur": "Le projet relève de la Région."})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(d.email for d in demandes)
    for message in mail.outbox:
        assert message.subject.endswith("est close") and "Le projet relève de la Région." in message.body
        # « Sans suite »: no usefulness question.
        assert "utile" not in message.body
    with envoi():
        client.post(f"{URL_STATUT_MASSE}?{ids}", {"statut": "close"})
    # Already told of their closure: nothing new (the one already « sans suite » had never been told: it is).
    assert [m.to for m in mail.outbox] == [[deja.email]]


def test_bulk_confiding_tells_each_requester_once(client, comptes, referentiel, envoi):
    demandes = [DemandeFactory(statut=Statut.RECUE) for _ in range(2)]
    client.force_login(comptes["coordination"])
    with envoi():
        client.post(f"{URL_CONFIER}?id={demandes[0].pk}&id={demandes[1].pk}", {"partenaire": referentiel["sded"].pk})
    for demande in demandes:
        (message,) = au_demandeur(demande)
        assert "confiée à un interlocuteur" in message.subject


def test_the_requester_stops_the_step_e_mails_from_their_page(client, comptes, referentiel, envoi):
    from demandes import suivi

    demande = DemandeFactory()
    chemin = reverse("demandeur:page", args=[demandeur.jeton(demande)])
    visiteur = Client(enforce_csrf_checks=True)
    page = visiteur.get(chemin)
    assert "Ne plus recevoir ces courriels" in page.content.decode()
    # A GET of the form's address (a mail scanner) stops nothing.
    assert visiteur.get(reverse("demandeur:courriels", args=[demandeur.jeton(demande)])).status_code == 405
    jeton_csrf = page.cookies["csrftoken"].value
    reponse = visiteur.post(reverse("demandeur:courriels", args=[demandeur.jeton(demande)]),
                            {"action": "arreter", "csrfmiddlewaretoken": jeton_csrf}, follow=True)
    assert "vous ne recevez plus les courriels" in unescape(reponse.content.decode())
    demande.refresh_from_db()
    assert demande.courriels_arretes_le is not None
    with envoi():
        affectation = suivi.affecter(demande, referentiel["sded"], comptes["coordination"])
        suivi.mettre_a_jour_affectation(affectation, comptes["agent_sded"], "terminee", referentiel["amo"])
    assert au_demandeur(demande) == [] and len(mail.outbox) == 1  # the partner's e-mail only
    # The coordination sees it on the demande.
    client.force_login(comptes["coordination"])
    assert "arrêtés par le demandeur" in client.get(reverse("demandes:inspect", args=[demande.pk])).content.decode()
