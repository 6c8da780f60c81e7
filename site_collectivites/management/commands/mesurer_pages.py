"""Queries and render time of one page of each type, as an anonymous visitor sees them.

    python manage.py mesurer_pages            # on the demo site (make setup-site first)

Used for docs/performance.md. Each URL is fetched once to warm caches, then `--repetitions` times.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page, get_page_models


class Command(BaseCommand):
    help = "Mesure les requêtes SQL et le temps de rendu d'une page de chaque type."

    def add_arguments(self, parser):
        parser.add_argument("--repetitions", type=int, default=5)

    def handle(self, *args, repetitions, **options):
        urls = []
        for model in get_page_models():
            if model is Page:
                continue
            page = model.objects.live().public().order_by("path").first()
            if page is not None:
                urls.append((model._meta.verbose_name, page.url))
        urls.append(("recherche", "/recherche/?q=eau"))
        client = Client()
        self.stdout.write(f"{'type de page':45} {'requêtes':>9} {'médiane ms':>11}  url")
        with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
            for libelle, url in urls:
                client.get(url)
                durees = []
                for _ in range(repetitions):
                    with CaptureQueriesContext(connection) as requetes:
                        debut = time.perf_counter()
                        reponse = client.get(url)
                        durees.append((time.perf_counter() - debut) * 1000)
                self.stdout.write(
                    f"{str(libelle)[:45]:45} {len(requetes.captured_queries):>9} "
                    f"{statistics.median(durees):>11.1f}  {url} ({reponse.status_code})"
                )
