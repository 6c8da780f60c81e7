"""Sending an issue: one Envoi per issue, one Remise (delivery) per (issue, subscriber), ESP events.

The Remise rows are created up front, all at once; the sending task only walks the rows still "à envoyer",
so a crash or a restart resumes where it stopped (newsletter/envoi.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from site_collectivites.taxonomie.models import Thematique

# Backoff of a transient ESP error (HTTP 5xx, 429, network); after the last one the delivery is abandoned.
DELAIS_NOUVEL_ESSAI = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]


def texte_erreur(erreur):
    """The error's message for the admin (an ESP error without its HTTP response cannot always describe itself)."""
    try:
        return str(erreur)[:2000]
    except Exception:  # noqa: BLE001 – whatever str() raises, the row must still record the failure
        return f"{type(erreur).__name__} {getattr(erreur, 'status_code', '')}".strip()


class StatutEnvoi(models.TextChoices):
    EN_COURS = "en_cours", "En cours"
    TERMINE = "termine", "Terminé"


class Envoi(models.Model):
    # One send per issue: the unique key is what makes a double click harmless.
    lettre = models.OneToOneField(
        "newsletter.NewsletterPage", verbose_name="lettre", on_delete=models.PROTECT, related_name="envoi"
    )
    statut = models.CharField("statut", max_length=10, choices=StatutEnvoi.choices, default=StatutEnvoi.EN_COURS)
    thematiques = models.ManyToManyField(
        Thematique, verbose_name="thématiques ciblées", blank=True, related_name="+",
        help_text="Aucune : tous les abonnés confirmés.",
    )
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="lancé par", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    cree_le = models.DateTimeField("lancé le", default=timezone.now)
    remises_creees = models.BooleanField(default=False, editable=False)
    total = models.PositiveIntegerField("destinataires", default=0)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi de lettre"
        verbose_name_plural = "envois de lettres"
        ordering = ["-cree_le"]
        permissions = [("envoyer_lettre", "Peut envoyer une lettre à tous les abonnés")]

    def __str__(self):
        return f"Envoi de « {self.lettre.title} »"


class StatutRemise(models.TextChoices):
    A_ENVOYER = "a_envoyer", "À envoyer"
    ENVOYEE = "envoyee", "Envoyée"
    ECHEC = "echec", "Échec (nouvel essai prévu)"
    ABANDONNEE = "abandonnee", "Abandonnée"


class Remise(models.Model):
    envoi = models.ForeignKey(Envoi, verbose_name="envoi", on_delete=models.CASCADE, related_name="remises")
    abonne = models.ForeignKey("newsletter.Abonne", verbose_name="abonné", on_delete=models.CASCADE,
                               related_name="remises")
    statut = models.CharField("statut", max_length=10, choices=StatutRemise.choices, default=StatutRemise.A_ENVOYER)
    tentatives = models.PositiveSmallIntegerField("tentatives", default=0)
    prochain_essai = models.DateTimeField("prochain essai", null=True, blank=True)
    derniere_erreur = models.TextField("dernière erreur", blank=True)
    message_id = models.CharField("identifiant chez le prestataire", max_length=255, blank=True, db_index=True)
    envoyee_le = models.DateTimeField("envoyée le", null=True, blank=True)
    # What came back for this message (ESP webhooks, unsubscribe links): the figures.
    rebond = models.BooleanField("rebond", default=False)
    plainte = models.BooleanField("plainte", default=False)
    desabonnement = models.BooleanField("désabonnement", default=False)

    class Meta:
        verbose_name = "remise"
        verbose_name_plural = "remises"
        constraints = [models.UniqueConstraint(fields=["envoi", "abonne"], name="une_remise_par_abonne_et_envoi")]
        indexes = [models.Index(fields=["envoi", "statut", "id"], name="remise_a_envoyer")]

    def __str__(self):
        return f"{self.envoi_id} → {self.abonne_id}"

    def noter_echec(self, erreur, definitif=False):
        self.tentatives += 1
        self.derniere_erreur = texte_erreur(erreur)
        if definitif or self.tentatives > len(DELAIS_NOUVEL_ESSAI):
            self.statut = StatutRemise.ABANDONNEE
            self.prochain_essai = None
        else:
            self.statut = StatutRemise.ECHEC
            self.prochain_essai = timezone.now() + DELAIS_NOUVEL_ESSAI[self.tentatives - 1]


class EvenementEsp(models.Model):
    """An ESP event already processed: a webhook delivered twice is recognised by its fingerprint."""

    empreinte = models.CharField("empreinte", max_length=64, unique=True)
    esp = models.CharField("prestataire", max_length=30)
    nature = models.CharField("type", max_length=30)
    destinataire = models.EmailField("destinataire", blank=True)
    message_id = models.CharField("identifiant du message", max_length=255, blank=True)
    recu_le = models.DateTimeField("reçu le", default=timezone.now)
    donnees = models.JSONField("données brutes", default=dict, blank=True)

    class Meta:
        verbose_name = "événement du prestataire"
        verbose_name_plural = "événements du prestataire"
        ordering = ["-recu_le"]

    def __str__(self):
        return f"{self.nature} – {self.destinataire}"
