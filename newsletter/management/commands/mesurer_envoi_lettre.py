"""Benchmark: send one issue to N subscribers (10,000 by default) through anymail's test backend, on the
configured database (PostgreSQL), and report the duration and the memory. Not part of the test suite.

    DEBUG=false DATABASE_URL=postgres://… .venv/bin/python manage.py mesurer_envoi_lettre --abonnes 10000

Everything it creates (subscribers @mesure.invalid, an issue, its send) is deleted at the end.
"""

import resource
import time

from anymail.backends.test import EmailBackend as AnymailTestBackend
from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from wagtail.models import Page

from newsletter import envoi as moteur
from newsletter.models import Abonne, Envoi, NewsletterIndexPage, NewsletterPage, StatutAbonne

DOMAINE = "mesure.invalid"


def rss_mo():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1024 / 1024


class BackendMesure(AnymailTestBackend):
    """anymail's test backend (the whole anymail send path: payload, headers, recipient status) that does not
    keep the messages: an ESP keeps them, not our process. Samples the memory every 1,000 messages."""

    envoyes = 0
    memoire = []

    def send_messages(self, messages):
        mail.outbox = []
        nombre = super().send_messages(messages)
        mail.outbox = []
        BackendMesure.envoyes += nombre
        if BackendMesure.envoyes % 1000 == 0:
            BackendMesure.memoire.append((BackendMesure.envoyes, rss_mo()))
        return nombre

    def get_esp_message_id(self, message):
        return f"mesure-{BackendMesure.envoyes}"


class Command(BaseCommand):
    help = "Mesure l'envoi d'une lettre à N abonnés (backend de test d'anymail, base configurée)."

    def add_arguments(self, parser):
        parser.add_argument("--abonnes", type=int, default=10_000)

    def handle(self, *args, abonnes, **options):
        if connection.vendor != "postgresql":
            raise CommandError("La mesure se fait sur PostgreSQL (DATABASE_URL=postgres://…).")
        if settings.DEBUG:
            raise CommandError("Lancez la mesure avec DEBUG=false (DEBUG garde chaque requête SQL en mémoire).")
        parent = NewsletterIndexPage.objects.first() or Page.get_first_root_node()
        page = NewsletterPage(title="Lettre de mesure", slug=f"lettre-de-mesure-{int(time.time())}",
                              corps=[{"type": "texte", "value": "<p>Une lettre pour mesurer l'envoi.</p>"}])
        parent.add_child(instance=page)
        try:
            Abonne.objects.bulk_create(
                (Abonne(email=f"abonne{i}@{DOMAINE}", statut=StatutAbonne.CONFIRME) for i in range(abonnes)),
                batch_size=2000,
            )
            envoi = Envoi.objects.create(lettre=page)
            self.stdout.write(f"{abonnes} abonnés créés ; mémoire au départ : {rss_mo():.0f} Mo")
            with override_settings(EMAIL_BACKEND=f"{__name__}.BackendMesure"):
                debut = time.perf_counter()
                envoyes = moteur.envoyer_envoi(envoi.pk)
                duree = time.perf_counter() - debut
            self.stdout.write(f"{envoyes} messages envoyés en {duree:.1f} s ({envoyes / duree:.0f} messages/s)")
            self.stdout.write("Mémoire (Mo) : " + ", ".join(f"{n} → {m:.0f}" for n, m in BackendMesure.memoire))
            self.stdout.write(f"Statut de l'envoi : {Envoi.objects.get(pk=envoi.pk).get_statut_display()}")
        finally:
            Envoi.objects.filter(lettre=page).delete()
            Abonne.objects.filter(email__endswith=f"@{DOMAINE}").delete()
            page.delete()
