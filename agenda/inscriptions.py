"""Registration rules: open or closed, capacity and waiting list, cancellation and promotion, tokens.

Plain functions, used by the public pages (agenda/views_inscription.py), the admin (agenda/wagtail_hooks.py) and
the demo content. Every change of seats runs in one transaction that first locks the event's row
(SELECT … FOR UPDATE): two people taking the last seat at the same moment are served one after the other, so the
second one sees the seat taken and goes on the waiting list; nothing is lost or double-booked.

Rule: a registration is confirmed when its people fit in the seats left (capacity − confirmed people), else it goes
on the waiting list. After a cancellation (or a larger capacity) the waiting list is read in order of arrival and
every registration that now fits is confirmed; one that does not fit keeps its place and a smaller one behind it
may pass (a seat left empty helps nobody).
"""

import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

SEL_ANNULATION = "agenda.inscription.annulation"
SEL_MERCI = "agenda.inscription.merci"


class JetonInvalide(Exception):
    """Unreadable, tampered with, or pointing to no registration."""


class JetonExpire(JetonInvalide):
    """Valid, but the event is over: there is nothing left to cancel."""


# --- Open or closed --------------------------------------------------------------------------------------------


def inscriptions_ouvertes(evenement, maintenant=None):
    """True when the registration form is offered: registration on this site, before the closing date (or the
    start), and the event neither cancelled nor marked full by its organisers. A postponed event keeps its
    registrations open: they will hold for the new date."""
    from agenda.models.evenements import ModeInscription, StatutEvenement

    if evenement.inscription != ModeInscription.SUR_LE_SITE or not evenement.debut:
        return False
    if evenement.statut in (StatutEvenement.ANNULE, StatutEvenement.COMPLET):
        return False
    maintenant = maintenant or timezone.now()
    limite = evenement.date_limite_inscription or evenement.debut
    return maintenant < min(limite, evenement.debut)


# --- Counting --------------------------------------------------------------------------------------------------


def places_confirmees(evenement):
    from agenda.models import Inscription, StatutInscription

    total = Inscription.objects.filter(evenement=evenement, statut=StatutInscription.CONFIRMEE).aggregate(
        total=Sum("nombre_personnes")
    )["total"]
    return total or 0


def places_restantes(evenement):
    """None when the capacity is unlimited."""
    if evenement.capacite is None:
        return None
    return max(evenement.capacite - places_confirmees(evenement), 0)


def position_attente(inscription):
    """1 for the first registration of the waiting list; None when not waiting."""
    from agenda.models import Inscription, StatutInscription

    if inscription.statut != StatutInscription.ATTENTE:
        return None
    avant = Inscription.objects.filter(evenement_id=inscription.evenement_id, statut=StatutInscription.ATTENTE).filter(
        Q(created_at__lt=inscription.created_at) | Q(created_at=inscription.created_at, pk__lt=inscription.pk)
    )
    return avant.count() + 1


def _verrouiller(evenement):
    """Lock the event's row until the end of the transaction (callers are inside transaction.atomic)."""
    from agenda.models import EvenementPage

    return EvenementPage.objects.select_for_update().only("pk", "capacite").get(pk=evenement.pk)


# --- Changes ---------------------------------------------------------------------------------------------------


def inscrire(evenement, notifier=True, **donnees):
    """Create a registration, confirmed or on the waiting list, and send its e-mail once committed (unless
    `notifier` is False: the demo content)."""
    from agenda.models import Inscription, StatutInscription

    with transaction.atomic():
        verrouille = _verrouiller(evenement)
        restantes = places_restantes(verrouille)
        statut = (
            StatutInscription.CONFIRMEE
            if restantes is None or donnees.get("nombre_personnes", 1) <= restantes
            else StatutInscription.ATTENTE
        )
        inscription = Inscription.objects.create(evenement_id=verrouille.pk, statut=statut, **donnees)
        if notifier:
            nature = "confirmation" if statut == StatutInscription.CONFIRMEE else "attente"
            _mettre_en_file(inscription, nature)
    return inscription


def promouvoir(evenement, notifier=True):
    """Confirm, in order of arrival, the waiting registrations that fit. Returns them (e-mails sent on commit)."""
    from agenda.models import Inscription, StatutInscription

    promues = []
    with transaction.atomic():
        verrouille = _verrouiller(evenement)
        restantes = places_restantes(verrouille)
        attente = Inscription.objects.filter(evenement_id=verrouille.pk, statut=StatutInscription.ATTENTE).order_by(
            "created_at", "pk"
        )
        for inscription in attente:
            if restantes is not None and inscription.nombre_personnes > restantes:
                continue
            inscription.statut = StatutInscription.CONFIRMEE
            inscription.save(update_fields=["statut"])
            promues.append(inscription)
            if notifier:
                _mettre_en_file(inscription, "promotion")
            if restantes is not None:
                restantes -= inscription.nombre_personnes
                if restantes <= 0:
                    break
    return promues


def annuler(inscription, notifier=True):
    """Cancel a registration (by its holder through the token link, or by an organiser); frees its seats and
    promotes the waiting list. Cancelling twice changes nothing. Returns the registrations promoted."""
    from agenda.models import Inscription, StatutInscription

    with transaction.atomic():
        _verrouiller(inscription.evenement)
        actuelle = Inscription.objects.select_for_update().get(pk=inscription.pk)
        if actuelle.statut == StatutInscription.ANNULEE:
            return []
        etait_confirmee = actuelle.statut == StatutInscription.CONFIRMEE
        actuelle.statut = StatutInscription.ANNULEE
        actuelle.cancelled_at = timezone.now()
        actuelle.save(update_fields=["statut", "cancelled_at"])
        inscription.statut, inscription.cancelled_at = actuelle.statut, actuelle.cancelled_at
        if notifier:
            _mettre_en_file(actuelle, "annulation")
        return promouvoir(inscription.evenement, notifier=notifier) if etait_confirmee else []


def _mettre_en_file(inscription, nature):
    """Queue the registration's e-mail `nature` in the site's outbox, in the current transaction; once per
    registration and nature, whatever retries (the key)."""
    from agenda.taches import construire_courriel
    from site_collectivites.courrier.file import mettre_en_file
    from site_collectivites.models import CourrielEnFile

    nature_file = (CourrielEnFile.Nature.ANNULATION_INSCRIPTION if nature == "annulation"
                   else CourrielEnFile.Nature.INSCRIPTION)
    mettre_en_file(construire_courriel(inscription, nature), nature_file, cle=f"inscription:{inscription.pk}:{nature}")


# --- Tokens ----------------------------------------------------------------------------------------------------


def jeton_annulation(inscription):
    """The signed token of the cancellation link: the registration's id and its random secret."""
    return signing.dumps({"i": inscription.pk, "j": inscription.jeton}, salt=SEL_ANNULATION, compress=True)


def lire_jeton_annulation(jeton, evenement=None):
    """The registration a cancellation token designates. Raises JetonInvalide, or JetonExpire once the event is
    over (the signature's max age runs until the event's end)."""
    from agenda.models import Inscription

    try:
        donnees = signing.loads(jeton, salt=SEL_ANNULATION)
        inscription = (
            Inscription.objects.select_related("evenement")
            .filter(pk=int(donnees["i"]), jeton=str(donnees["j"]))
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as erreur:
        raise JetonInvalide from erreur
    if inscription is None or (evenement is not None and inscription.evenement_id != evenement.pk):
        raise JetonInvalide
    duree = max(inscription.evenement.fin - inscription.created_at, datetime.timedelta(0))
    try:
        signing.loads(jeton, salt=SEL_ANNULATION, max_age=duree + datetime.timedelta(minutes=5))
    except signing.SignatureExpired as erreur:
        raise JetonExpire from erreur
    if timezone.now() >= inscription.evenement.fin:
        raise JetonExpire
    return inscription


def jeton_merci(inscription):
    """Short-lived token of the "thank you" page shown after the form (Post/Redirect/Get)."""
    return signing.dumps(inscription.pk, salt=SEL_MERCI)


def lire_jeton_merci(jeton):
    try:
        return int(signing.loads(jeton, salt=SEL_MERCI, max_age=3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None

