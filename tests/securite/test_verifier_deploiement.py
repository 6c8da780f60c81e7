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
