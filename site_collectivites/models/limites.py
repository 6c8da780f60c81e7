"""The counters of the public forms' rate limits (site_collectivites/securite/ratelimit.py), in the database.

In the database rather than the cache: every app process and server counts in the same row (with a
local-memory cache each gunicorn worker had its own count), the count survives a Redis restart, and the limits
hold when Redis is unreachable. One row per action and client, the IP never stored as such (a keyed hash).
"""

from django.db import models


class CompteurLimite(models.Model):
    cle = models.CharField("clé", max_length=64, primary_key=True, help_text="Empreinte de l'action et du client.")
    nombre = models.PositiveIntegerField("envois dans la fenêtre")
    fin = models.DateTimeField("fin de la fenêtre", db_index=True)

    class Meta:
        verbose_name = "compteur de limite d'envoi"
        verbose_name_plural = "compteurs de limite d'envoi"

    def __str__(self):
        return f"{self.nombre} jusqu'à {self.fin:%d/%m/%Y %H:%M}"
