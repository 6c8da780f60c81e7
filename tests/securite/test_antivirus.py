"""The optional ClamAV scan (site_collectivites/securite/antivirus.py) against a tiny fake clamd, and the uploads it guards."""

import io
import socket
import struct
import threading

import PIL.Image
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from site_collectivites.securite.antivirus import analyser, verifier_fichier

# The EICAR test file, which every antivirus reports as "Eicar-Test-Signature", in two halves so that an
# antivirus on a developer's machine does not quarantine this test module.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-" + b"ANTIVIRUS-TEST-FILE!$H+H*"


def png_1px():
    tampon = io.BytesIO()
    PIL.Image.new("RGB", (1, 1), "white").save(tampon, "PNG")
    return tampon.getvalue()


class FauxClamd:
    """Answers INSTREAM like clamd: FOUND when the stream contains EICAR, OK otherwise; keeps what it received."""

    def __init__(self, serveur):
        self.serveur = serveur
        self.recus = []
        self.fil = threading.Thread(target=self._servir, daemon=True)
        self.fil.start()

    def _lire(self, connexion, n):
        donnees = b""
        while len(donnees) < n:
            bloc = connexion.recv(n - len(donnees))
            if not bloc:
                raise ConnectionError
            donnees += bloc
        return donnees

    def _servir(self):
        while True:
            try:
                connexion, _ = self.serveur.accept()
            except OSError:
                return
            with connexion:
                assert self._lire(connexion, 10) == b"zINSTREAM\0"
                contenu = b""
                while longueur := struct.unpack("!L", self._lire(connexion, 4))[0]:
                    contenu += self._lire(connexion, longueur)
                self.recus.append(contenu)
                reponse = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in contenu else b"stream: OK\0"
                connexion.sendall(reponse)


@pytest.fixture
def clamd_unix(tmp_path, settings):
    chemin = str(tmp_path / "clamd.sock")
    serveur = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    serveur.bind(chemin)
    serveur.listen()
    settings.CLAMAV_SOCKET, settings.CLAMAV_HOST = chemin, ""
    yield FauxClamd(serveur)
    serveur.close()


@pytest.fixture
def clamd_tcp(settings):
    serveur = socket.create_server(("127.0.0.1", 0))
    settings.CLAMAV_SOCKET, settings.CLAMAV_HOST, settings.CLAMAV_PORT = "", "127.0.0.1", serveur.getsockname()[1]
    yield FauxClamd(serveur)
    serveur.close()


def test_clean_file_passes_and_eicar_is_found_over_a_unix_socket(clamd_unix):
    grand = b"x" * 200_000  # several chunks
    assert analyser(io.BytesIO(grand)) is None
    assert clamd_unix.recus[-1] == grand
    assert analyser(io.BytesIO(b"debut " + EICAR)) == "Eicar-Test-Signature"


def test_verifier_fichier_refuses_eicar_in_french_over_tcp(clamd_tcp):
    verifier_fichier(SimpleUploadedFile("note.txt", b"Bonjour"))
    fichier = SimpleUploadedFile("dossier/facture.pdf", EICAR)
    with pytest.raises(ValidationError) as erreur:
        verifier_fichier(fichier)
    assert erreur.value.messages == ["Le fichier « facture.pdf » contient un virus (Eicar-Test-Signature) : il a été refusé."]
    assert fichier.tell() == 0  # the file can still be read (or saved) by the caller


def test_unreachable_clamd_refuses_the_file(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "absent.sock")
    with pytest.raises(ValidationError) as erreur:
        verifier_fichier(SimpleUploadedFile("note.txt", b"Bonjour"))
    assert erreur.value.code == "antivirus_indisponible"
    assert "momentanément impossible" in erreur.value.messages[0]


def test_without_clamav_nothing_is_scanned(settings, monkeypatch):
    settings.CLAMAV_SOCKET = settings.CLAMAV_HOST = ""
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("aucune connexion attendue"))
    verifier_fichier(SimpleUploadedFile("x.txt", EICAR))


@pytest.fixture
def admin_client_connecte(client, home):
    client.force_login(User.objects.create_superuser("admin-medias", "m@ladrome.example", "x" * 16))
    return client


@pytest.mark.django_db
def test_admin_document_upload_with_a_virus_is_refused_with_a_clear_error(admin_client_connecte, clamd_unix):
    collection = Collection.get_first_root_node().pk
    reponse = admin_client_connecte.post("/admin/documents/add/", {
        "title": "Facture", "collection": collection, "file": SimpleUploadedFile("facture.pdf", EICAR),
    })
    assert reponse.status_code == 200
    assert "contient un virus (Eicar-Test-Signature) : il a été refusé" in reponse.content.decode()
    assert not Document.objects.exists()
    reponse = admin_client_connecte.post("/admin/documents/add/", {
        "title": "Compte rendu", "collection": collection, "file": SimpleUploadedFile("cr.pdf", b"%PDF-1.4 sain"),
    })
    assert reponse.status_code == 302
    assert Document.objects.get().title == "Compte rendu"


@pytest.mark.django_db
def test_admin_image_upload_is_scanned_and_svg_is_refused(admin_client_connecte, clamd_unix):
    collection = Collection.get_first_root_node().pk
    reponse = admin_client_connecte.post("/admin/images/add/", {
        "title": "Piégée", "collection": collection, "file": SimpleUploadedFile("p.png", png_1px() + EICAR),
    })
    assert "contient un virus" in reponse.content.decode()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    reponse = admin_client_connecte.post("/admin/images/add/", {
        "title": "Logo", "collection": collection, "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml"),
    })
    assert reponse.status_code == 200 and not Image.objects.exists()
    reponse = admin_client_connecte.post("/admin/images/add/", {
        "title": "Point", "collection": collection, "file": SimpleUploadedFile("point.png", png_1px()),
        "description": "Un point noir",
    })
    assert reponse.status_code == 302 and Image.objects.get().title == "Point"
