"""Sending an issue to its subscribers: resumable, never twice, never skipped.

1. `lancer_envoi` creates the issue's single Envoi (unique per issue: a double click finds it already there) and
   enqueues the task after commit.
2. The task takes a PostgreSQL advisory lock for the Envoi (two workers never send the same issue at once; the
   lock dies with a crashed worker's connection), creates every Remise up front in one transaction (unique per
   (issue, subscriber)), then walks the rows still to send, in id order, by batches, over one connection.
3. Each message is rendered for its recipient (personal links) and its row is marked sent in its own UPDATE
   right after the ESP accepted it: a crash or a restart resumes after the last row marked, so nobody is
   mailed twice and nobody is skipped. The one unavoidable window is a crash between the ESP's answer and
   that UPDATE (milliseconds): that one message may go twice (docs/newsletter.md).
4. A transient ESP error (5xx, 429, network) schedules the row again with backoff; a permanent one
   (address refused) abandons it. Rows due later are sent by a deferred task (database backend) or by
   `manage.py reprendre_envois_lettre` (cron), which also restarts sends interrupted by a crash.
"""

import logging
import smtplib
from contextlib import contextmanager

from anymail.exceptions import AnymailAPIError, AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from newsletter.courriels import message_lettre, rendre_lettre
from newsletter.models import Abonne, Envoi, Remise, StatutAbonne, StatutEnvoi, StatutRemise
from newsletter.models.envois import texte_erreur

logger = logging.getLogger(__name__)

# First key of the two-int advisory lock: "NL" — the second is the Envoi's id.
CLE_VERROU = 0x4E4C


def lancer_envoi(page, utilisateur=None, thematiques=()):
    """Start sending `page` to the confirmed subscribers (only those interested in `thematiques` when given).
    Returns (envoi, True) or, when the issue was already sent or is being sent, (its envoi, False)."""
    from newsletter.taches import envoyer_lettre

    try:
        with transaction.atomic():
            envoi = Envoi.objects.create(lettre=page, demande_par=utilisateur)
            envoi.thematiques.set(thematiques)
            transaction.on_commit(lambda: envoyer_lettre.enqueue(envoi.pk))
    except IntegrityError:
        return Envoi.objects.get(lettre=page), False
    return envoi, True


def destinataires(ciblees=()):
    """Confirmed subscribers; with targeted thématiques (ids), those who chose one of them or none (= all)."""
    abonnes = Abonne.objects.filter(statut=StatutAbonne.CONFIRME)
    if ciblees:
        abonnes = abonnes.filter(Q(thematiques__in=ciblees) | Q(thematiques__isnull=True)).distinct()
    return abonnes


def creer_remises(envoi):
    """Every Remise of the Envoi, once, in one transaction (the list of recipients is frozen at that moment)."""
    with transaction.atomic():
        envoi = Envoi.objects.select_for_update().get(pk=envoi.pk)
        if envoi.remises_creees:
            return envoi
        ids = destinataires(list(envoi.thematiques.values_list("pk", flat=True))).order_by("pk").values_list("pk", flat=True)
        Remise.objects.bulk_create(
            (Remise(envoi_id=envoi.pk, abonne_id=pk) for pk in ids.iterator(chunk_size=2000)),
            batch_size=2000, ignore_conflicts=True,
        )
        envoi.total = envoi.remises.count()
        envoi.remises_creees = True
        envoi.save(update_fields=["total", "remises_creees"])
    return envoi


@contextmanager
def verrou_envoi(envoi_id):
    """True when this process alone sends the Envoi (session-level advisory lock on PostgreSQL)."""
    if connection.vendor != "postgresql":  # the embedded SQLite default has a single worker
        yield True
        return
    with connection.cursor() as curseur:
        curseur.execute("SELECT pg_try_advisory_lock(%s, %s)", [CLE_VERROU, envoi_id])
        obtenu = curseur.fetchone()[0]
    try:
        yield obtenu
    finally:
        if obtenu:
            with connection.cursor() as curseur:
                curseur.execute("SELECT pg_advisory_unlock(%s, %s)", [CLE_VERROU, envoi_id])


def est_transitoire(erreur):
    if isinstance(erreur, (AnymailRecipientsRefused, AnymailInvalidAddress)):
        return False
    if isinstance(erreur, AnymailAPIError):
        statut = getattr(erreur, "status_code", None)
        return statut is None or statut == 429 or statut >= 500
    if isinstance(erreur, smtplib.SMTPRecipientsRefused):
        return False
    return True  # network, SMTP server errors, anything unexpected: try again later


def _a_envoyer(maintenant):
    return Q(statut=StatutRemise.A_ENVOYER) | Q(statut=StatutRemise.ECHEC, prochain_essai__lte=maintenant)


def envoyer_envoi(envoi_id, taille_lot=None):
    """Send what is due of an Envoi. Returns the number of messages sent by this call, or None when another
    process holds the Envoi."""
    taille_lot = taille_lot or settings.NEWSLETTER_TAILLE_LOT
    envoi = Envoi.objects.select_related("lettre").get(pk=envoi_id)
    with verrou_envoi(envoi.pk) as obtenu:
        if not obtenu:
            logger.info("Envoi %s déjà en cours dans un autre processus", envoi.pk)
            return None
        envoi = creer_remises(envoi)
        rendu = rendre_lettre(envoi.lettre)
        with validation_asynchrone():
            envoyes = _envoyer_lots(envoi, rendu, taille_lot)
        terminer_si_fini(envoi)
    return envoyes


@contextmanager
def validation_asynchrone():
    """synchronous_commit off for the one-row UPDATEs of the send: a commit then does not wait for the disk
    (10,000 commits: seconds instead of a minute). A crash of the worker loses nothing (PostgreSQL has the
    commit); only a crash of the PostgreSQL server itself may lose the marks of its last ~0.6 s, whose
    messages would then go again on resume (docs/newsletter.md)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as curseur:
        curseur.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as curseur:
            curseur.execute("SET synchronous_commit TO DEFAULT")


def _envoyer_lots(envoi, rendu, taille_lot):
    envoyes = 0
    dernier = 0
    connexion = get_connection()
    connexion.open()  # one connection (one HTTP session or SMTP session) for the whole send
    try:
        while True:
            lot = list(
                Remise.objects.filter(_a_envoyer(timezone.now()), envoi_id=envoi.pk, pk__gt=dernier)
                .order_by("pk")
                .values("pk", "tentatives", "abonne__email", "abonne__jeton", "abonne__statut")[:taille_lot]
            )
            if not lot:
                return envoyes
            for remise in lot:
                dernier = remise["pk"]
                envoyes += _envoyer_une(remise, rendu, connexion)
    finally:
        connexion.close()


def _envoyer_une(remise, rendu, connexion):
    lignes = Remise.objects.filter(pk=remise["pk"])
    if remise["abonne__statut"] != StatutAbonne.CONFIRME:
        # Unsubscribed (or bounced) after the list was frozen: never mailed.
        lignes.update(statut=StatutRemise.ABANDONNEE, derniere_erreur="Abonné désabonné ou supprimé avant l'envoi.")
        return 0
    message = message_lettre(rendu, remise["abonne__email"], remise["abonne__jeton"], connexion, remise["pk"])
    try:
        connexion.send_messages([message])
    except Exception as erreur:  # recorded on the row; the send goes on with the next recipient
        logger.warning("Échec d'envoi de la remise %s : %s", remise["pk"], texte_erreur(erreur))
        objet = Remise(pk=remise["pk"], tentatives=remise["tentatives"])
        objet.noter_echec(erreur, definitif=not est_transitoire(erreur))
        lignes.update(statut=objet.statut, tentatives=objet.tentatives, prochain_essai=objet.prochain_essai,
                      derniere_erreur=objet.derniere_erreur)
        return 0
    statut_esp = getattr(message, "anymail_status", None)
    message_id = getattr(statut_esp, "message_id", None)
    lignes.update(
        statut=StatutRemise.ENVOYEE, envoyee_le=timezone.now(), prochain_essai=None, derniere_erreur="",
        message_id="" if message_id is None else str(message_id)[:255],
    )
    return 1


def terminer_si_fini(envoi):
    """Mark the Envoi finished when no row is left to send; else return when the next retry is due."""
    restantes = Remise.objects.filter(envoi=envoi, statut__in=[StatutRemise.A_ENVOYER, StatutRemise.ECHEC])
    prochain = restantes.aggregate(prochain=Min("prochain_essai"))["prochain"]
    if not restantes.exists():
        Envoi.objects.filter(pk=envoi.pk).update(statut=StatutEnvoi.TERMINE, termine_le=timezone.now())
        return None
    return prochain


def avancement(envoi):
    """Figures of an Envoi for the admin: one aggregate query."""
    from django.db.models import Count

    def compte(**filtre):
        return Count("pk", filter=Q(**filtre))

    chiffres = Remise.objects.filter(envoi=envoi).aggregate(
        total=Count("pk"),
        envoyees=compte(statut=StatutRemise.ENVOYEE),
        en_echec=compte(statut=StatutRemise.ECHEC),
        abandonnees=compte(statut=StatutRemise.ABANDONNEE),
        rebonds=compte(rebond=True),
        plaintes=compte(plainte=True),
        desabonnements=compte(desabonnement=True),
    )
    chiffres["a_envoyer"] = chiffres["total"] - chiffres["envoyees"] - chiffres["abandonnees"]
    return chiffres


def envoi_a_reprendre_ids():
    """Envois not finished: interrupted by a crash or waiting for retries."""
    return list(Envoi.objects.filter(statut=StatutEnvoi.EN_COURS).order_by("pk").values_list("pk", flat=True))
