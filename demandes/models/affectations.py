"""Who handles a demande: one assignment (affectation) per partenaire, each with its own status and the
prestation actually delivered. The demande's overall status follows from its assignments
(demandes/statuts.py) unless the coordination sets it by hand."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class StatutAffectation(models.TextChoices):
    A_TRAITER = "a_traiter", "À traiter"
    ACCEPTEE = "acceptee", "Acceptée"
    DECLINEE = "declinee", "Déclinée"
    EN_COURS = "en_cours", "En cours"
    TERMINEE = "terminee", "Terminée"


PRISES_EN_CHARGE = (StatutAffectation.ACCEPTEE, StatutAffectation.EN_COURS, StatutAffectation.TERMINEE)


class Affectation(models.Model):
    demande = models.ForeignKey(
        "Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="affectations"
    )
    partenaire = models.ForeignKey(
        "taxonomie.Partenaire", verbose_name="partenaire", on_delete=models.PROTECT, related_name="affectations"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent chargé du suivi", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="affectations_demandes",
    )
    statut = models.CharField(
        "statut", max_length=12, choices=StatutAffectation.choices, default=StatutAffectation.A_TRAITER,
        db_index=True,
    )
    prestation_realisee = models.ForeignKey(
        "taxonomie.TypePrestation", verbose_name="prestation réalisée", null=True, blank=True,
        on_delete=models.PROTECT, related_name="affectations",
        help_text="Ce que le partenaire a réellement apporté (conseil, AMO, MOe, MOD).",
    )
    motif = models.CharField("motif ou commentaire", max_length=500, blank=True)
    # For the requester (the closing e-mail and their page), never the internal comment above.
    message_au_demandeur = models.TextField(
        "message au demandeur", max_length=2000, blank=True,
        help_text="Lu par le demandeur quand la demande est close ou classée sans suite (courriel et page de "
                  "suivi). Distinct du commentaire interne.",
    )
    cree_le = models.DateTimeField("affectée le", default=timezone.now)
    # When the status last changed: the reminders count pending days from here.
    statut_modifie_le = models.DateTimeField("statut modifié le", default=timezone.now, db_index=True)
    # When the partner first took it on (accepted, started or finished it): the service's measure
    # (demandes/bilan/service.py) counts the days from the demande's receipt to here. Set once, never typed.
    prise_en_charge_le = models.DateTimeField("prise en charge le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "affectation"
        verbose_name_plural = "affectations"
        ordering = ["cree_le", "pk"]
        constraints = [models.UniqueConstraint(fields=["demande", "partenaire"], name="une_affectation_par_partenaire")]

    def __str__(self):
        return f"{self.demande.reference} → {self.partenaire.nom_court}"
