"""deploy/verifier_deploiement.py against the live test server, and against a server without the headers."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.factories import make_site_with_home
from tests.instantanes import base_restauree  # noqa: F401 (fixture)

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "verifier_deploiement.py"


def lancer(url, *options):
    return subprocess.run([sys.executable, str(SCRIPT), url, *options], capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(transaction=True)
def test_a_running_instance_passes(live_server, base_restauree):  # noqa: F811
    make_site_with_home()
    resultat = lancer(live_server.url, "--page", "/page-qui-n-existe-pas/")
    sortie = resultat.stdout
    # Every check passes but the unknown page's status, which shows the script does fail.
    assert "ÉCHEC  /page-qui-n-existe-pas/ : statut 404" in sortie
    assert resultat.returncode == 1
    for libelle in ("/ : 200", "/recherche/?q=drome : 200", "/sitemap.xml : 200", "/robots.txt : 200",
                    "/admin/login/ : 200", '/healthz : 200 {"statut": "ok"'):
        assert f"OK     {libelle}" in sortie, sortie
    assert "6 vérification(s) réussie(s), 1 échec(s)." in sortie
    assert lancer(live_server.url).returncode == 0


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
