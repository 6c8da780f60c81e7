"""The one engine that sends outbox rows, whatever the outbox.

A row is sent under a row lock (SELECT … FOR UPDATE SKIP LOCKED): two workers, or the worker and the cron
command, never take the same row. Its state is saved in the same transaction as the lock, so a row is sent once;
the only way to send one twice is a process killed between the provider's answer and the commit, which gives a
second copy rather than none (at least once, never lost).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from site_collectivites.models import EtatEnvoi

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileDEnvoi:
    """An outbox: its model (an EnvoiAvecEssais) and the function that builds a row's message."""

    nom: str
    modele: type
    construire: Callable
    select_related: tuple = ()

    def envoyer_dus(self, filtre=Q()):
        return envoyer_dus(self, filtre)


FILES = {}


def inscrire_file(file):
    """Declare an outbox (at app loading: AppConfig.ready)."""
    FILES[file.nom] = file
    return file


def envoyer_ligne(file, ligne):
    """Send one row; record success or failure. Never raises for a mail error: the row says it."""
    try:
        file.construire(ligne).send()
    except Exception as erreur:  # any backend error (SMTP, ESP API, no provider…) is recorded and retried later
        # No address in the logs (docs/donnees-personnelles.md): the row's id tells the admin which one.
        logger.warning("Échec d'envoi du courriel %s n° %s (%s) : %s", file.nom, ligne.pk,
                       getattr(ligne, "nature", ""), type(erreur).__name__)
        ligne.noter_echec(erreur)
        if ligne.etat == EtatEnvoi.ABANDONNE:
            logger.error("Courriel %s n° %s abandonné après %s essais", file.nom, ligne.pk, ligne.tentatives)
    else:
        ligne.noter_envoi()
    ligne.save(update_fields=["etat", "tentatives", "prochain_essai", "derniere_erreur", "envoye_le"])
    return ligne.etat == EtatEnvoi.ENVOYE


def envoyer_dus(file, filtre=Q()):
    """Send every row of `file` that is due (and matches `filtre`); the number sent."""
    envoyes = 0
    while True:
        with transaction.atomic():
            ligne = (
                file.modele.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related(*file.select_related)
                .filter(file.modele.filtre_dus() & filtre)
                .order_by("prochain_essai", "pk")
                .first()
            )
            if ligne is None:
                return envoyes
            # A failure moves the row's next try into the future: the loop does not take it again.
            envoyes += envoyer_ligne(file, ligne)


def envoyer_tout():
    """Every due row of every outbox: {outbox name: number sent}."""
    return {nom: file.envoyer_dus() for nom, file in FILES.items()}


def en_retard(minutes, maintenant=None):
    """Rows in distress: never tried `minutes` after they were due (the worker is down), or refused twice by the
    provider (it has been failing for at least the first backoff delay). One failure alone is not counted: a
    provider's hiccup is retried five minutes later without anyone having to look."""
    limite = (maintenant or timezone.now()) - timedelta(minutes=minutes)
    en_souffrance = (Q(etat=EtatEnvoi.A_ENVOYER, prochain_essai__lte=limite)
                     | Q(etat=EtatEnvoi.ECHEC, tentatives__gte=2))
    return sum(file.modele.objects.filter(en_souffrance).count() for file in FILES.values())


def abandonnes():
    return sum(file.modele.objects.filter(etat=EtatEnvoi.ABANDONNE).count() for file in FILES.values())
