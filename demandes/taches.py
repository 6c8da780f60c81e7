"""The demandes' e-mails: how each is built, and the task that sends a new demande's (django-tasks). The
outbox's engine sends them, records failures and retries (site_collectivites/courrier/envoi.py)."""

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from site_collectivites.courrier.envoi import FILES
from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.exploitation.courriels import ligne_d_en_tete

from . import demandeur
from .models import CourrielDemande

SUJETS = {
    CourrielDemande.Nature.ACCUSE_RECEPTION: "Votre demande {reference} a bien été reçue",
    CourrielDemande.Nature.NOTIFICATION: "Nouvelle demande {reference} : {titre}",
    CourrielDemande.Nature.AFFECTATION: "Demande {reference} confiée à votre structure : {titre}",
    CourrielDemande.Nature.AFFECTATION_GROUPEE: "{nombre} demandes confiées à votre structure",
    CourrielDemande.Nature.ORIENTATION: "Votre demande {reference} est confiée à un interlocuteur",
    CourrielDemande.Nature.DEBUT_ACCOMPAGNEMENT: "Votre demande {reference} : l'accompagnement commence",
    CourrielDemande.Nature.CLOTURE: "Votre demande {reference} est close",
}
# The assignment e-mail is the notification with another first line (the template reads courriel.nature).
GABARITS = {
    CourrielDemande.Nature.ACCUSE_RECEPTION: "accuse_reception",
    CourrielDemande.Nature.NOTIFICATION: "notification",
    CourrielDemande.Nature.AFFECTATION: "notification",
    CourrielDemande.Nature.AFFECTATION_GROUPEE: "affectation_groupee",
    CourrielDemande.Nature.ORIENTATION: "orientation",
    CourrielDemande.Nature.DEBUT_ACCOMPAGNEMENT: "debut_accompagnement",
    CourrielDemande.Nature.CLOTURE: "cloture",
}


def url_suivi(demande):
    return url_publique(reverse("demandes:inspect", args=[demande.pk]))


def construire_message(courriel):
    if courriel.nature == CourrielDemande.Nature.AFFECTATION_GROUPEE:
        return construire_message_groupe(courriel)
    demande = courriel.demande
    contexte = {"demande": demande, "courriel": courriel, "site_url": url_publique("/"), "url_suivi": url_suivi(demande)}
    pour_le_partenaire = courriel.nature not in demandeur.NATURES_DEMANDEUR
    if not pour_le_partenaire:
        contexte.update(contexte_demandeur(demande, courriel))
    return _message(
        courriel, contexte, SUJETS[courriel.nature].format(reference=demande.reference, titre=demande.titre),
        # The partner answers the requester directly; the requester answers the service.
        reply_to=[demande.email] if pour_le_partenaire and demande.email else None,
        headers={"X-Demande-Reference": demande.reference},
    )


def contexte_demandeur(demande, courriel):
    """What the requester's e-mails show: their page's private link, who follows the demande and, at closure,
    the partners' messages and the four answers to « utile ? » (demandes/demandeur.py)."""
    contexte = {"url_page": demandeur.url_page(demande), "partenaires": demandeur.partenaires_qui_suivent(demande),
                "statut_en_clair": demandeur.statut_en_clair(demande)}
    if courriel.nature == CourrielDemande.Nature.CLOTURE:
        contexte["messages_demandeur"] = demandeur.messages_au_demandeur(demande)
        contexte["liens_avis"] = demandeur.liens_avis(demande) if demandeur.peut_repondre(demande) else []
    return contexte


def construire_message_groupe(courriel):
    """One e-mail to a partenaire listing the demandes assigned to it at once (each with its link)."""
    demandes = list(courriel.lot.order_by("reference").prefetch_related("thematiques"))
    for demande in demandes:
        demande.url_suivi = url_suivi(demande)
    contexte = {"demandes": demandes, "courriel": courriel, "url_liste": url_publique(reverse("demandes:index"))}
    references = ", ".join(demande.reference for demande in demandes)
    # Several requesters: no Reply-To; each demande's page gives its contact.
    return _message(courriel, contexte, SUJETS[courriel.nature].format(nombre=len(demandes)),
                    headers={"X-Demande-Reference": references})


def _message(courriel, contexte, sujet, reply_to=None, headers=None):
    gabarit = f"demandes/courriels/{GABARITS[courriel.nature]}"
    message = EmailMultiAlternatives(
        subject=ligne_d_en_tete(sujet)[:200], body=render_to_string(f"{gabarit}.txt", contexte), to=[courriel.destinataire],
        reply_to=reply_to, headers=headers,
    )
    message.attach_alternative(render_to_string(f"{gabarit}.html", contexte), "text/html")
    return message


def envoyer_dus(filtre=Q()):
    """Send every demandes' e-mail that is due (the site's engine: one row at a time, locked, retried)."""
    return FILES["demandes"].envoyer_dus(filtre)


@task()
def envoyer_courriels_demande(demande_id):
    """Send the e-mails of a new demande (enqueued after the demande's transaction commits)."""
    return envoyer_dus(Q(demande_id=demande_id))
