"""Personal data of closed demandes is not kept for ever (RGPD, docs/demandes.md « Conservation »).

DEMANDES_CONSERVATION_JOURS after a demande reached a final status (close, sans suite, réorientée), the
requester's identity and contact, the free texts that may name people, the notes and the attachments are
erased. What the statistics need stays: dates, type of collectivité, frozen territory, thématiques,
prestations, partenaires, statuses. Run daily by `manage.py anonymiser_demandes`.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .demandeur import NATURES_DEMANDEUR
from .models import ActionJournal, AvisDemandeur, CourrielDemande, Demande, NoteInterne, PieceJointe
from .models.demandes import STATUTS_FINAUX
from .suivi import journaliser

TEXTE_EFFACE = "[anonymisé]"


def demandes_a_anonymiser(jours, maintenant=None):
    limite = (maintenant or timezone.now()) - timedelta(days=jours)
    return Demande.objects.filter(
        statut__in=STATUTS_FINAUX, statut_modifie_le__lte=limite, anonymisee_le__isnull=True
    )


def anonymiser(demande):
    with transaction.atomic():
        for piece in PieceJointe.objects.filter(demande=demande):
            piece.fichier.delete(save=False)
            piece.delete()
        NoteInterne.objects.filter(demande=demande).update(texte=TEXTE_EFFACE)
        # The acknowledgement and the steps' rows hold the requester's address; the others are the partners'.
        CourrielDemande.objects.filter(demande=demande, nature__in=NATURES_DEMANDEUR).delete()
        demande.affectations.update(motif="", message_au_demandeur="")
        # The answer stays (the bilan counts it); the requester's comment may name people.
        AvisDemandeur.objects.filter(demande=demande).exclude(commentaire="").update(commentaire=TEXTE_EFFACE)
        demande.message_au_demandeur = ""
        for champ in ("nom", "prenom", "fonction_autre", "email", "telephone", "calendrier"):
            setattr(demande, champ, "")
        demande.description = TEXTE_EFFACE
        demande.anonymisee_le = timezone.now()
        demande.save()
        journaliser(demande, None, ActionJournal.ANONYMISATION,
                    "Données personnelles effacées à la fin de la durée de conservation.")


def anonymiser_les_demandes_echues(jours, maintenant=None):
    nombre = 0
    for demande in demandes_a_anonymiser(jours, maintenant).iterator():
        anonymiser(demande)
        nombre += 1
    return nombre
