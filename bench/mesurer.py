"""The benchmark of docs/performance.md: gunicorn (2 sync workers, production settings, DEBUG off) on the demo
database and on the large one, with and without the page cache, measured by wrk on loopback.

    make bench                       # bench/preparer_bases.sh, then this script
    BENCH_DUREE=5 .venv/bin/python bench/mesurer.py

For each URL: requests/s, p50 and p95 latency, and the rate as a share of the static file's rate measured in
the same configuration (WhiteNoise, through the same gunicorn: the ceiling of this stack). Targets: uncached
pages >= 5 %, cached pages >= 70 %; listings' p50 on the large dataset < 1.5x the demo's. Bounded: each URL
is loaded BENCH_DUREE seconds (default 5) with BENCH_CONNEXIONS connections (default 4), only on 127.0.0.1.
"""

import os
import re
import secrets
import shutil
import subprocess  # nosec B404: wrk and manage.py, fixed arguments
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serveurs import RACINE, arreter, demarrer, environnement  # noqa: E402

PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
BASES = {"démo": os.environ.get("BENCH_DB_DEMO", "collectivites_bench_demo"),
         "grand volume": os.environ.get("BENCH_DB", "collectivites_bench")}
DUREE = int(os.environ.get("BENCH_DUREE", "5"))
CONNEXIONS = int(os.environ.get("BENCH_CONNEXIONS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8721"))
LISTES = ("catalogue filtré", "aides", "agenda", "actualités", "réalisations")
SCRIPT_WRK = RACINE / "bench" / "percentiles.lua"
STATIC_ROOT = RACINE / "var" / "bench-static"
# Production settings refuse to start without a public HTTPS address that the Wagtail Site matches: the bench's
# databases are built with it (preparer_bases.sh) and requested on 127.0.0.1, the default Site's fallback.
SITE_URL = os.environ.get("BENCH_SITE_URL", "https://collectivites.ladrome.fr")


def env_serveur(base, cache):
    return environnement(
        DJANGO_SETTINGS_MODULE="site_collectivites.settings.production", SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL=SITE_URL, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", DATABASE_URL=f"{PG}/{base}",
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}", CACHE_PAGES="true" if cache else "false",
        STATIC_ROOT=STATIC_ROOT, LOG_LEVEL="WARNING", WAGTAIL_2FA_REQUIRED="true",
    )


def adresses(base):
    """One URL per page type, read from the database (the demo's pages come first in the tree)."""
    code = (
        "from wagtail.models import Page\n"
        "from django.contrib.staticfiles.storage import staticfiles_storage as s\n"
        "from agenda.models import ActualitePage, EvenementPage\n"
        "from offres.models import AidePage, OffrePage, RealisationPage, OffreIndexPage, AideIndexPage, RealisationIndexPage\n"
        "from agenda.models import AgendaIndexPage, ActualiteIndexPage\n"
        "premiere = lambda m: m.objects.live().order_by('path').first().url\n"
        "print('URL|accueil|/')\n"
        "print('URL|catalogue filtré|' + premiere(OffreIndexPage) + '?thematique=energie')\n"
        "for nom, m in (('aides', AideIndexPage), ('agenda', AgendaIndexPage), ('actualités', ActualiteIndexPage),"
        " ('réalisations', RealisationIndexPage), ('offre', OffrePage), ('aide', AidePage), ('événement', EvenementPage),"
        " ('actualité', ActualitePage), ('réalisation', RealisationPage)):\n"
        "    print('URL|' + nom + '|' + premiere(m))\n"
        "print('URL|recherche|/recherche/?q=eau')\n"
        "print('URL|recherche sans accent|/recherche/?q=energie+renovation')\n"
        "print('URL|fichier statique|' + s.url('css/site.css'))\n"
    )
    env = env_serveur(base, False)
    sortie = subprocess.run([str(RACINE / ".venv/bin/python"), "manage.py", "shell", "-c", code],  # nosec B603
                            cwd=RACINE, env=env, capture_output=True, text=True, check=True).stdout
    # Only our lines: the settings may log to stdout too.
    return [tuple(ligne.split("|")[1:]) for ligne in sortie.splitlines() if ligne.startswith("URL|")]


def wrk(url):
    sortie = subprocess.run(  # nosec B603 B607: Debian's wrk, on loopback
        ["wrk", "-t2", f"-c{CONNEXIONS}", f"-d{DUREE}s", "-s", str(SCRIPT_WRK), url],
        capture_output=True, text=True, check=True).stdout
    debit = float(re.search(r"Requests/sec:\s+([\d.]+)", sortie).group(1))
    p50, p95 = (int(x) / 1000 for x in re.search(r"p50=(\d+) p95=(\d+)", sortie).groups())
    erreurs = re.search(r"Non-2xx or 3xx responses: (\d+)", sortie)
    return debit, p50, p95, int(erreurs.group(1)) if erreurs else 0


def mesurer(nom_base, base, cache, urls):
    serveur = demarrer(PORT, env_serveur(base, cache), workers=2)
    try:
        for _nom, chemin in urls:  # warm: renditions, per-process caches, the page cache
            for _ in range(2):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{chemin}", timeout=60).read()  # nosec B310
        mesures = {}
        for nom, chemin in urls:
            # One request first: the workers have finished the previous URL's last requests.
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{chemin}", timeout=60).read()  # nosec B310
            mesures[nom] = wrk(f"http://127.0.0.1:{PORT}{chemin}")
        return mesures
    finally:
        arreter([serveur])


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk manque : apt-get install wrk (Debian).")
    env = env_serveur(BASES["démo"], False)
    subprocess.run([str(RACINE / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],  # nosec B603
                   cwd=RACINE, env=env, check=True)
    urls = adresses(BASES["démo"])
    resultats = {}
    for nom_base, base in BASES.items():
        for cache in (False, True):
            titre = f"{nom_base}, {'avec' if cache else 'sans'} cache de pages"
            mesures = mesurer(nom_base, base, cache, urls)
            resultats[(nom_base, cache)] = mesures
            plafond = mesures["fichier statique"][0] or float("nan")
            cible = 0.70 if cache else 0.05
            print(f"\n### {titre} (wrk {DUREE} s, {CONNEXIONS} connexions, 2 workers gunicorn)\n")
            print("| URL | req/s | p50 ms | p95 ms | part du statique | cible |")
            print("|---|---|---|---|---|---|")
            for nom, chemin in urls:
                debit, p50, p95, erreurs = mesures[nom]
                part = debit / plafond
                etat = "" if nom == "fichier statique" else ("✓" if part >= cible else f"✗ (< {cible:.0%})")
                alerte = f" ({erreurs} réponses en erreur)" if erreurs else ""
                print(f"| {nom} `{chemin}` | {debit:.0f}{alerte} | {p50:.1f} | {p95:.1f} | {part:.1%} | {etat} |")
    print("\n### Listes : p50 sans cache, grand volume / démo (cible < 1,5×)\n")
    for nom in LISTES:
        demo, grand = resultats[("démo", False)][nom][1], resultats[("grand volume", False)][nom][1]
        print(f"- {nom} : {demo:.1f} ms → {grand:.1f} ms, ×{grand / demo:.2f} {'✓' if grand / demo < 1.5 else '✗'}")
    print(f"\n- recherche (grand volume, sans cache) p95 : {resultats[('grand volume', False)]['recherche'][2]:.1f} ms, "
          f"sans accent : {resultats[('grand volume', False)]['recherche sans accent'][2]:.1f} ms (cible < 250 ms)")


if __name__ == "__main__":
    main()
