"""Business rules of the follow-up: assignments, statuses, notes, reassignment. Every change is journaled.

The admin views (demandes/admin/) only check who may act (demandes/acces.py), then call these functions.
"""

from django.db import transaction
from django.utils import timezone

from .models import (
    PRISES_EN_CHARGE, ActionJournal, Affectation, CourrielDemande, EntreeJournal, NoteInterne, StatutAffectation,
)
from .demandeur import annoncer_etape
from .statuts import statut_selon_affectations


def nom_de(user):
    if user is None:
        return "Le site"
    return (user.get_full_name() or user.get_username())[:150]


def journaliser(demande, user, action, description):
    return EntreeJournal.objects.create(
        demande=demande, auteur=user, auteur_nom=nom_de(user), action=action, description=description
    )


def ajouter_note(demande, user, texte):
    with transaction.atomic():
        note = NoteInterne.objects.create(demande=demande, auteur=user, auteur_nom=nom_de(user), texte=texte.strip())
        journaliser(demande, user, ActionJournal.NOTE, "Note interne ajoutée.")
    return note


def _enregistrer_statut(demande, statut, user, manuel):
    ancien = demande.get_statut_display()
    if demande.statut == statut and demande.statut_manuel == manuel:
        return False
    changement = demande.statut != statut
    demande.statut = statut
    demande.statut_manuel = manuel
    if changement:
        demande.statut_modifie_le = timezone.now()
    demande.save(update_fields=["statut", "statut_manuel", "statut_modifie_le"])
    if changement:
        origine = "fixé par la coordination" if manuel else "selon les affectations"
        journaliser(demande, user, ActionJournal.STATUT,
                    f"Statut : {ancien} → {demande.get_statut_display()} ({origine}).")
        # The requester is told of the step reached, once (a status set back and forth tells nothing new).
        annoncer_etape(demande)
    return changement


def recalculer_statut(demande, user=None):
    """Follow the assignments, unless the coordination has set the status by hand."""
    if demande.statut_manuel:
        return False
    statuts = demande.affectations.values_list("statut", flat=True)
    return _enregistrer_statut(demande, statut_selon_affectations(statuts, demande.statut), user, manuel=False)


def noter_message_au_demandeur(demande, message, user):
    """The coordination's word to the requester, sent with the closing e-mail (before the status that sends it)."""
    if message is None or message == demande.message_au_demandeur:
        return
    demande.message_au_demandeur = message
    demande.save(update_fields=["message_au_demandeur"])
    journaliser(demande, user, ActionJournal.MODIFICATION, "Message au demandeur modifié.")


def fixer_statut(demande, statut, user, message_au_demandeur=None):
    """The coordination sets the status (manuel), or with `statut=None` gives it back to the assignments."""
    with transaction.atomic():
        noter_message_au_demandeur(demande, message_au_demandeur, user)
        if statut is None:
            demande.statut_manuel = False
            demande.save(update_fields=["statut_manuel"])
            journaliser(demande, user, ActionJournal.STATUT, "Le statut suit de nouveau les affectations.")
            recalculer_statut(demande, user)
        else:
            _enregistrer_statut(demande, statut, user, manuel=True)


def affecter(demande, partenaire, user, agent=None, notifier=True, envoyer_apres=True):
    """Assign `demande` to `partenaire` (once per partenaire) and tell the partenaire by e-mail."""
    from .taches import envoyer_courriels_demande

    with transaction.atomic():
        affectation, creee = Affectation.objects.get_or_create(
            demande=demande, partenaire=partenaire, defaults={"agent": agent}
        )
        if not creee:
            return affectation
        journaliser(demande, user, ActionJournal.AFFECTATION, f"Affectée à {partenaire.nom_court}.")
        if notifier and partenaire.email_contact:
            CourrielDemande.objects.get_or_create(
                demande=demande, nature=CourrielDemande.Nature.AFFECTATION, destinataire=partenaire.email_contact
            )
            if envoyer_apres:
                transaction.on_commit(lambda: envoyer_courriels_demande.enqueue(demande.pk))
        recalculer_statut(demande, user)
    return affectation


def confier_en_masse(demandes, partenaire, user, agent=None):
    """The coordination assigns several demandes to one partenaire at once (bulk action « Confier à un
    partenaire »). Those already assigned to it are left as they are. The partenaire is told once: one e-mail
    listing the new ones through the outbox, sent after commit (a single demande gets its usual detailed
    e-mail). Returns (assigned, already assigned)."""
    from .taches import envoyer_courriels_demande

    deja = set(
        Affectation.objects.filter(demande__in=demandes, partenaire=partenaire).values_list("demande_id", flat=True)
    )
    nouvelles = sorted((demande for demande in demandes if demande.pk not in deja), key=lambda d: d.reference)
    seule = len(nouvelles) == 1
    with transaction.atomic():
        for demande in nouvelles:
            affecter(demande, partenaire, user, agent=agent, notifier=seule)
        if len(nouvelles) > 1 and partenaire.email_contact:
            courriel = CourrielDemande.objects.create(
                demande=nouvelles[0], nature=CourrielDemande.Nature.AFFECTATION_GROUPEE,
                destinataire=partenaire.email_contact,
            )
            courriel.lot.set(nouvelles)
            transaction.on_commit(lambda: envoyer_courriels_demande.enqueue(courriel.demande_id))
    return len(nouvelles), len(deja)


def mettre_a_jour_affectation(affectation, user, statut, prestation_realisee=None, motif="", agent=None,
                              message_au_demandeur=None):
    """An agent (or the coordination) records where its part stands and what was delivered, and what the
    requester reads at closure (`message_au_demandeur`, None: unchanged)."""
    changements = []
    if message_au_demandeur is not None and affectation.message_au_demandeur != message_au_demandeur:
        # Saved with the status that closes the demande: the closing e-mail, sent after commit, carries it.
        changements.append("message au demandeur modifié")
        affectation.message_au_demandeur = message_au_demandeur
    if affectation.statut != statut:
        changements.append(f"{affectation.get_statut_display()} → {StatutAffectation(statut).label}")
        affectation.statut = statut
        affectation.statut_modifie_le = timezone.now()
        if statut in PRISES_EN_CHARGE and affectation.prise_en_charge_le is None:
            affectation.prise_en_charge_le = affectation.statut_modifie_le
    if affectation.prestation_realisee != prestation_realisee:
        changements.append(f"prestation réalisée : {prestation_realisee or 'non renseignée'}")
        affectation.prestation_realisee = prestation_realisee
    if affectation.motif != motif:
        # The text itself stays on the assignment only (anonymisation erases it there).
        changements.append("commentaire modifié")
        affectation.motif = motif
    if affectation.agent != agent:
        changements.append(f"suivie par : {nom_de(agent) if agent else 'personne'}")
        affectation.agent = agent
    if not changements:
        return False
    with transaction.atomic():
        affectation.save()
        journaliser(affectation.demande, user, ActionJournal.AFFECTATION,
                    f"{affectation.partenaire.nom_court} : " + " ; ".join(changements) + ".")
        recalculer_statut(affectation.demande, user)
    return True


def reaffecter(affectations, user, agent=None, partenaire=None):
    """Move assignments to another agent (someone leaves) and/or, for the coordination, another partenaire.

    An assignment whose demande already has one for the new partenaire is left as it is. Returns the
    number moved.
    """
    deplacees = 0
    with transaction.atomic():
        for affectation in affectations:
            anciens = f"{affectation.partenaire.nom_court}, {nom_de(affectation.agent) if affectation.agent else 'personne'}"
            if partenaire is not None and partenaire != affectation.partenaire:
                if Affectation.objects.filter(demande=affectation.demande, partenaire=partenaire).exists():
                    continue
                affectation.partenaire = partenaire
                affectation.statut = StatutAffectation.A_TRAITER
                affectation.statut_modifie_le = timezone.now()
            affectation.agent = agent
            affectation.save()
            nouveaux = f"{affectation.partenaire.nom_court}, {nom_de(agent) if agent else 'personne'}"
            journaliser(affectation.demande, user, ActionJournal.REAFFECTATION, f"Réaffectée : {anciens} → {nouveaux}.")
            recalculer_statut(affectation.demande, user)
            deplacees += 1
    return deplacees


def changer_statut_en_masse(demandes, statut, user, message_au_demandeur=None):
    """Each demande whose status really changes tells its requester once (annoncer_etape), as one by one."""
    with transaction.atomic():
        for demande in demandes:
            noter_message_au_demandeur(demande, message_au_demandeur or None, user)
        return sum(_enregistrer_statut(demande, statut, user, manuel=True) for demande in demandes)

