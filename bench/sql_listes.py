"""Time spent in SQL by each public listing, for docs/performance.md ("SQL of the listings at scale").

    DJANGO_SETTINGS_MODULE=site_collectivites.settings.production SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1,testserver \\
    SECURE_SSL_REDIRECT=false CACHE_PAGES=false DATABASE_URL=postgres://postgres@127.0.0.1:5432/collectivites_bench \\
    PYTHONPATH=. .venv/bin/python bench/sql_listes.py [URL…]

For each URL (default: the listings and two searches), in-process through Django's test client, the page
cache off: 3 warm-up requests, then RUNS (default 15) requests; prints the median and the minimum of the
SQL time per request (each query timed with perf_counter by an execute wrapper: Django's captured times
are rounded to the millisecond, too coarse for 20 sub-millisecond queries), the number of queries and the
median time of the whole request. Read-only.
"""

import os
import statistics
import sys
import time

import django

URLS = [
    "/offre-ingenierie/?thematique=energie",
    "/aides-financieres/",
    "/agenda/",
    "/actualites/",
    "/realisations/",
    "/recherche/?q=eau",
    "/recherche/?q=energie+renovation",
]


class Chrono:
    def __init__(self):
        self.total = 0.0
        self.nombre = 0

    def __call__(self, execute, sql, params, many, context):
        debut = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.total += time.perf_counter() - debut
            self.nombre += 1


def main():
    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    runs = int(os.environ.get("RUNS", "15"))
    for url in sys.argv[1:] or URLS:
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        sql, requete = [], []
        for _ in range(runs):
            chrono = Chrono()
            debut = time.perf_counter()
            with connection.execute_wrapper(chrono):
                client.get(url)
            requete.append((time.perf_counter() - debut) * 1000)
            sql.append(chrono.total * 1000)
        print(f"sql {statistics.median(sql):6.1f} ms (min {min(sql):5.1f})  q={chrono.nombre:3d}  "
              f"request {statistics.median(requete):6.1f} ms  {url}")


if __name__ == "__main__":
    main()
