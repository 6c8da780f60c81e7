"""The follow-up as the people who run it use it: assignments, statuses, notes, manual entries, reassignment,
every change in the history."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from demandes.models import Demande, Statut, StatutAffectation
from demandes.statuts import statut_selon_affectations
from tests.demandes.conftest import donnees_valides
from tests.demandes.factories import AffectationFactory, DemandeFactory, compte

A = StatutAffectation


@pytest.mark.parametrize(
    "statuts, attendu",
    [
        ([], Statut.ANALYSE),
        ([A.A_TRAITER], Statut.ORIENTEE),
        ([A.A_TRAITER, A.DECLINEE], Statut.ORIENTEE),
        ([A.ACCEPTEE], Statut.ACCOMPAGNEMENT),
        ([A.EN_COURS, A.TERMINEE], Statut.ACCOMPAGNEMENT),
        ([A.TERMINEE, A.A_TRAITER], Statut.ACCOMPAGNEMENT),
        ([A.TERMINEE, A.DECLINEE], Statut.CLOSE),
        ([A.DECLINEE, A.DECLINEE], Statut.ANALYSE),
    ],
)
def test_overall_status_follows_the_assignments(statuts, attendu):
    assert statut_selon_affectations(statuts, Statut.ANALYSE) == attendu


def texte(reponse):
    return html.unescape(reponse.content.decode())


def detail(client, demande):
    return texte(client.get(reverse("demandes:inspect", args=[demande.pk])))


def test_a_form_demande_is_assigned_to_its_routing_target_and_journaled(
    client, page_demande, territoire, referentiel, offre, comptes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_demande.url, donnees_valides(territoire, referentiel, offre=offre.slug))
    demande = Demande.objects.get()
    assert demande.statut == Statut.ORIENTEE
    assert [a.partenaire for a in demande.affectations.all()] == [referentiel["sded"]]
    # The SDED was told once, by the notification (no second « affectation » e-mail).
    assert sorted(m.to[0] for m in mail.outbox) == ["mairie@saillans.example.org", "sded@example.org"]
    notification = next(m for m in mail.outbox if m.to == ["sded@example.org"])
    assert f"/admin/demandes/demandes/inspect/{demande.pk}/" in notification.body

    client.force_login(comptes["agent_sded"])
    page = detail(client, demande)
    assert "Demande reçue par le formulaire du site." in page
    assert "Affectée à SDED." in page


def test_an_agent_records_progress_and_the_delivered_prestation(client, comptes, referentiel):
    demande = DemandeFactory(statut=Statut.ORIENTEE)
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["agent_sded"])
    url = reverse("demandes:affectation", args=[demande.pk, affectation.pk])
    prefixe = f"a{affectation.pk}-"

    client.post(url, {prefixe + "statut": "en_cours", prefixe + "agent": comptes["agent_sded"].pk})
    demande.refresh_from_db()
    assert demande.statut == Statut.ACCOMPAGNEMENT

    # Finishing without saying what was delivered is refused, with the reason.
    reponse = client.post(url, {prefixe + "statut": "terminee"}, follow=True)
    assert "Indiquez la prestation réalisée pour terminer l'accompagnement." in texte(reponse)
    affectation.refresh_from_db()
    assert affectation.statut == "en_cours"

    client.post(url, {prefixe + "statut": "terminee", prefixe + "prestation_realisee": referentiel["amo"].pk,
                      prefixe + "agent": comptes["agent_sded"].pk})
    affectation.refresh_from_db()
    demande.refresh_from_db()
    assert affectation.prestation_realisee == referentiel["amo"]
    assert demande.statut == Statut.CLOSE
    page = detail(client, demande)
    assert "SDED : En cours → Terminée ; prestation réalisée : Assistance à maîtrise d'ouvrage." in page
    assert "Statut : En cours d'accompagnement → Close (accompagnement réalisé) (selon les affectations)." in page
    assert "Agent_Sded" in page  # who did it


def test_declining_needs_a_reason_and_sends_the_demande_back_to_the_coordination(client, comptes, referentiel):
    demande = DemandeFactory(statut=Statut.ORIENTEE)
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["agent_sded"])
    url = reverse("demandes:affectation", args=[demande.pk, affectation.pk])
    reponse = client.post(url, {f"a{affectation.pk}-statut": "declinee"}, follow=True)
    assert "Indiquez pourquoi la demande est déclinée." in texte(reponse)
    client.post(url, {f"a{affectation.pk}-statut": "declinee", f"a{affectation.pk}-motif": "Hors de notre champ"})
    demande.refresh_from_db()
    assert demande.statut == Statut.ANALYSE


def test_the_coordination_assigns_a_second_partenaire_who_is_told(
    client, comptes, referentiel, django_capture_on_commit_callbacks
):
    demande = DemandeFactory(statut=Statut.ANALYSE)
    client.force_login(comptes["coordination"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("demandes:affecter", args=[demande.pk]),
                    {"partenaire": referentiel["sded"].pk, "agent": comptes["agent_sded"].pk})
    affectation = demande.affectations.get()
    assert affectation.agent == comptes["agent_sded"]
    demande.refresh_from_db()
    assert demande.statut == Statut.ORIENTEE
    # The partenaire is told, and the requester that the demande is oriented (demandes/demandeur.py).
    [message, au_demandeur] = sorted(mail.outbox, key=lambda m: m.to != ["sded@example.org"])
    assert au_demandeur.to == [demande.email] and "confiée à un interlocuteur" in au_demandeur.subject
    assert message.to == ["sded@example.org"]
    assert message.subject.startswith(f"Demande {demande.reference} confiée à votre structure")
    assert message.reply_to == [demande.email]
    assert message.extra_headers["X-Demande-Reference"] == demande.reference

    # The same partenaire twice is refused; an agent of another partenaire cannot follow it.
    reponse = client.post(reverse("demandes:affecter", args=[demande.pk]), {"partenaire": referentiel["sded"].pk},
                          follow=True)
    assert "La demande est déjà affectée à ce partenaire." in texte(reponse)
    reponse = client.post(reverse("demandes:affecter", args=[demande.pk]),
                          {"partenaire": referentiel["service"].pk, "agent": comptes["agent_sded"].pk}, follow=True)
    assert "Cette personne n'est pas un agent de ce partenaire." in texte(reponse)
    assert demande.affectations.count() == 1


def test_the_coordination_sets_the_status_by_hand_then_gives_it_back(client, comptes, referentiel):
    demande = DemandeFactory(statut=Statut.ORIENTEE)
    AffectationFactory(demande=demande, partenaire=referentiel["sded"], statut="en_cours")
    client.force_login(comptes["coordination"])
    client.post(reverse("demandes:statut", args=[demande.pk]), {"statut": "reorientee"})
    demande.refresh_from_db()
    assert (demande.statut, demande.statut_manuel) == ("reorientee", True)
    client.post(reverse("demandes:statut", args=[demande.pk]), {"statut": ""})
    demande.refresh_from_db()
    assert (demande.statut, demande.statut_manuel) == ("accompagnement", False)
    page = detail(client, demande)
    assert "(fixé par la coordination)" in page and "Le statut suit de nouveau les affectations." in page


def test_notes_are_kept_with_their_author(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["agent_sded"])
    reponse = client.post(reverse("demandes:note", args=[demande.pk]), {"texte": "Rappeler le maire <b>lundi</b>."},
                          follow=True)
    page = texte(reponse)
    assert "Rappeler le maire <b>lundi</b>." in page  # shown as text, never as HTML
    assert "<b>lundi</b>" not in reponse.content.decode()
    assert demande.notes.get().auteur == comptes["agent_sded"]
    reponse = client.post(reverse("demandes:note", args=[demande.pk]), {"texte": ""}, follow=True)
    assert "Écrivez la note avant de l'ajouter." in texte(reponse)


def test_an_agent_types_in_a_demande_received_by_phone(client, comptes, territoire, referentiel):
    client.force_login(comptes["agent_sded"])
    donnees = donnees_valides(territoire, referentiel, source="telephone", email="")
    reponse = client.post(reverse("demandes:add"), donnees)
    demande = Demande.objects.get()
    assert reponse["Location"] == reverse("demandes:inspect", args=[demande.pk])
    assert demande.source == "telephone" and demande.cree_par == comptes["agent_sded"]
    assert demande.territoire_canton == "Crest"  # frozen like a form demande
    assert [a.partenaire for a in demande.affectations.all()] == [referentiel["sded"]]
    assert not mail.outbox  # no e-mail address, and the agent does not notify itself
    assert "Demande saisie dans l'espace d'administration (source : Téléphone)." in detail(client, demande)


def test_the_manual_form_keeps_the_public_forms_rules(client, comptes, territoire, referentiel):
    client.force_login(comptes["coordination"])
    donnees = donnees_valides(territoire, referentiel, source="reunion", commune="", partenaires=[referentiel["sded"].pk])
    reponse = client.post(reverse("demandes:add"), donnees)
    assert reponse.status_code == 200
    assert "Choisissez votre commune." in texte(reponse)
    assert not Demande.objects.exists()


def test_a_correction_by_the_coordination_refreezes_the_territory_and_is_journaled(
    client, comptes, territoire, referentiel
):
    demande = DemandeFactory(commune=territoire["saillans"])
    demande.thematiques.set([referentiel["energie"]])
    client.force_login(comptes["coordination"])
    donnees = donnees_valides(territoire, referentiel, commune=territoire["valence"].pk, source="formulaire")
    client.post(reverse("demandes:edit", args=[demande.pk]), donnees)
    demande.refresh_from_db()
    assert (demande.territoire_commune, demande.territoire_canton) == ("Valence", "Valence-1")
    assert "Corrigé :" in detail(client, demande) and "commune" in detail(client, demande)


def test_reassigning_when_an_agent_leaves(client, comptes, referentiel):
    remplacante = compte("remplacante", "Agents des partenaires", referentiel["sded"])
    demandes = [DemandeFactory() for _ in range(3)]
    for demande in demandes:
        AffectationFactory(demande=demande, partenaire=referentiel["sded"], agent=comptes["agent_sded"])
    client.force_login(comptes["agent_sded"])
    url = reverse("wagtail_bulk_action", args=["demandes", "demande", "reaffecter"])
    ids = "&".join(f"id={d.pk}" for d in demandes[:2])
    reponse = client.post(f"{url}?{ids}", {"agent": remplacante.pk})
    assert reponse.status_code == 302
    agents = [d.affectations.get().agent for d in demandes]
    assert agents == [remplacante, remplacante, comptes["agent_sded"]]
    assert "Réaffectée : SDED, Agent_Sded → SDED, Remplacante." in detail(client, demandes[0])


def test_the_coordination_moves_assignments_to_another_partenaire(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"], statut="acceptee")
    client.force_login(comptes["coordination"])
    url = reverse("wagtail_bulk_action", args=["demandes", "demande", "reaffecter"])
    client.post(f"{url}?id={demande.pk}", {"ancien_partenaire": referentiel["sded"].pk,
                                           "nouveau_partenaire": referentiel["service"].pk})
    affectation = demande.affectations.get()
    assert affectation.partenaire == referentiel["service"] and affectation.statut == "a_traiter"
