"""Registrations to an event held on this site (EvenementPage.inscription == "sur_le_site").

The rules (capacity, waiting list, cancellation, promotion) live in agenda/inscriptions.py; this module only
describes the rows.
"""

import secrets

from django.db import models

from .evenements import EvenementPage


class StatutInscription(models.TextChoices):
    CONFIRMEE = "confirmee", "Confirmée"
    ATTENTE = "attente", "Liste d'attente"
    ANNULEE = "annulee", "Annulée"


def nouveau_jeton():
    """The secret put in the cancellation link (signed on top of that, see agenda/inscriptions.py)."""
    return secrets.token_urlsafe(24)


class Inscription(models.Model):
    # PROTECT: deleting an event page must not silently erase the registrations of people who expect to come and
    # have not been told. Editors cancel an event (statut « Annulé ») rather than delete it; the before_delete_page
    # hook (agenda/wagtail_hooks.py) explains this to them instead of letting Wagtail fail on ProtectedError.
    evenement = models.ForeignKey(
        EvenementPage, verbose_name="événement", on_delete=models.PROTECT, related_name="inscriptions"
    )
    # The collectivité: a commune or an EPCI of the territory reference, or the free-text name of another body.
    # SET_NULL + the free text being optional: a commune merged away by a later import leaves the row readable.
    commune = models.ForeignKey(
        "territoire.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    epci = models.ForeignKey(
        "territoire.Epci", verbose_name="intercommunalité", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    autre_structure = models.CharField("autre structure", max_length=200, blank=True)
    nom = models.CharField("nom", max_length=100)
    prenom = models.CharField("prénom", max_length=100)
    fonction = models.CharField("fonction", max_length=150)
    email = models.EmailField("adresse électronique", max_length=254)
    nombre_personnes = models.PositiveSmallIntegerField("nombre de personnes", default=1)
    besoins_accessibilite = models.TextField("besoins d'accessibilité", max_length=1000, blank=True)
    statut = models.CharField(
        "statut", max_length=20, choices=StatutInscription.choices, default=StatutInscription.CONFIRMEE
    )
    # The waiting list's order is created_at (then id): no position column to renumber on every change.
    created_at = models.DateTimeField("inscrit le", auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    jeton = models.CharField("jeton d'annulation", max_length=64, unique=True, default=nouveau_jeton, editable=False)

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["evenement", "created_at", "id"]
        indexes = [models.Index(fields=["evenement", "statut"], name="inscription_evenement_statut")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nombre_personnes__gte=1, nombre_personnes__lte=10),
                name="inscription_nombre_personnes_1_10",
            )
        ]

    def __str__(self):
        return f"{self.prenom} {self.nom} – {self.collectivite}"

    @property
    def nom_complet(self):
        return f"{self.prenom} {self.nom}"

    @property
    def collectivite(self):
        if self.commune_id:
            return self.commune.nom
        if self.epci_id:
            return self.epci.nom
        return self.autre_structure
