"""Who may see which demandes.

- Coordination (the Département): the permission `demandes.coordonner_demandes` (group « Coordination des
  demandes »): sees and routes every demande.
- A partner's agents: group « Agents des partenaires » and a row here tying the account to its
  partenaire: see and act only on the demandes assigned to that partenaire.
- Everybody else (page editors included): no demande at all.
The rules live in demandes/acces.py; every admin view goes through them.
"""

from django.conf import settings
from django.db import models


class AgentPartenaire(models.Model):
    utilisateur = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="compte", on_delete=models.CASCADE, related_name="agent_partenaire"
    )
    partenaire = models.ForeignKey(
        "taxonomie.Partenaire", verbose_name="partenaire", on_delete=models.CASCADE, related_name="agents"
    )

    class Meta:
        verbose_name = "agent d'un partenaire"
        verbose_name_plural = "agents des partenaires"

    def __str__(self):
        return f"{self.utilisateur.get_full_name() or self.utilisateur.get_username()} ({self.partenaire.nom_court})"
