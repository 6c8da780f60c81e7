"""Was it useful? The requester's one answer once the accompaniment is over (#20 item 3), from the closing
e-mail or their page (demandes/demandeur.py). Counted in the bilan (demandes/bilan/service.py); the comment is
read by the coordination and the partners that followed the demande, never published."""

from django.db import models
from django.utils import timezone


class Utilite(models.TextChoices):
    TRES_UTILE = "tres_utile", "Très utile"
    PLUTOT_UTILE = "plutot_utile", "Plutôt utile"
    PEU_UTILE = "peu_utile", "Peu utile"
    PAS_UTILE = "pas_utile", "Pas utile"


# The usefulness rate: the share of these among the answers.
UTILES = (Utilite.TRES_UTILE, Utilite.PLUTOT_UTILE)


class AvisDemandeur(models.Model):
    # One answer per demande: a second click shows the first (the database refuses a second row).
    demande = models.OneToOneField("Demande", verbose_name="demande", on_delete=models.CASCADE, related_name="avis")
    reponse = models.CharField("cet accompagnement vous a-t-il été utile ?", max_length=12, choices=Utilite.choices)
    commentaire = models.TextField("commentaire", max_length=2000, blank=True)
    repondu_le = models.DateTimeField("répondu le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "avis du demandeur"
        verbose_name_plural = "avis des demandeurs"

    def __str__(self):
        return f"{self.demande_id} : {self.get_reponse_display()}"
