"""Subscribers and the append-only proof of their consent."""

import secrets

from django.db import models
from django.utils import timezone

from site_collectivites.taxonomie.models import Thematique


def nouveau_jeton():
    """The subscriber's personal secret: preferences and unsubscribe links carry it, never the address."""
    return secrets.token_urlsafe(32)


class StatutAbonne(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente de confirmation"
    CONFIRME = "confirme", "Confirmé"
    DESABONNE = "desabonne", "Désabonné"
    REBOND = "rebond", "Adresse en échec (rebond)"
    PLAINTE = "plainte", "Plainte (signalé comme indésirable)"


# Statuses that must never be mailed again, whatever form they fill in later (suppression list).
STATUTS_SUPPRIMES = (StatutAbonne.REBOND, StatutAbonne.PLAINTE)


class Abonne(models.Model):
    email = models.EmailField("adresse électronique", max_length=254, unique=True)  # stored lower-case
    statut = models.CharField(
        "statut", max_length=12, choices=StatutAbonne.choices, default=StatutAbonne.EN_ATTENTE, db_index=True
    )
    thematiques = models.ManyToManyField(
        Thematique, verbose_name="thématiques", blank=True, related_name="abonnes_lettre",
        help_text="Aucune : toutes les thématiques.",
    )
    collectivite = models.CharField("collectivité ou structure", max_length=200, blank=True)
    fonction = models.CharField("fonction", max_length=150, blank=True)
    jeton = models.CharField("jeton personnel", max_length=64, unique=True, default=nouveau_jeton, editable=False)
    # Nonce of the confirmation link in flight; emptied once used, so a confirmation link works once.
    jeton_confirmation = models.CharField(max_length=32, blank=True, editable=False)
    rebonds_temporaires = models.PositiveSmallIntegerField("rebonds temporaires", default=0)
    cree_le = models.DateTimeField("inscrit le", default=timezone.now, db_index=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    confirme_le = models.DateTimeField("confirmé le", null=True, blank=True)
    desabonne_le = models.DateTimeField("désabonné le", null=True, blank=True)
    derniere_activite = models.DateTimeField("dernière activité", default=timezone.now, db_index=True)
    relance_le = models.DateTimeField("relancé le", null=True, blank=True,
                                      help_text="Demande de renouvellement après 3 ans sans activité.")

    class Meta:
        verbose_name = "abonné"
        verbose_name_plural = "abonnés"
        ordering = ["-cree_le"]

    def __str__(self):
        return self.email

    def thematiques_texte(self):
        return ", ".join(t.nom for t in self.thematiques.all()) or "Toutes"

    thematiques_texte.short_description = "thématiques"

    def preuves_texte(self):
        return " | ".join(
            f"{timezone.localtime(p.le):%d/%m/%Y %H:%M} {p.get_nature_display()}"
            + (f" ({p.page_origine})" if p.page_origine else "") + (f" – {p.details}" if p.details else "")
            + (f" – mention {p.version_mention}" if p.version_mention else "")
            for p in self.preuves.all()
        )

    preuves_texte.short_description = "preuves de consentement"


class NatureConsentement(models.TextChoices):
    DEMANDE = "demande", "Demande d'abonnement (formulaire)"
    CONFIRMATION = "confirmation", "Confirmation (double opt-in)"
    IMPORT = "import", "Import (consentement recueilli ailleurs)"
    PREFERENCES = "preferences", "Modification des préférences"
    RENOUVELLEMENT = "renouvellement", "Renouvellement du consentement"
    DESABONNEMENT = "desabonnement", "Désabonnement"


class PreuveConsentement(models.Model):
    """One event of a subscriber's consent. Append-only: a row is never changed (save() refuses it) and is
    deleted only with its subscriber, by the retention rules (docs/newsletter.md)."""

    abonne = models.ForeignKey(Abonne, verbose_name="abonné", on_delete=models.CASCADE, related_name="preuves")
    nature = models.CharField("nature", max_length=16, choices=NatureConsentement.choices)
    le = models.DateTimeField("le", default=timezone.now)
    page_origine = models.CharField("page d'origine", max_length=500, blank=True)
    version_mention = models.CharField("version de la mention", max_length=20, blank=True)
    texte_mention = models.TextField("texte de la mention affichée", blank=True)
    ip_hachee = models.CharField("adresse IP (hachée)", max_length=64, blank=True)
    details = models.TextField("détails", blank=True)

    class Meta:
        verbose_name = "preuve de consentement"
        verbose_name_plural = "preuves de consentement"
        ordering = ["le", "pk"]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.le:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Une preuve de consentement ne se modifie pas : ajoutez-en une nouvelle.")
        super().save(*args, **kwargs)
