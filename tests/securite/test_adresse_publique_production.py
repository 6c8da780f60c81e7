"""Production and the one public address (SITE_URL): the deployment check, what refuses to start, the hosts.

The check itself (site_collectivites/exploitation/adresse_publique.py) is tested on each case; then the documented deployment
is run for real on a new database with production settings, by the letter of docs/deploy.md: `check --deploy`
before and after `migrate`, and gunicorn as systemd starts it and the worker unit's start check, refusing the
Site a fresh database has; then `initialiser_site`, after which gunicorn serves our site at its address and
deploy/verifier_deploiement.py passes.
"""

import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from wagtail.models import Site

from site_collectivites.exploitation.adresse_publique import problemes_site, problemes_site_url
from tests.test_configuration import _run_python

RACINE = Path(__file__).resolve().parents[2]
SECRET = "k" * 20 + "Zq8!vP2#mL5@xR9$wT3%yU6^nB1&cD4*eF7(gH0)"
PUBLIQUE = "https://collectivites.ladrome.fr"


def codes(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("valeur, attendus", [
    ("", ["adresse_publique.E001"]),
    ("collectivites.ladrome.fr", ["adresse_publique.E002"]),
    ("https://collectivites.ladrome.fr/site", ["adresse_publique.E002"]),
    ("https://collectivites.ladrome.fr:port", ["adresse_publique.E002"]),
    ("https://admin:secret@collectivites.ladrome.fr", ["adresse_publique.E002"]),
    ("ftp://collectivites.ladrome.fr", ["adresse_publique.E002"]),
    ("http://collectivites.ladrome.fr", ["adresse_publique.E003"]),
    ("https://localhost", ["adresse_publique.E004"]),
    ("http://127.0.0.1:8000", ["adresse_publique.E003", "adresse_publique.E004"]),
    ("https://[::1]", ["adresse_publique.E004"]),
    ("https://0.0.0.0", ["adresse_publique.E004"]),
    ("https://collectivites.ladrome.fr", []),
    ("https://collectivites.ladrome.fr/", []),
    ("https://recette.collectivites.ladrome.fr:8443", []),
])
def test_site_url_is_a_public_https_origin(valeur, attendus):
    assert codes(problemes_site_url(valeur)) == attendus


@pytest.mark.parametrize("hote, port, attendus", [
    ("localhost", 80, ["adresse_publique.E006"]),  # what a fresh database has
    ("127.0.0.1", 8000, ["adresse_publique.E006"]),  # what the demo of `make run` has
    ("collectivites.ladrome.fr", 80, ["adresse_publique.E007"]),  # http's port: Wagtail would write http://
    ("Collectivites.LaDrome.fr", 443, []),
    ("www.ladrome.fr", 443, ["adresse_publique.E007"]),
])
def test_the_default_site_is_site_url(hote, port, attendus):
    assert codes(problemes_site(Site(hostname=hote, port=port), PUBLIQUE)) == attendus


def test_the_check_says_what_is_wrong_and_how_to_mend_it():
    (erreur,) = problemes_site(Site(hostname="localhost", port=80), PUBLIQUE)
    assert "Le Site Wagtail par défaut est la machine locale (localhost:80)" in erreur.msg
    assert "manage.py initialiser_site" in erreur.hint
    (erreur,) = problemes_site(Site(hostname="www.ladrome.fr", port=443), PUBLIQUE)
    assert erreur.msg == ("Le Site Wagtail par défaut (www.ladrome.fr:443) diffère de SITE_URL "
                          "(https://collectivites.ladrome.fr, soit collectivites.ladrome.fr:443).")
    assert codes(problemes_site(None, PUBLIQUE)) == ["adresse_publique.E005"]


def reglages(*noms, **env):
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'site_collectivites.settings.production';"
            "import django; django.setup(); from django.conf import settings as s;"
            + "".join(f"print(repr(s.{nom}));" for nom in noms))
    resultat = _run_python(code, SECRET_KEY=SECRET, **env)
    assert resultat.returncode == 0, resultat.stderr
    return [eval(ligne) for ligne in resultat.stdout.splitlines()]  # noqa: S307 (our own repr of lists)


def test_hosts_and_trusted_origins_come_from_site_url_unless_set():
    environnement = {"ALLOWED_HOSTS": "", "CSRF_TRUSTED_ORIGINS": ""}
    assert reglages("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL",
                    SITE_URL="https://collectivites.ladrome.fr/", **environnement) == [
        ["collectivites.ladrome.fr"], ["https://collectivites.ladrome.fr"], "https://collectivites.ladrome.fr"]
    assert reglages("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", SITE_URL="https://recette.ladrome.fr:8443",
                    **environnement) == [["recette.ladrome.fr"], ["https://recette.ladrome.fr:8443"]]
    # The environment still decides when it says something (a probe on the app server's own name).
    assert reglages("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", SITE_URL=PUBLIQUE,
                    ALLOWED_HOSTS="collectivites.ladrome.fr,app1.interne", CSRF_TRUSTED_ORIGINS="https://a.example") == [
        ["collectivites.ladrome.fr", "app1.interne"], ["https://a.example"]]
    # No SITE_URL: nothing is trusted (and the check refuses to start).
    assert reglages("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SITE_URL", SITE_URL="", **environnement) == [[], [], ""]


@pytest.mark.django_db
def test_the_admin_logs_in_with_the_hosts_and_origins_production_takes_from_site_url(home, settings):
    """The login form POSTed by a browser on the public address, through the proxy (HTTPS seen through
    X-Forwarded-Proto), with no ALLOWED_HOSTS nor CSRF_TRUSTED_ORIGINS in the environment."""
    hotes, origines = reglages("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", SITE_URL=PUBLIQUE, ALLOWED_HOSTS="",
                               CSRF_TRUSTED_ORIGINS="")
    settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS = hotes, origines
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    User.objects.create_superuser("redaction", "redaction@ladrome.example", "un-mot-de-passe-solide-2026")
    navigateur = {"HTTP_HOST": "collectivites.ladrome.fr", "HTTP_X_FORWARDED_PROTO": "https"}

    def connexion(origine):
        client = Client(enforce_csrf_checks=True)
        client.get("/admin/login/", **navigateur)
        return client.post("/admin/login/", {
            "username": "redaction", "password": "un-mot-de-passe-solide-2026",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        }, HTTP_ORIGIN=origine, HTTP_REFERER=f"{origine}/admin/login/", **navigateur)

    reponse = connexion(PUBLIQUE)
    assert reponse.status_code == 302 and reponse["Location"] == "/admin/"
    assert connexion("https://ailleurs.example").status_code == 403
    assert Client().get("/", HTTP_HOST="app1.interne").status_code == 400


# --- The documented deployment, for real, on a new database ---------------------------------------------------

def url_de_base(nom):
    reglage = connection.settings_dict
    identite = reglage["USER"] + (f":{reglage['PASSWORD']}" if reglage["PASSWORD"] else "")
    return f"postgres://{identite}@{reglage['HOST'] or '127.0.0.1'}:{reglage['PORT'] or 5432}/{nom}"


@pytest.fixture
def base_neuve(db):
    """An empty database next to the test database, dropped afterwards."""
    reglage = connection.settings_dict
    nom = f"{reglage['NAME']}_deploiement"
    serveur = psycopg2.connect(dbname="postgres", user=reglage["USER"], password=reglage["PASSWORD"],
                               host=reglage["HOST"] or "127.0.0.1", port=reglage["PORT"] or 5432)
    serveur.autocommit = True
    with serveur.cursor() as curseur:
        curseur.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')
        curseur.execute(f'CREATE DATABASE "{nom}"')
    try:
        yield url_de_base(nom)
    finally:
        with serveur.cursor() as curseur:
            curseur.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')
        serveur.close()


def environnement_production(base):
    """/etc/collectivites/env as docs/deploy.md writes it, for this machine: no ALLOWED_HOSTS, no CSRF origins;
    the machine's Redis (several gunicorn workers need a shared cache: `check --deploy` refuses local memory); an
    ESP with a key that works nowhere (`check --deploy` refuses production without one; no worker runs here,
    so nothing is sent)."""
    env = {cle: valeur for cle, valeur in os.environ.items()
           if cle not in {"ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "REDIS_URL", "WAGTAILADMIN_BASE_URL",
                          "WEB_CONCURRENCY", "SERVEURS_APPLICATION", "EMAIL_BACKEND"}
           and not cle.startswith("ANYMAIL_")}
    env.update(DJANGO_SETTINGS_MODULE="site_collectivites.settings.production", SECRET_KEY=SECRET,
               SITE_URL=PUBLIQUE, DATABASE_URL=base, LOG_FORMAT="plain", LOG_LEVEL="WARNING",
               REDIS_URL="redis://127.0.0.1:6379/7", CACHE_KEY_PREFIX=f"deploiement-{secrets.token_hex(4)}",
               ANYMAIL_ESP="brevo", ANYMAIL_BREVO_API_KEY="cle-de-test")
    return env


def manage(env, *arguments):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=RACINE, env=env, capture_output=True,
                          text=True, timeout=300)


def controle_du_worker():
    """The arguments of manage.py in the worker unit's start check (deploy/systemd/collectivites-worker.service)."""
    for ligne in (RACINE / "deploy" / "systemd" / "collectivites-worker.service").read_text().splitlines():
        if ligne.startswith("ExecStartPre=") and " check " in ligne:
            return ligne.split("manage.py", 1)[1].split()
    raise AssertionError("le worker ne vérifie pas l'adresse publique avant de démarrer")


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(env, port):
    """gunicorn as deploy/systemd/collectivites.service starts it (on a TCP port instead of the socket)."""
    return subprocess.Popen(
        [str(RACINE / ".venv" / "bin" / "gunicorn"), "site_collectivites.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
        cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def obtenir(port, chemin, hote):
    requete = urllib.request.Request(f"http://127.0.0.1:{port}{chemin}",
                                     headers={"Host": hote, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(requete, timeout=10) as reponse:  # nosec B310: loopback
            return reponse.status, reponse.read().decode()
    except urllib.error.HTTPError as erreur:
        return erreur.code, ""


def attendre_reponse(serveur, port, delai=60):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        assert serveur.poll() is None, serveur.stdout.read()
        try:
            return obtenir(port, "/robots.txt", "collectivites.ladrome.fr")
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn ne répond pas")


def verification_par_le_script(port):
    """deploy/verifier_deploiement.py's checks of https://collectivites.ladrome.fr, its requests sent to gunicorn."""
    spec = importlib.util.spec_from_file_location("verifier_deploiement", RACINE / "deploy" / "verifier_deploiement.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    def par_gunicorn(url, delai):
        parties = urlsplit(url)
        requete = urllib.request.Request(
            f"http://127.0.0.1:{port}{parties.path}" + (f"?{parties.query}" if parties.query else ""),
            headers={"Host": parties.hostname, "X-Forwarded-Proto": parties.scheme,
                     "User-Agent": "verifier-deploiement/1"})
        try:
            with urllib.request.urlopen(requete, timeout=delai) as reponse:  # nosec B310: loopback
                return reponse.status, reponse.headers, reponse.read()
        except urllib.error.HTTPError as erreur:
            return erreur.code, erreur.headers, erreur.read()

    script.obtenir = par_gunicorn
    return script.verifier(PUBLIQUE, script.PAGES)


def test_the_documented_deployment_on_a_fresh_database_gives_our_site_at_its_address(base_neuve, tmp_path):
    """docs/deploy.md § 4 by the letter, with production settings and TASKS_BACKEND=database (no worker): the
    site refuses to start until `initialiser_site` has set the Site from SITE_URL, then serves our home page, a
    sitemap on the public host, a search that finds a published page, and passes the deployment check."""
    env = environnement_production(base_neuve)
    env["TASKS_BACKEND"] = "database"
    env["STATIC_ROOT"] = str(tmp_path / "static")  # collectstatic, as docs/deploy.md runs it: the pages link them

    # Before the first migrate: the check reads no table that does not exist, and only warns.
    avant = manage(env, "check", "--deploy")
    assert avant.returncode == 0, avant.stdout + avant.stderr
    assert "(adresse_publique.W001) La table des Sites Wagtail n'existe pas encore" in avant.stderr + avant.stdout

    # migrate runs (it runs the ordinary checks, not this deployment check) and leaves Wagtail's « localhost:80 ».
    migration = manage(env, "migrate", "--noinput", "-v0")
    assert migration.returncode == 0, migration.stdout + migration.stderr
    statiques = manage(env, "collectstatic", "--noinput", "-v0")
    assert statiques.returncode == 0, statiques.stdout + statiques.stderr
    refus = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert refus.returncode == 1
    assert "(adresse_publique.E006) Le Site Wagtail par défaut est la machine locale (localhost:80)" in refus.stderr
    # The worker's unit runs the same check before db_worker (which sends the e-mails): systemd stops there.
    assert manage(env, *controle_du_worker()).returncode == 1

    # gunicorn: the workers cannot load the application, and the master stops (Django runs no check there: wsgi.py).
    serveur = gunicorn(env, port_libre())
    try:
        code = serveur.wait(timeout=60)
    finally:
        serveur.kill()
    journal = serveur.stdout.read()
    assert code == 3, journal  # gunicorn's « worker failed to boot »
    assert "Le site refuse de démarrer : son adresse publique est fausse." in journal
    assert "adresse_publique.E006" in journal and "Reason: Worker failed to boot." in journal

    # The rest of the documented sequence (docs/deploy.md § 4): the territory, then the skeleton, which sets the
    # Site from SITE_URL and builds the search index; no worker runs (TASKS_BACKEND=database).
    for etape in (["import_territoire", "-v0"], ["initialiser_site", "-v0"]):
        resultat = manage(env, *etape)
        assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    accepte = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert accepte.returncode == 0, accepte.stdout + accepte.stderr
    assert manage(env, *controle_du_worker()).returncode == 0
    port = port_libre()
    serveur = gunicorn(env, port)
    try:
        statut, robots = attendre_reponse(serveur, port)
        assert statut == 200 and "Sitemap: https://collectivites.ladrome.fr/sitemap.xml" in robots
        # ALLOWED_HOSTS came from SITE_URL: another name is refused.
        assert obtenir(port, "/robots.txt", "127.0.0.1")[0] == 400
        # Our home page, not Wagtail's welcome; the sitemap on the public host; search answers at once.
        statut, accueil = obtenir(port, "/", "collectivites.ladrome.fr")
        assert statut == 200 and "Un projet pour votre commune ?" in accueil
        assert "Welcome to your new Wagtail site" not in accueil
        statut, plan = obtenir(port, "/sitemap.xml", "collectivites.ladrome.fr")
        locs = re.findall(r"<loc>([^<]+)</loc>", plan)
        assert statut == 200 and len(locs) >= 15
        assert {urlsplit(loc)[:2] for loc in locs} == {("https", "collectivites.ladrome.fr")}
        statut, recherche = obtenir(port, "/recherche/?q=accessibilit%C3%A9", "collectivites.ladrome.fr")
        # (every page's footer links to the statement: the link must be in the list of results)
        resultats = re.search(r'<ol class="resultats".*?</ol>', recherche, re.S)
        assert statut == 200 and resultats and 'href="/accessibilite/"' in resultats.group(0), recherche
        # deploy/verifier_deploiement.py, as docs/deploy.md § 9 runs it on the public address (its requests are
        # routed to this gunicorn as nginx would: Host and X-Forwarded-Proto), passes every check.
        resultats = verification_par_le_script(port)
        assert resultats and all(ok for ok, _, _ in resultats), [r for r in resultats if not r[0]]
        assert any(libelle == "/healthz" for _, libelle, _ in resultats)
    finally:
        serveur.terminate()
        serveur.wait(timeout=30)

    # A Site that differs from SITE_URL refuses again, as a SITE_URL in plain HTTP does.
    env_recette = {**env, "SITE_URL": "https://recette.collectivites.ladrome.fr"}
    assert "(adresse_publique.E007)" in manage(env_recette, "check", "--deploy").stderr
    assert "(adresse_publique.E003)" in manage({**env, "SITE_URL": "http://collectivites.ladrome.fr"},
                                              "check", "--deploy").stderr
