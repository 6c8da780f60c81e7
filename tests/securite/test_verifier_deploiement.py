"""deploy/verifier_deploiement.py against the live test server (its pages on its address, then on another), and against
a server without the headers."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factories import make_site_with_home
from tests.instantanes import base_de_depart, base_initiale  # noqa: F401 (fixtures)

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "verifier_deploiement.py"


def lancer(url, *options):
    return subprocess.run([sys.executable, str(SCRIPT), url, *options], capture_output=True, text=True, timeout=120)


def site_en_ligne(live_server, settings, site_url):
    """Home, news (RSS and Atom feeds) and agenda (iCalendar feed) with one item each, served by live_server;
    SITE_URL is `site_url` and the Wagtail Site is set from it, as `initialiser_site` does."""
    from wagtail.models import Site

    from tests.agenda.factories import (
        ActualiteIndexPageFactory, ActualitePageFactory, AgendaIndexPageFactory, EvenementPageFactory,
    )

    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = site_url
    home = make_site_with_home()
    parties = urlsplit(site_url)
    Site.objects.filter(is_default_site=True).update(hostname=parties.hostname, port=parties.port or 80)
    ActualitePageFactory(parent=ActualiteIndexPageFactory(parent=home), title="Une actualité")
    EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Une rencontre")
    return live_server.url


def test_a_running_instance_passes(live_server, base_de_depart, settings):  # noqa: F811
    base = site_en_ligne(live_server, settings, live_server.url)
    resultat = lancer(base, "--page", "/page-qui-n-existe-pas/")
    sortie = resultat.stdout
    # Every check passes but the unknown page's status, which shows the script does fail.
    assert "ÉCHEC  /page-qui-n-existe-pas/ : statut 404" in sortie
    assert resultat.returncode == 1
    for libelle in ("/ : 200", "/recherche/?q=drome : 200", "/sitemap.xml : 200", "/robots.txt : 200",
                    "/admin/login/ : 200", '/healthz : 200 {"statut": "ok"',
                    # the sections of the sitemap, and the feeds they announce, read as their readers read them
                    "/actualites/ : 200", "/agenda/ : 200",
                    f"flux /actualites/flux/ : 200, 4 adresse(s) sur {base}",
                    f"flux /actualites/flux/atom/ : 200, 5 adresse(s) sur {base}",
                    f"flux /agenda/calendrier/ : 200, 1 adresse(s) sur {base}"):
        assert f"OK     {libelle}" in sortie, sortie
    assert "11 vérification(s) réussie(s), 1 échec(s)." in sortie
    assert lancer(base).returncode == 0


def test_pages_that_carry_another_host_fail(live_server, base_de_depart, settings):  # noqa: F811
    """The instance answers on its address, but writes another one in its pages (a SITE_URL left at its default,
    a Wagtail Site still « localhost »): every place that carries it fails, with the address it carries."""
    base = site_en_ligne(live_server, settings, "http://localhost")
    resultat = lancer(base)
    sortie = resultat.stdout
    assert resultat.returncode == 1
    attendue = base.rstrip("/")
    assert f"ÉCHEC  / : 2 adresse(s) hors de {attendue} : canonical http://localhost/, og:url http://localhost/\n" in sortie
    assert (f"ÉCHEC  /sitemap.xml : 5 adresse(s) hors de {attendue} : loc http://localhost/, "
            "loc http://localhost/actualites/, loc http://localhost/actualites/une-actualite/ (et 2 autre(s))") in sortie
    assert f"ÉCHEC  /robots.txt : 1 adresse(s) hors de {attendue} : Sitemap http://localhost/sitemap.xml" in sortie
    assert f"ÉCHEC  /agenda/ : 2 adresse(s) hors de {attendue} : canonical http://localhost/agenda/" in sortie
    assert (f"ÉCHEC  flux /actualites/flux/ : 4 adresse(s) hors de {attendue} : link http://localhost/actualites/, "
            "link http://localhost/actualites/une-actualite/, guid http://localhost/actualites/une-actualite/") in sortie
    assert (f"ÉCHEC  flux /actualites/flux/atom/ : 5 adresse(s) hors de {attendue} : id http://localhost/actualites/, "
            "id http://localhost/actualites/une-actualite/") in sortie
    assert (f"ÉCHEC  flux /agenda/calendrier/ : 1 adresse(s) hors de {attendue} : "
            "URL http://localhost/agenda/une-rencontre/") in sortie
    assert "OK     /healthz" in sortie


class SansEntetes(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        corps = b'{"statut": "ok"}' if self.path == "/healthz" else b"<html></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if self.path != "/healthz" else "application/json")
        self.end_headers()
        self.wfile.write(corps)

    def log_message(self, *args):
        pass


def test_missing_security_headers_fail():
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SansEntetes)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        resultat = lancer(f"http://127.0.0.1:{serveur.server_address[1]}")
    finally:
        serveur.shutdown()
    assert resultat.returncode == 1
    assert "ÉCHEC  / : en-tête Content-Security-Policy absent; en-tête X-Content-Type-Options absent" in resultat.stdout
    assert "ÉCHEC  /admin/login/" in resultat.stdout and "OK     /healthz" in resultat.stdout


def _module_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("verifier_deploiement", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_over_https_hsts_of_at_least_six_months_is_required():
    verifier = _module_script()
    entetes = {"Content-Security-Policy": "default-src 'self'; script-src 'self'", "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "same-origin", "Permissions-Policy": "camera=()", "X-Frame-Options": "DENY"}
    assert verifier.problemes_entetes(entetes, https=False, publique=True) == []
    assert verifier.problemes_entetes(entetes, https=True, publique=True) == ["HSTS absent ou trop court : ''"]
    court = {**entetes, "Strict-Transport-Security": "max-age=3600"}
    assert verifier.problemes_entetes(court, https=True, publique=True) == [
        "HSTS absent ou trop court : 'max-age=3600'"]
    bon = {**entetes, "Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
    assert verifier.problemes_entetes(bon, https=True, publique=True) == []
    laxiste = {**entetes, "Content-Security-Policy": "script-src 'self' 'unsafe-inline'"}
    assert verifier.problemes_entetes(laxiste, https=False, publique=True) == [
        "la CSP permet les scripts en ligne : script-src 'self' 'unsafe-inline'"]
    assert verifier.problemes_entetes(laxiste, https=False, publique=False) == []  # the admin's policy


def test_an_address_is_on_the_site_whatever_the_case_of_its_host_or_its_default_port():
    verifier = _module_script()
    attendue = verifier.origine("https://collectivites.ladrome.fr/")
    assert verifier.problemes_adresses([("canonical", "https://Collectivites.LaDrome.fr:443/agenda/")], attendue) == []
    assert verifier.problemes_adresses([("canonical", "http://collectivites.ladrome.fr/agenda/"),
                                        ("og:url", "https://collectivites.ladrome.fr:8443/")], attendue) == [
        "2 adresse(s) hors de https://collectivites.ladrome.fr : canonical http://collectivites.ladrome.fr/agenda/, "
        "og:url https://collectivites.ladrome.fr:8443/"]
