"""Outbox of the e-mails a demande triggers.

The rows are written in the same transaction as the demande: an e-mail can fail, never be forgotten.
A background task sends them; a failure is recorded and retried with backoff
(`manage.py envoyer_courriels`), and shows in the admin. Rendered at send time (a grouped assignment lists its
demandes as they are then); the state and the engine are the site's outbox's (site_collectivites/courrier/).
"""

from django.db import models

from site_collectivites.models import EnvoiAvecEssais


class CourrielDemande(EnvoiAvecEssais):
    class Nature(models.TextChoices):
        ACCUSE_RECEPTION = "accuse_reception", "Accusé de réception au demandeur"
        NOTIFICATION = "notification", "Notification au destinataire"
        AFFECTATION = "affectation", "Affectation à un partenaire"
        AFFECTATION_GROUPEE = "affectation_groupee", "Affectation de plusieurs demandes à un partenaire"
        # The requester told of each step (demandes/demandeur.py).
        ORIENTATION = "orientation", "Demandeur : demande orientée"
        DEBUT_ACCOMPAGNEMENT = "debut_accompagnement", "Demandeur : début de l'accompagnement"
        CLOTURE = "cloture", "Demandeur : demande close"

    demande = models.ForeignKey("Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="courriels")
    # An e-mail about several demandes (the coordination assigns them at once: the partenaire is told once) lists
    # them here; `demande` is the first of them, so that the row is sent like any other.
    lot = models.ManyToManyField(
        "Demande", verbose_name="demandes listées", blank=True, related_name="courriels_groupes",
        help_text="Pour un courriel qui annonce plusieurs demandes à la fois.",
    )
    nature = models.CharField("nature", max_length=20, choices=Nature.choices)
    destinataire = models.EmailField("destinataire")

    class Meta:
        verbose_name = "courriel d'une demande"
        verbose_name_plural = "courriels des demandes"
        constraints = [
            # A demande's own e-mails go once to each address; a grouped e-mail may start with a demande that
            # was already in another group (moved to another partenaire, then back); the requester is told again
            # when the demande is oriented to other partners (Demande.orientation_annoncee says to whom last).
            models.UniqueConstraint(
                fields=["demande", "nature", "destinataire"], name="un_courriel_par_destinataire",
                condition=~models.Q(nature__in=["affectation_groupee", "orientation"]),
            )
        ]

    def __str__(self):
        return f"{self.get_nature_display()} – {self.destinataire}"
