"""deploy/nginx/site.conf is accepted by Debian 12's nginx (`nginx -t`), and blocks what must never be served.

Debian's nginx-light is installed by `make test-deps`, as chromium and Java are. The file is checked as an
administrator would install it, with only the certificate paths pointed at a throwaway self-signed pair.
"""

import re
import shutil
import subprocess  # nosec B404: Debian's nginx and openssl, fixed arguments
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "site.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def dossier(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx est absent : make test-deps installe le paquet Debian nginx-light.")
    subprocess.run(  # nosec B603 B607
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=essai",
         "-keyout", tmp_path / "cle.pem", "-out", tmp_path / "cert.pem"],
        check=True, capture_output=True)
    return tmp_path


def _verifier(dossier, texte):
    texte = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {dossier / 'cert.pem'};", texte)
    texte = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {dossier / 'cle.pem'};", texte)
    (dossier / "site.conf").write_text(texte)
    (dossier / "nginx.conf").write_text(
        f"pid {dossier / 'nginx.pid'};\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {dossier / 'site.conf'}; }}\n")
    return subprocess.run([NGINX, "-t", "-q", "-c", str(dossier / "nginx.conf"), "-e", "stderr"],  # nosec B603
                          capture_output=True, text=True)


def test_debian_nginx_accepts_the_site_configuration(dossier):
    resultat = _verifier(dossier, CONF.read_text())
    assert resultat.returncode == 0, resultat.stderr


def test_the_check_fails_on_a_directive_this_nginx_does_not_know(dossier):
    # The defect this test was written for: "http2 on;" needs nginx 1.25.1, Debian 12 ships 1.22.
    texte = CONF.read_text().replace("listen 443 ssl http2;", "listen 443 ssl;\n    http2 on;")
    resultat = _verifier(dossier, texte)
    assert resultat.returncode != 0 and 'unknown directive "http2"' in resultat.stderr


def test_originals_and_private_documents_are_never_served_by_nginx():
    texte = CONF.read_text()
    assert re.search(r"location\s+\^?~?\s*/media/original_images/", texte), "originals blocked"
    assert re.search(r"location\s+\^?~?\s*/media/documents/", texte), "documents go through Django"
