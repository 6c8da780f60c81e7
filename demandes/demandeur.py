"""The requester in the loop (#20 items 1–3): their private page, the e-mails of each step, their answer to
« Cet accompagnement vous a-t-il été utile ? ».

- **The link.** `Demande.cle_suivi` is a random secret (256 bits) drawn the first time a link is written; each
  e-mail carries a token signed with the site's key (django.core.signing) holding the demande's id and that
  secret, and the time it was signed. A token is valid for the retention period (DEMANDES_CONSERVATION_JOURS)
  after the e-mail that carried it: the closing e-mail's link lasts about as long as the data it shows. The
  coordination revokes every link already sent by drawing a new secret (`revoquer_lien`); the next e-mails
  carry a new link. No account, nothing to guess: a wrong, expired or revoked token is refused alike.
- **The steps.** When the demande's status becomes orientée, en cours d'accompagnement, close or sans suite
  (demandes/suivi.py calls `annoncer_etape` on every real change, one demande at a time, bulk actions too),
  an outbox row (`CourrielDemande`) is written for the requester and sent after commit. A step is told once:
  the outbox's uniqueness (demande, nature, address) makes a status set back and forth send nothing new; an
  orientation is told again only to announce other partners (`Demande.orientation_annoncee`). Nothing is sent
  when the requester stopped these e-mails from their page, has no address, or the demande is anonymised.
- **The answer.** One per demande (`AvisDemandeur`), once it is closed, recorded by a POST only: the e-mail's
  four links open a confirmation page (a mail scanner that follows links records nothing).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from site_collectivites.exploitation.adresse_publique import url_publique

from .models import AvisDemandeur, CourrielDemande, Demande, Statut, StatutAffectation, Utilite

SEL = "demandes.suivi-demandeur"

# The e-mails addressed to the requester (anonymisation deletes them: they hold the address).
NATURES_DEMANDEUR = (
    CourrielDemande.Nature.ACCUSE_RECEPTION, CourrielDemande.Nature.ORIENTATION,
    CourrielDemande.Nature.DEBUT_ACCOMPAGNEMENT, CourrielDemande.Nature.CLOTURE,
)
NATURES_ETAPES = NATURES_DEMANDEUR[1:]
NATURE_DE_L_ETAPE = {
    Statut.ORIENTEE: CourrielDemande.Nature.ORIENTATION,
    Statut.ACCOMPAGNEMENT: CourrielDemande.Nature.DEBUT_ACCOMPAGNEMENT,
    Statut.CLOSE: CourrielDemande.Nature.CLOTURE,
    Statut.SANS_SUITE: CourrielDemande.Nature.CLOTURE,
}

STATUTS_EN_CLAIR = {
    Statut.RECUE: "Votre demande est bien reçue. Le Département la lit pour la confier au bon interlocuteur.",
    Statut.ANALYSE: "Le Département étudie votre demande pour trouver le bon interlocuteur.",
    Statut.ORIENTEE: "Votre demande est confiée à un interlocuteur, qui va vous contacter.",
    Statut.ACCOMPAGNEMENT: "L'accompagnement de votre projet est en cours.",
    Statut.CLOSE: "L'accompagnement est terminé.",
    Statut.SANS_SUITE: "Votre demande est close sans suite.",
    Statut.REORIENTEE: "Votre demande a été transmise à un autre organisme, mieux placé pour vous répondre.",
}


class LienInvalide(Exception):
    """Unreadable, tampered with, expired, revoked, or pointing to no demande."""


# The link

def duree_du_lien():
    return settings.DEMANDES_CONSERVATION_JOURS * 86400


def cle_de(demande):
    """The demande's secret, drawn (and saved) the first time a link is needed."""
    if not demande.cle_suivi:
        demande.cle_suivi = secrets.token_urlsafe(32)
        Demande.objects.filter(pk=demande.pk).update(cle_suivi=demande.cle_suivi)
    return demande.cle_suivi


def jeton(demande):
    return signing.dumps({"d": demande.pk, "c": cle_de(demande)}, salt=SEL)


def url_page(demande):
    return url_publique(reverse("demandeur:page", args=[jeton(demande)]))


def url_avis(demande, reponse=None):
    """The page that records an answer (a GET only shows the form, the answer chosen)."""
    url = url_publique(reverse("demandeur:avis", args=[jeton(demande)]))
    return f"{url}?reponse={reponse}" if reponse else url


def liens_avis(demande):
    """[(label, url)] of the four answers, for the closing e-mail."""
    return [(libelle, url_avis(demande, valeur)) for valeur, libelle in Utilite.choices]


def lire_jeton(valeur):
    """The demande a token designates. Raises LienInvalide whatever is wrong (never anything else)."""
    try:
        donnees = signing.loads(str(valeur)[:500], salt=SEL, max_age=duree_du_lien())
        demande_id, cle = int(donnees["d"]), str(donnees["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as erreur:  # SignatureExpired included
        raise LienInvalide from erreur
    demande = Demande.objects.filter(pk=demande_id).first()
    if demande is None or not cle or not demande.cle_suivi or not secrets.compare_digest(demande.cle_suivi, cle):
        raise LienInvalide
    return demande


def revoquer_lien(demande, user):
    """The coordination cuts every link already sent: a new secret; the next e-mails carry a new link."""
    from .models import ActionJournal
    from .suivi import journaliser

    with transaction.atomic():
        demande.cle_suivi = secrets.token_urlsafe(32)
        demande.save(update_fields=["cle_suivi"])
        journaliser(demande, user, ActionJournal.MODIFICATION,
                    "Lien du demandeur révoqué : les liens déjà envoyés ne fonctionnent plus.")


# What the page shows

def statut_en_clair(demande):
    return STATUTS_EN_CLAIR.get(demande.statut, demande.get_statut_display())


def affectations_actives(demande):
    """The assignments of the partners that follow the demande (the declined ones aside)."""
    return [a for a in demande.affectations.all() if a.statut != StatutAffectation.DECLINEE]


def partenaires_qui_suivent(demande):
    return [affectation.partenaire for affectation in affectations_actives(demande)]


def etapes(demande):
    """[(label, date)] of the steps reached, from the dates the follow-up records (never typed)."""
    affectations = list(demande.affectations.all())
    lignes = [("Demande reçue", demande.cree_le)]
    if affectations:
        lignes.append(("Demande confiée à un partenaire", min(a.cree_le for a in affectations)))
    prises = [a.prise_en_charge_le for a in affectations if a.prise_en_charge_le]
    if prises:
        lignes.append(("Accompagnement commencé", min(prises)))
    if demande.statut in (Statut.CLOSE, Statut.SANS_SUITE, Statut.REORIENTEE):
        lignes.append((demande.get_statut_display(), demande.statut_modifie_le))
    return lignes


def messages_au_demandeur(demande):
    """[(who, text)]: what the coordination and each partner wrote for the requester at closure."""
    messages = [(a.partenaire.nom_court, a.message_au_demandeur) for a in demande.affectations.all()
                if a.message_au_demandeur.strip()]
    if demande.message_au_demandeur.strip():
        messages.insert(0, ("Le Département de la Drôme", demande.message_au_demandeur))
    return messages


# The steps told by e-mail

def recoit_les_etapes(demande):
    return bool(demande.email) and demande.anonymisee_le is None and demande.courriels_arretes_le is None


def annoncer_etape(demande):
    """Write the requester's e-mail for the step the demande has just reached (its status just changed), once;
    sent after commit. Returns the outbox row, or None when there is nothing (new) to tell."""
    from .taches import envoyer_courriels_demande

    nature = NATURE_DE_L_ETAPE.get(demande.statut)
    if nature is None or not recoit_les_etapes(demande):
        return None
    if nature == CourrielDemande.Nature.ORIENTATION:
        qui = ",".join(str(pk) for pk in sorted({a.partenaire_id for a in demande.affectations.exclude(
            statut=StatutAffectation.DECLINEE)}))
        # Oriented by hand to nobody in particular, or to the partners already announced: nothing new to tell.
        if not qui or qui == demande.orientation_annoncee:
            return None
        demande.orientation_annoncee = qui
        Demande.objects.filter(pk=demande.pk).update(orientation_annoncee=qui)
        courriel = CourrielDemande.objects.create(demande=demande, nature=nature, destinataire=demande.email)
    else:
        courriel, cree = CourrielDemande.objects.get_or_create(demande=demande, nature=nature,
                                                               destinataire=demande.email)
        if not cree:
            return None
    transaction.on_commit(lambda: envoyer_courriels_demande.enqueue(demande.pk))
    return courriel


def arreter_courriels(demande):
    """The requester stops the e-mails of the steps (the acknowledgement is already sent). Those not sent yet
    are dropped."""
    with transaction.atomic():
        if demande.courriels_arretes_le is None:
            demande.courriels_arretes_le = timezone.now()
            demande.save(update_fields=["courriels_arretes_le"])
        CourrielDemande.objects.filter(
            demande=demande, nature__in=NATURES_ETAPES,
            etat__in=[CourrielDemande.Etat.A_ENVOYER, CourrielDemande.Etat.ECHEC],
        ).delete()


def reprendre_courriels(demande):
    demande.courriels_arretes_le = None
    demande.save(update_fields=["courriels_arretes_le"])


# The answer

def peut_repondre(demande):
    return demande.statut == Statut.CLOSE and demande.anonymisee_le is None


def avis_de(demande):
    return AvisDemandeur.objects.filter(demande=demande).first()


def enregistrer_avis(demande, reponse, commentaire=""):
    """(avis, created): the first answer is kept; a second one (another click, two at once) gets the first."""
    deja = avis_de(demande)
    if deja is not None:
        return deja, False
    try:
        with transaction.atomic():
            return AvisDemandeur.objects.create(demande=demande, reponse=reponse,
                                                commentaire=commentaire.strip()[:2000]), True
    except IntegrityError:
        return avis_de(demande), False
