"""Daily reminders to the partners, and the erasure of personal data after the retention period."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from demandes.models import CourrielDemande, PieceJointe
from tests.demandes.factories import AffectationFactory, DemandeFactory

EN_PANNE = "tests.demandes.courriel_en_panne.BackendEnPanne"


def il_y_a(jours):
    return timezone.now() - timedelta(days=jours)


def test_each_partner_gets_one_digest_of_its_old_pending_assignments(comptes, referentiel, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.DEMANDES_RELANCE_JOURS = 10
    ancienne = AffectationFactory(partenaire=referentiel["sded"], statut_modifie_le=il_y_a(12),
                                  demande=DemandeFactory(titre="Éclairage public du village"))
    AffectationFactory(partenaire=referentiel["sded"], statut_modifie_le=il_y_a(3))  # too recent
    AffectationFactory(partenaire=referentiel["sded"], statut="en_cours", statut_modifie_le=il_y_a(40))  # answered
    AffectationFactory(partenaire=referentiel["service"], statut_modifie_le=il_y_a(30))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("relancer_partenaires", stdout=io.StringIO())

    assert len(mail.outbox) == 2
    sded = next(m for m in mail.outbox if "sded@example.org" in m.to)
    assert sded.to == ["sded@example.org", "agent_sded@example.org"]  # the contact and the partner's agents
    assert sded.subject == "1 demande(s) en attente de réponse depuis plus de 10 jours"
    assert ancienne.demande.reference in sded.body and "Éclairage public du village" in sded.body
    assert "en attente depuis 12 jours" in sded.body
    assert f"/admin/demandes/demandes/inspect/{ancienne.demande_id}/" in sded.body


def test_a_failed_reminder_waits_in_the_outbox_and_goes_once(comptes, referentiel, settings,
                                                              django_capture_on_commit_callbacks):
    from site_collectivites.models import CourrielEnFile

    AffectationFactory(partenaire=referentiel["sded"], statut_modifie_le=il_y_a(20))
    settings.EMAIL_BACKEND = EN_PANNE
    with django_capture_on_commit_callbacks(execute=True):
        call_command("relancer_partenaires", "--jours", "10", stdout=io.StringIO())
    relance = CourrielEnFile.objects.get(nature="relance_partenaire")
    assert relance.etat == "echec" and "Connexion au serveur" in relance.derniere_erreur
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Run again the same day (a timer restarted): the digest is not queued twice.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("relancer_partenaires", "--jours", "10", stdout=io.StringIO())
    assert CourrielEnFile.objects.filter(nature="relance_partenaire").count() == 1
    CourrielEnFile.objects.update(prochain_essai=timezone.now())
    call_command("envoyer_courriels", stdout=io.StringIO())
    call_command("envoyer_courriels", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sded@example.org", "agent_sded@example.org"]


def test_a_partner_without_any_address_fails_the_command(comptes, referentiel):
    from tests.factories import PartenaireFactory

    AffectationFactory(partenaire=PartenaireFactory(nom="Sans adresse", email_contact=""),
                       statut_modifie_le=il_y_a(20))
    with pytest.raises(CommandError, match="1 partenaire"):
        call_command("relancer_partenaires", "--jours", "10", stdout=io.StringIO())


def test_closed_demandes_are_anonymised_after_the_retention_period(referentiel, settings):
    settings.DEMANDES_CONSERVATION_JOURS = 365
    echue = DemandeFactory(statut="close", statut_modifie_le=il_y_a(400), nom="Durand", prenom="Luc",
                           email="luc.durand@mairie.example.org", telephone="04 75 00 00 00",
                           description="Le maire, M. Durand, souhaite…", territoire_canton="Crest")
    echue.thematiques.set([referentiel["energie"]])
    affectation = AffectationFactory(demande=echue, partenaire=referentiel["sded"], statut="terminee",
                                     prestation_realisee=referentiel["amo"], motif="Vu avec M. Durand")
    echue.notes.create(texte="Appeler M. Durand au 06 00 00 00 00", auteur_nom="Agent")
    piece = PieceJointe(demande=echue, nom_original="plan.pdf", type_mime="application/pdf", taille=9)
    piece.fichier.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    chemin = piece.fichier.name
    CourrielDemande.objects.create(demande=echue, nature="accuse_reception", destinataire=echue.email, etat="envoye")
    recente = DemandeFactory(statut="close", statut_modifie_le=il_y_a(100), nom="Petit")
    ouverte = DemandeFactory(statut="accompagnement", statut_modifie_le=il_y_a(900), nom="Roux")

    sortie = io.StringIO()
    call_command("anonymiser_demandes", "--simulation", stdout=sortie)
    assert "1 demande(s) seraient anonymisées." in sortie.getvalue()
    call_command("anonymiser_demandes", stdout=io.StringIO())

    echue.refresh_from_db()
    assert (echue.nom, echue.prenom, echue.email, echue.telephone) == ("", "", "", "")
    assert "Durand" not in echue.description and echue.anonymisee_le is not None
    assert echue.notes.get().texte == "[anonymisé]"
    assert not echue.pieces_jointes.exists() and not default_storage.exists(chemin)
    assert not CourrielDemande.objects.filter(demande=echue).exists()
    affectation.refresh_from_db()
    assert affectation.motif == "" and affectation.prestation_realisee == referentiel["amo"]
    # What the statistics count is kept.
    assert echue.territoire_canton == "Crest" and list(echue.thematiques.all()) == [referentiel["energie"]]
    assert echue.journal.filter(action="anonymisation").exists()
    recente.refresh_from_db()
    ouverte.refresh_from_db()
    assert recente.nom == "Petit" and ouverte.nom == "Roux"

    # Idempotent: a second run finds nothing.
    sortie = io.StringIO()
    call_command("anonymiser_demandes", stdout=sortie)
    assert "0 demande(s) anonymisée(s)." in sortie.getvalue()
