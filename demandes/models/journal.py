"""What happened to a demande: internal notes, and a journal of every change (who, when, what).

Both are append-only and keep the author's name as written at the time, so the history survives the
deletion of an account.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ActionJournal(models.TextChoices):
    CREATION = "creation", "Création"
    MODIFICATION = "modification", "Modification"
    STATUT = "statut", "Changement de statut"
    AFFECTATION = "affectation", "Affectation"
    REAFFECTATION = "reaffectation", "Réaffectation"
    NOTE = "note", "Note interne"
    PIECE_JOINTE = "piece_jointe", "Pièce jointe"
    ANONYMISATION = "anonymisation", "Anonymisation"


class _Ecrit(models.Model):
    demande = models.ForeignKey("Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="+")
    date = models.DateTimeField("date", default=timezone.now, db_index=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    auteur_nom = models.CharField("auteur (nom)", max_length=150, blank=True)

    class Meta:
        abstract = True
        ordering = ["date", "pk"]


class EntreeJournal(_Ecrit):
    demande = models.ForeignKey("Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="journal")
    action = models.CharField("action", max_length=20, choices=ActionJournal.choices)
    description = models.TextField("description")

    class Meta(_Ecrit.Meta):
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des demandes"

    def __str__(self):
        return f"{self.get_action_display()} – {self.description[:60]}"


class NoteInterne(_Ecrit):
    demande = models.ForeignKey("Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="notes")
    texte = models.TextField("note")

    class Meta(_Ecrit.Meta):
        verbose_name = "note interne"
        verbose_name_plural = "notes internes"

    def __str__(self):
        return self.texte[:60]
