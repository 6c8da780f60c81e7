"""Optional virus scan of uploaded files by ClamAV's daemon (clamd), through its INSTREAM command.

Configured by CLAMAV_SOCKET (a unix socket, e.g. /run/clamav/clamd.ctl) or CLAMAV_HOST / CLAMAV_PORT; without
either, no scan. The protocol is a few lines (the file in chunks, each preceded by its length as 4 big-endian
bytes, then a zero length; clamd answers "stream: OK" or "stream: <signature> FOUND"), so no library.

Once configured the scan is required: if clamd cannot be reached, the file is refused (and the error
logged) rather than accepted unscanned.

`verifier_fichier(fichier)` is the one entry point, for every form that accepts a file (Wagtail documents and
images here, the attachments of demandes).
"""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)
TAILLE_BLOC = 64 * 1024


class AntivirusIndisponible(Exception):
    pass


def antivirus_configure():
    return bool(getattr(settings, "CLAMAV_SOCKET", "") or getattr(settings, "CLAMAV_HOST", ""))


def _connexion():
    delai = getattr(settings, "CLAMAV_TIMEOUT", 10)
    if getattr(settings, "CLAMAV_SOCKET", ""):
        connexion = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connexion.settimeout(delai)
        connexion.connect(settings.CLAMAV_SOCKET)
        return connexion
    return socket.create_connection((settings.CLAMAV_HOST, int(getattr(settings, "CLAMAV_PORT", 3310))), delai)


def analyser(flux):
    """Send the binary stream `flux` to clamd; return the signature found, or None when the file is clean.

    Raises AntivirusIndisponible when clamd cannot be reached or answers something unexpected.
    """
    try:
        with _connexion() as connexion:
            connexion.sendall(b"zINSTREAM\0")
            while bloc := flux.read(TAILLE_BLOC):
                connexion.sendall(struct.pack("!L", len(bloc)) + bloc)
            connexion.sendall(struct.pack("!L", 0))
            reponse = b""
            while not reponse.endswith(b"\0") and (recu := connexion.recv(4096)):
                reponse += recu
    except OSError as exc:
        raise AntivirusIndisponible(str(exc)) from exc
    texte = reponse.rstrip(b"\0").decode("utf-8", "replace").strip()
    if texte.endswith(" OK"):
        return None
    if texte.endswith(" FOUND"):
        return texte.removeprefix("stream:").removesuffix("FOUND").strip()
    raise AntivirusIndisponible(f"réponse inattendue de clamd : {texte[:200]}")


def verifier_fichier(fichier):
    """Raise ValidationError (in French) if `fichier` (an uploaded file) carries a virus; no-op without ClamAV."""
    if fichier is None or not antivirus_configure():
        return
    nom = getattr(fichier, "name", "") or "fichier"
    position = fichier.tell() if hasattr(fichier, "tell") else 0
    fichier.seek(0)
    try:
        signature = analyser(fichier)
    except AntivirusIndisponible as exc:
        logger.error("Analyse antivirus impossible : %s", exc)
        raise ValidationError(
            "L'analyse antivirus du fichier est momentanément impossible : réessayez dans quelques minutes.",
            code="antivirus_indisponible",
        ) from exc
    finally:
        fichier.seek(position)
    if signature:
        logger.warning("Fichier refusé par l'antivirus : %s (%s)", nom, signature)
        raise ValidationError(
            "Le fichier « %(nom)s » contient un virus (%(signature)s) : il a été refusé.",
            code="virus",
            params={"nom": nom.rsplit("/", 1)[-1], "signature": signature},
        )
