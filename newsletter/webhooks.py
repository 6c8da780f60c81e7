"""ESP events through anymail's tracking webhook (`/anymail/<esp>/tracking/`, protected by
ANYMAIL["WEBHOOK_SECRET"] with HTTP basic authentication, checked by anymail before this code runs).

- hard bounce, invalid address, complaint: the address is suppressed at once;
- soft bounce: counted; suppressed at NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES;
- unsubscribe at the ESP: unsubscribed here too;
- an event already seen (the ESP retries its webhooks) is ignored: each is stored by its ESP id, or by a
  fingerprint of its payload when the ESP gives no id (Brevo).
"""

import hashlib
import json
import logging

from anymail.signals import EventType, RejectReason
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from newsletter import services
from newsletter.models import Abonne, EvenementEsp, Remise, StatutAbonne

logger = logging.getLogger(__name__)

# ESP event names that are a temporary failure although anymail reports them as "bounced".
REBONDS_TEMPORAIRES = {"soft_bounce", "softbounce", "soft-bounce"}


def empreinte(event, esp_name):
    if event.event_id:
        brut = f"{esp_name}:{event.event_id}"
    else:
        brut = f"{esp_name}:" + json.dumps(event.esp_event, sort_keys=True, default=str)
    return hashlib.sha256(brut.encode()).hexdigest()


def _nature_brute(event):
    donnees = event.esp_event if isinstance(event.esp_event, dict) else {}
    return str(donnees.get("event", "")).lower()


def recevoir_evenement(sender, event, esp_name, **kwargs):
    """Receiver of anymail's `tracking` signal."""
    email = services.normaliser_email(event.recipient)
    try:
        with transaction.atomic():
            EvenementEsp.objects.create(
                empreinte=empreinte(event, esp_name), esp=esp_name[:30], nature=str(event.event_type)[:30],
                destinataire=email[:254], message_id=str(event.message_id or "")[:255],
                donnees=event.esp_event if isinstance(event.esp_event, dict) else {},
            )
            traiter(event, email)
    except IntegrityError:
        logger.info("Événement %s déjà traité (doublon ignoré)", event.event_id or "sans identifiant")


def traiter(event, email):
    abonne = Abonne.objects.select_for_update().filter(email=email).first() if email else None
    remises = Remise.objects.filter(message_id=str(event.message_id)) if event.message_id else Remise.objects.none()
    type_ = event.event_type
    if type_ == EventType.COMPLAINED:
        remises.update(plainte=True)
        if abonne:
            services.supprimer_adresse(abonne, StatutAbonne.PLAINTE, "Plainte signalée par le prestataire")
    elif type_ == EventType.BOUNCED or (type_ == EventType.REJECTED and event.reject_reason == RejectReason.INVALID):
        remises.update(rebond=True)
        if abonne is None:
            return
        if _nature_brute(event) in REBONDS_TEMPORAIRES:
            Abonne.objects.filter(pk=abonne.pk).update(rebonds_temporaires=F("rebonds_temporaires") + 1)
            abonne.refresh_from_db(fields=["rebonds_temporaires"])
            if abonne.rebonds_temporaires >= settings.NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES:
                services.supprimer_adresse(abonne, StatutAbonne.REBOND,
                                           f"{abonne.rebonds_temporaires} rebonds temporaires")
        else:
            services.supprimer_adresse(abonne, StatutAbonne.REBOND, f"Rebond définitif : {event.mta_response or ''}")
    elif type_ == EventType.UNSUBSCRIBED and abonne:
        services.desabonner(abonne, origine="désabonnement chez le prestataire")
    elif type_ in (EventType.OPENED, EventType.CLICKED) and abonne:
        # Activity: the subscriber reads the letter (counts for the 3-year retention rule).
        Abonne.objects.filter(pk=abonne.pk).update(derniere_activite=event.timestamp or F("derniere_activite"))
    elif type_ == EventType.DELIVERED and abonne and abonne.rebonds_temporaires:
        Abonne.objects.filter(pk=abonne.pk).update(rebonds_temporaires=0)
