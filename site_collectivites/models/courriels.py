"""The outbox: every e-mail the site sends is a row before it is a message.

A row is written in the same transaction as what triggers the e-mail (a registration, a subscription, a password
reset, a demande): if the transaction rolls back, nothing is sent; if it commits, the e-mail cannot be forgotten.
A background task sends it; a failure is recorded and retried with backoff (`manage.py envoyer_courriels`, every
five minutes), and after the last try the row stays « abandonné » in the admin with its error.

`EnvoiAvecEssais` is the state of any such row: `CourrielEnFile` (a message rendered when it was queued) and the
demandes' `CourrielDemande` (rendered at send time, so that it lists the demandes of a grouped assignment) share
it, and one engine sends them (site_collectivites/courrier/).
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone

DELAIS_NOUVEL_ESSAI = [timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12)]


class EtatEnvoi(models.TextChoices):
    A_ENVOYER = "a_envoyer", "À envoyer"
    ENVOYE = "envoye", "Envoyé"
    ECHEC = "echec", "Échec (nouvel essai prévu)"
    ABANDONNE = "abandonne", "Abandonné après plusieurs essais"


class EnvoiAvecEssais(models.Model):
    """The sending state of an outbox row, and its backoff: 5 min, 30 min, 2 h, 12 h, then abandoned."""

    Etat = EtatEnvoi

    etat = models.CharField("état", max_length=12, choices=EtatEnvoi.choices, default=EtatEnvoi.A_ENVOYER,
                            db_index=True)
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    prochain_essai = models.DateTimeField("prochain essai", default=timezone.now, db_index=True)
    derniere_erreur = models.TextField("dernière erreur", blank=True)
    envoye_le = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def filtre_dus(cls, maintenant=None):
        """The rows to send now: never tried, or failed and due for their next try."""
        return models.Q(etat=EtatEnvoi.A_ENVOYER) | models.Q(
            etat=EtatEnvoi.ECHEC, prochain_essai__lte=maintenant or timezone.now()
        )

    def noter_echec(self, erreur):
        self.tentatives += 1
        self.derniere_erreur = str(erreur)[:2000]
        if self.tentatives > len(DELAIS_NOUVEL_ESSAI):
            self.etat = EtatEnvoi.ABANDONNE
        else:
            self.etat = EtatEnvoi.ECHEC
            self.prochain_essai = timezone.now() + DELAIS_NOUVEL_ESSAI[self.tentatives - 1]

    def noter_envoi(self):
        self.etat = EtatEnvoi.ENVOYE
        self.envoye_le = timezone.now()
        self.derniere_erreur = ""


class CourrielEnFile(EnvoiAvecEssais):
    """One e-mail, rendered when it was queued (subject, both parts, headers), waiting to be sent or sent."""

    class Nature(models.TextChoices):
        INSCRIPTION = "inscription", "Inscription à un événement"
        ANNULATION_INSCRIPTION = "annulation_inscription", "Annulation d'une inscription"
        LETTRE_CONFIRMATION = "lettre_confirmation", "Confirmation d'abonnement à la lettre"
        LETTRE_RENOUVELLEMENT = "lettre_renouvellement", "Renouvellement d'abonnement à la lettre"
        RELANCE_PARTENAIRE = "relance_partenaire", "Relance d'un partenaire"
        REINITIALISATION = "reinitialisation", "Réinitialisation de mot de passe"

    nature = models.CharField("nature", max_length=30, choices=Nature.choices, db_index=True)
    # Same key, same e-mail: queuing it again (a task run twice, a page sent twice) returns the first row.
    cle = models.CharField("clé d'unicité", max_length=200, unique=True, null=True, blank=True, editable=False)
    destinataires = models.TextField("destinataires")
    sujet = models.CharField("sujet", max_length=255)
    # The message as Django's EmailMultiAlternatives holds it: from, to, cc, bcc, reply-to, headers, both parts.
    message = models.JSONField("message", editable=False)
    cree_le = models.DateTimeField("mis en file le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "courriel en file"
        verbose_name_plural = "courriels (file d'envoi)"
        ordering = ["-cree_le"]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.destinataires}"
