"""The coordination sees at a glance what waits: how old each demande is and how long its oldest assignment has
waited, the demandes without a partenaire, by assignment status, waiting for more than N days; and it confides
several demandes to a partenaire at once, which is told once. A partner's agent sees none of it beyond its own."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from demandes.models import CourrielDemande, Statut
from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.demandes.test_suivi_acces import refuse

URL_CONFIER = reverse("wagtail_bulk_action", args=["demandes", "demande", "confier"])


def il_y_a(jours):
    return timezone.now() - datetime.timedelta(days=jours, hours=1)


@pytest.fixture
def travail(referentiel):
    """Demandes in every situation the coordination must tell apart."""
    sded, service = referentiel["sded"], referentiel["service"]
    attend_sded = DemandeFactory(titre="Chaufferie bois", cree_le=il_y_a(20), statut=Statut.ORIENTEE)
    AffectationFactory(demande=attend_sded, partenaire=sded, statut_modifie_le=il_y_a(12))
    attend_deux = DemandeFactory(titre="Éclairage du stade", cree_le=il_y_a(40), statut=Statut.ORIENTEE)
    AffectationFactory(demande=attend_deux, partenaire=sded, statut_modifie_le=il_y_a(3))
    AffectationFactory(demande=attend_deux, partenaire=service, statut_modifie_le=il_y_a(30))
    acceptee = DemandeFactory(titre="Lavoir communal", cree_le=il_y_a(25), statut=Statut.ACCOMPAGNEMENT)
    AffectationFactory(demande=acceptee, partenaire=sded, statut="acceptee", statut_modifie_le=il_y_a(15))
    AffectationFactory(demande=acceptee, partenaire=service, statut_modifie_le=il_y_a(2))
    declinee = DemandeFactory(titre="Piste cyclable", cree_le=il_y_a(9), statut=Statut.ANALYSE)
    AffectationFactory(demande=declinee, partenaire=service, statut="declinee", motif="Hors champ")
    return {
        "attend_sded": attend_sded, "attend_deux": attend_deux, "acceptee": acceptee, "declinee": declinee,
        "nouvelle": DemandeFactory(titre="Question sur le PLU", cree_le=il_y_a(2)),
        "oubliee": DemandeFactory(titre="Salle des fêtes", cree_le=il_y_a(10)),
        "close": DemandeFactory(titre="Cantine (ancienne)", cree_le=il_y_a(400), statut=Statut.CLOSE),
    }


def lignes(client, user, **filtres):
    """The listing's rows as the user sees them: {project title: {column heading: cell text}}."""
    client.force_login(user)
    reponse = client.get(reverse("demandes:index"), filtres)
    assert reponse.status_code == 200
    soupe = BeautifulSoup(reponse.content.decode(), "html.parser")
    table = soupe.find("table", class_="listing")
    if table is None:
        return {}
    entetes = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
    rangees = {}
    for tr in table.find("tbody").find_all("tr"):
        cellules = dict(zip(entetes, (td.get_text(" ", strip=True) for td in tr.find_all("td")), strict=True))
        rangees[cellules["Projet"]] = cellules
    return rangees


def test_the_listing_shows_how_old_each_demande_is_and_how_long_it_has_waited(client, comptes, travail):
    rangees = lignes(client, comptes["coordination"])
    assert rangees["Chaufferie bois"]["Âge"] == "20 jours"
    assert rangees["Chaufferie bois"]["Affectation en attente depuis"] == "12 jours"
    assert rangees["Éclairage du stade"]["Affectation en attente depuis"] == "30 jours"  # the oldest of the two
    assert rangees["Lavoir communal"]["Affectation en attente depuis"] == "2 jours"  # the accepted one does not wait
    assert rangees["Piste cyclable"]["Affectation en attente depuis"] == "—"
    assert rangees["Question sur le PLU"]["Âge"] == "2 jours"


def test_the_longest_waits_come_first_when_sorted(client, comptes, travail):
    rangees = lignes(client, comptes["coordination"], ordering="attente_depuis")
    assert list(rangees)[:3] == ["Éclairage du stade", "Chaufferie bois", "Lavoir communal"]
    # then those that wait for no partenaire's answer
    assert {cellules["Affectation en attente depuis"] for cellules in list(rangees.values())[3:]} == {"—"}


def test_an_agent_sees_the_wait_of_its_own_assignment(client, comptes, travail):
    rangees = lignes(client, comptes["agent_sded"])
    assert rangees["Éclairage du stade"]["Affectation en attente depuis"] == "3 jours"
    assert rangees["Lavoir communal"]["Affectation en attente depuis"] == "—"  # the SDED accepted it


def test_sans_partenaire_lists_the_open_demandes_no_partenaire_handles(client, comptes, travail):
    rangees = lignes(client, comptes["coordination"], partenaire="aucun")
    assert set(rangees) == {"Question sur le PLU", "Salle des fêtes", "Piste cyclable"}  # all declined counts


def test_the_assignment_status_filter(client, comptes, travail, referentiel):
    coordination = comptes["coordination"]
    assert set(lignes(client, coordination, statut_affectation="a_traiter")) == {
        "Chaufferie bois", "Éclairage du stade", "Lavoir communal"
    }
    assert set(lignes(client, coordination, statut_affectation="acceptee")) == {"Lavoir communal"}
    # The partenaire and the status of one same assignment: the SDED's assignment of « Lavoir » is accepted.
    assert set(lignes(client, coordination, partenaire=referentiel["sded"].pk, statut_affectation="a_traiter")) == {
        "Chaufferie bois", "Éclairage du stade"
    }


def test_waiting_for_more_than_n_days(client, comptes, travail, referentiel):
    coordination = comptes["coordination"]
    # An assignment « à traiter » for longer, or no partenaire and received before.
    assert set(lignes(client, coordination, attente=7)) == {
        "Chaufferie bois", "Éclairage du stade", "Salle des fêtes", "Piste cyclable"
    }
    assert set(lignes(client, coordination, attente=7, partenaire="aucun")) == {"Salle des fêtes", "Piste cyclable"}
    assert set(lignes(client, coordination, attente=7, partenaire=referentiel["sded"].pk)) == {"Chaufferie bois"}
    assert set(lignes(client, coordination, attente=20)) == {"Éclairage du stade"}
    assert set(lignes(client, comptes["agent_sded"], attente=7)) == {"Chaufferie bois"}  # its own wait only


@pytest.mark.parametrize("valeur", ["99999999999", "1e400", "-3", "abc", "7.5", ""])
def test_any_number_of_days_gets_a_page(client, comptes, travail, valeur):
    client.force_login(comptes["coordination"])
    assert client.get(reverse("demandes:index"), {"attente": valeur}).status_code == 200


def test_an_agent_filtering_without_partenaire_or_on_another_sees_nothing_more(client, comptes, travail, referentiel):
    agent = comptes["agent_sded"]
    mes_demandes = {"Chaufferie bois", "Éclairage du stade", "Lavoir communal"}
    assert set(lignes(client, agent)) == mes_demandes
    assert set(lignes(client, agent, partenaire="aucun")) == set()
    assert set(lignes(client, agent, partenaire=referentiel["service"].pk)) == set()
    assert set(lignes(client, agent, attente=0)) <= mes_demandes


def test_the_coordination_confides_several_demandes_to_a_partenaire_told_once(
    client, comptes, travail, referentiel, django_capture_on_commit_callbacks
):
    choisies = [travail["nouvelle"], travail["oubliee"], travail["attend_sded"]]  # the last one is the SDED's already
    client.force_login(comptes["coordination"])
    ids = "&".join(f"id={demande.pk}" for demande in choisies)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"{URL_CONFIER}?{ids}", {"partenaire": referentiel["sded"].pk,
                                                       "agent": comptes["agent_sded"].pk}, follow=True)
    assert "2 demande(s) confiée(s) à SDED ; 1 l'étai(en)t déjà." in reponse.content.decode().replace("&#x27;", "'")
    for demande in choisies[:2]:
        affectation = demande.affectations.get()
        assert (affectation.partenaire, affectation.agent) == (referentiel["sded"], comptes["agent_sded"])
        demande.refresh_from_db()
        assert demande.statut == Statut.ORIENTEE
        assert demande.journal.filter(description="Affectée à SDED.").exists()
    assert travail["attend_sded"].affectations.count() == 1

    # One e-mail to the partenaire, listing both demandes with their links; none per demande. Each requester
    # whose demande is now oriented is told (demandes/demandeur.py), once.
    [message] = [m for m in mail.outbox if m.to == ["sded@example.org"]]
    assert sorted(m.to[0] for m in mail.outbox if m is not message) == sorted(d.email for d in choisies[:2])
    assert message.to == ["sded@example.org"]
    assert message.subject == "2 demandes confiées à votre structure"
    for demande in choisies[:2]:
        assert demande.reference in message.body and demande.titre in message.body
        assert f"http://testserver/admin/demandes/demandes/inspect/{demande.pk}/" in message.body
        assert demande.reference in message.alternatives[0][0]
    assert choisies[2].reference not in message.body
    courriel = CourrielDemande.objects.get(nature="affectation_groupee")
    assert courriel.etat == "envoye" and set(courriel.lot.all()) == set(choisies[:2])

    # Another partenaire is told once too, of its own demandes only.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL_CONFIER}?{ids}", {"partenaire": referentiel["service"].pk})
    nouveaux = mail.outbox[3:]  # the demandes were oriented already: no requester is told again
    assert len(nouveaux) == 1
    assert nouveaux[0].to == ["src@example.org"] and nouveaux[0].subject == "3 demandes confiées à votre structure"


def test_a_single_demande_confided_from_the_listing_gets_its_usual_e_mail(
    client, comptes, travail, referentiel, django_capture_on_commit_callbacks
):
    client.force_login(comptes["coordination"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL_CONFIER}?id={travail['nouvelle'].pk}", {"partenaire": referentiel["sded"].pk})
    [message] = [m for m in mail.outbox if m.to == ["sded@example.org"]]
    assert message.subject.startswith(f"Demande {travail['nouvelle'].reference} confiée à votre structure")
    assert message.reply_to == [travail["nouvelle"].email]


def test_the_agent_must_belong_to_the_chosen_partenaire(client, comptes, travail, referentiel):
    client.force_login(comptes["coordination"])
    reponse = client.post(f"{URL_CONFIER}?id={travail['nouvelle'].pk}",
                          {"partenaire": referentiel["service"].pk, "agent": comptes["agent_sded"].pk})
    assert reponse.status_code == 200
    assert "Cette personne n'est pas un agent de ce partenaire." in reponse.content.decode().replace("&#x27;", "'")
    assert not travail["nouvelle"].affectations.exists()


def test_a_partners_agent_never_sees_nor_runs_the_coordinations_bulk_actions(client, comptes, travail, referentiel):
    client.force_login(comptes["agent_sded"])
    soupe = BeautifulSoup(client.get(reverse("demandes:index")).content.decode(), "html.parser")
    actions = [bouton.get_text(strip=True) for bouton in soupe.select("[data-bulk-action-button]")]
    assert actions == ["Réaffecter"]
    mienne, autre = travail["attend_sded"], travail["nouvelle"]
    assert refuse(client, client.get(URL_CONFIER, {"id": [mienne.pk]}))
    assert refuse(client, client.post(f"{URL_CONFIER}?id={mienne.pk}&id={autre.pk}",
                                      {"partenaire": referentiel["sded"].pk}))
    assert not autre.affectations.exists() and mienne.affectations.count() == 1
    assert not mail.outbox

    client.force_login(comptes["coordination"])
    soupe = BeautifulSoup(client.get(reverse("demandes:index")).content.decode(), "html.parser")
    actions = [bouton.get_text(strip=True) for bouton in soupe.select("[data-bulk-action-button]")]
    assert actions == ["Confier à un partenaire", "Changer le statut", "Réaffecter"]


@pytest.mark.parametrize("qui", ["redacteur", "agent_sans_partenaire"])
def test_others_cannot_confide_either(client, comptes, travail, referentiel, qui):
    client.force_login(comptes[qui])
    assert refuse(client, client.post(f"{URL_CONFIER}?id={travail['nouvelle'].pk}",
                                      {"partenaire": referentiel["sded"].pk}))
    assert not travail["nouvelle"].affectations.exists()
