"""deploy/nginx/site.conf is accepted by Debian 12's nginx (`nginx -t`), blocks what must never be served, lets
the largest request form through, and answers its own errors (413, 502, 504) with the site's French pages.

Debian's nginx-light is installed by `make test-deps`, as chromium and Java are. The file is checked as an
administrator would install it, with only the certificate paths pointed at a throwaway self-signed pair; the
running tests also point the listening ports, the repository's path and gunicorn's socket at the test's own.
"""

import http.client
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess  # nosec B404: Debian's nginx and openssl, fixed arguments
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_pages_erreur import lu, verifier_page_erreur

DEPOT = Path(__file__).resolve().parents[2]
CONF = DEPOT / "deploy" / "nginx" / "site.conf"
ERREURS = DEPOT / "deploy" / "nginx" / "erreurs"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIO = 1024 * 1024


@pytest.fixture
def dossier(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx est absent : make test-deps installe le paquet Debian nginx-light.")
    subprocess.run(  # nosec B603 B607
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=essai",
         "-addext", "subjectAltName=DNS:collectivites.ladrome.fr",
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


# Limits that agree: the largest request the form accepts gets through nginx.

def taille_nginx(texte):
    """client_max_body_size in bytes (nginx's k and m are binary: 1m = 1,048,576 bytes)."""
    valeur, unite = re.search(r"^\s*client_max_body_size\s+(\d+)([kKmMgG]?);", texte, re.M).groups()
    return int(valeur) * {"": 1, "k": 1024, "m": MIO, "g": 1024 * MIO}[unite.lower()]


def maximum_du_formulaire():
    """The largest body of a request form the application accepts: every attachment at its maximum size, every
    text field at its maximum length in 4-byte characters, and 1 KiB per field for the multipart envelope (part
    headers, boundary, the thématiques' several values)."""
    from demandes.fichiers import NOMBRE_MAX, TAILLE_MAX
    from demandes.forms import DemandeForm

    champs = DemandeForm.base_fields
    textes = sum(4 * champ.max_length for champ in champs.values() if getattr(champ, "max_length", None))
    return NOMBRE_MAX * TAILLE_MAX + textes + 1024 * (len(champs) + 1)


def test_nginx_lets_the_largest_request_form_through(settings):
    limite = taille_nginx(CONF.read_text())
    assert limite > 0, "client_max_body_size 0 turns the limit off"
    assert limite >= maximum_du_formulaire(), (limite, maximum_du_formulaire())
    assert limite > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE and limite > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def test_the_check_reads_the_limit_as_nginx_does():
    # The limit before issue #21: 25m, under the form's 3 × 10 MiB; three 9 MB PDFs got nginx's English 413.
    assert taille_nginx("    client_max_body_size 25m;") == 25 * MIO < maximum_du_formulaire()
    assert taille_nginx("client_max_body_size 512k;") == 512 * 1024


# nginx's own error pages.

PAGES = {413: "Fichiers trop volumineux", 502: "Site momentanément indisponible",
         504: "Le site met trop de temps à répondre"}


def test_the_configuration_sends_its_errors_to_the_files_of_the_repository():
    texte = CONF.read_text()
    for code in PAGES:
        assert re.search(rf"^\s*error_page\s+{code}\s+/erreurs-nginx/{code}\.html;", texte, re.M), code
    bloc = re.search(r"location\s+\^~\s+/erreurs-nginx/\s*\{(.*?)\}", texte, re.S).group(1)
    assert re.search(r"^\s*internal;", bloc, re.M), "not reachable by URL"
    assert "alias /srv/collectivites/app/deploy/nginx/erreurs/;" in bloc  # the clone of docs/deploy.md § 4


@pytest.mark.parametrize("code", sorted(PAGES))
def test_each_page_is_french_and_says_what_to_do(code):
    from demandes.fichiers import NOMBRE_MAX, TAILLE_MAX

    contenu = (ERREURS / f"{code}.html").read_bytes()
    texte = verifier_page_erreur(SimpleNamespace(status_code=code, content=contenu), code, PAGES[code],
                                 avec_menus=False)
    if code == 413:
        assert f"{NOMBRE_MAX} pièces jointes au plus, de {TAILLE_MAX // MIO} Mo chacune" in texte
        assert "Votre envoi n'a pas été enregistré" in texte
        assert "certains navigateurs l'effacent" in texte and "Les fichiers, eux, sont à choisir de nouveau" in texte
        assert "Allégez les fichiers" in texte
    else:
        assert "Réessayez dans quelques minutes" in texte
        assert "il a pu être enregistré malgré tout" in texte and "regardez votre messagerie" in texte


@pytest.mark.parametrize("code", sorted(PAGES))
def test_the_committed_pages_are_their_templates_rendering(code):
    """The files nginx serves are written by `manage.py pages_erreur_nginx` from templates/nginx/: run it and
    commit the files after changing a template, the error layout or the form's limits."""
    from portail.pages_nginx import rendre

    assert (ERREURS / f"{code}.html").read_text(encoding="utf-8") == rendre(code), \
        "lancer `manage.py pages_erreur_nginx` et valider deploy/nginx/erreurs/"


# The configuration running: requests as a browser sends them, a fake gunicorn behind.

def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FauxGunicorn:
    """gunicorn's socket: closes every connection at once (a worker killed: nginx answers 502), except a request
    for /lent, left unanswered (nginx answers 504 after proxy_read_timeout)."""

    def __init__(self, chemin):
        self.serveur = socket.socket(socket.AF_UNIX)
        self.serveur.bind(str(chemin))
        os.chmod(chemin, 0o666)
        self.serveur.listen()
        self.en_attente = []
        threading.Thread(target=self._servir, daemon=True).start()

    def _servir(self):
        while True:
            try:
                connexion, _ = self.serveur.accept()
            except OSError:
                return
            if b"/lent" in connexion.recv(65536).split(b"\r\n", 1)[0]:
                self.en_attente.append(connexion)
            else:
                connexion.close()

    def fermer(self):
        for connexion in self.en_attente:
            connexion.close()
        self.serveur.close()


@pytest.fixture
def nginx(dossier):
    """nginx running deploy/nginx/site.conf on a free port of 127.0.0.1, the repository as /srv/collectivites/app,
    gunicorn's socket a fake, proxy_read_timeout 1 s."""
    port = port_libre()
    texte = CONF.read_text()
    texte = re.sub(r"^\s*listen \[::\].*$", "", texte, flags=re.M)
    texte = texte.replace("listen 80;", f"listen 127.0.0.1:{port_libre()};")
    texte = texte.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    texte = texte.replace("/srv/collectivites/app/", f"{DEPOT}/")
    texte = texte.replace("unix:/run/collectivites/gunicorn.sock", f"unix:{dossier / 'gunicorn.sock'}")
    texte = re.sub(r"proxy_read_timeout \d+s;", "proxy_read_timeout 1s;", texte)
    texte = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {dossier / 'cert.pem'};", texte)
    texte = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {dossier / 'cle.pem'};", texte)
    (dossier / "site.conf").write_text(texte)
    # Run as root (CI's container), the workers would be "nobody", who cannot read the test's private folder.
    utilisateur = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    (dossier / "nginx.conf").write_text(
        f"{utilisateur}daemon off;\npid {dossier / 'nginx.pid'};\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {dossier / 'site.conf'}; }}\n")
    gunicorn = FauxGunicorn(dossier / "gunicorn.sock")
    processus = subprocess.Popen([NGINX, "-c", str(dossier / "nginx.conf"), "-e", "stderr"],  # nosec B603
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert processus.poll() is None, processus.stderr.read().decode()
                time.sleep(0.05)
        contexte = ssl.create_default_context(cafile=str(dossier / "cert.pem"))
        contexte.check_hostname = False  # the certificate is the test's own; the chain is still verified
        yield SimpleNamespace(connexion=lambda: http.client.HTTPSConnection("127.0.0.1", port, context=contexte,
                                                                              timeout=20))
    finally:
        processus.terminate()
        processus.wait(timeout=10)
        gunicorn.fermer()


def envoyer(connexion, chemin, taille, corps=True):
    """A form's POST of `taille` bytes, its body sent (or only announced by Content-Length) as browsers do."""
    connexion.putrequest("POST", chemin, skip_host=True)
    connexion.putheader("Host", "collectivites.ladrome.fr")
    connexion.putheader("Content-Type", "multipart/form-data; boundary=essai")
    connexion.putheader("Content-Length", str(taille))
    connexion.endheaders()
    if corps:
        bloc = b"0" * MIO
        for debut in range(0, taille, MIO):
            connexion.send(bloc[:min(MIO, taille - debut)])
    return connexion.getresponse()


def page(reponse):
    return SimpleNamespace(status_code=reponse.status, content=reponse.read(), en_tetes=dict(reponse.getheaders()))


def test_a_request_too_large_gets_the_french_413_page(nginx):
    reponse = page(envoyer(nginx.connexion(), "/faire-une-demande/", taille_nginx(CONF.read_text()) + 1, corps=False))
    assert reponse.en_tetes["Content-Type"] == "text/html; charset=utf-8"
    assert reponse.en_tetes["Cache-Control"] == "no-store"
    texte = verifier_page_erreur(reponse, 413, PAGES[413], avec_menus=False)
    assert "Request Entity Too Large" not in texte and "nginx" not in texte


def test_the_largest_request_form_reaches_the_application(nginx):
    """Sent in full, the form's maximum goes through to gunicorn (here a fake that drops it: 502, not 413)."""
    reponse = page(envoyer(nginx.connexion(), "/faire-une-demande/", maximum_du_formulaire()))
    verifier_page_erreur(reponse, 502, PAGES[502], avec_menus=False)


def test_an_application_too_slow_gets_the_french_504_page(nginx):
    connexion = nginx.connexion()
    connexion.request("GET", "/lent", headers={"Host": "collectivites.ladrome.fr"})
    reponse = page(connexion.getresponse())
    texte = verifier_page_erreur(reponse, 504, PAGES[504], avec_menus=False)
    assert "Gateway" not in texte and "trop de temps" in lu(reponse)


def test_the_error_pages_are_not_reachable_by_their_address(nginx):
    connexion = nginx.connexion()
    connexion.request("GET", "/erreurs-nginx/413.html", headers={"Host": "collectivites.ladrome.fr"})
    assert connexion.getresponse().status == 404  # "internal": only nginx's error handling reaches them
