"""What a demande's attachment really is, read from its first bytes rather than its name."""

import zipfile

TAILLE_MAX = 10 * 1024 * 1024
NOMBRE_MAX = 3

# Detected type → extensions a file of that type may carry.
TYPES_ACCEPTES = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/webp": {"webp"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/x-ole-storage": {"doc", "xls", "ppt"},  # Office 97–2003
}
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def detecter_type(fichier):
    """The MIME type found in the content, or None for anything we do not accept."""
    fichier.seek(0)
    debut = fichier.read(16)
    fichier.seek(0)
    if debut.startswith(b"%PDF-"):
        return "application/pdf"
    if debut.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if debut.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if debut[:4] == b"RIFF" and debut[8:12] == b"WEBP":
        return "image/webp"
    if debut.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/x-ole-storage"
    if debut.startswith(b"PK\x03\x04"):
        return _type_archive(fichier)
    return None


def _type_archive(fichier):
    try:
        with zipfile.ZipFile(fichier) as archive:
            noms = archive.namelist()
            if "mimetype" in noms:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return mimetype if mimetype in TYPES_ACCEPTES else None
            if "[Content_Types].xml" in noms:
                for dossier, mimetype in OOXML.items():
                    if any(nom.startswith(dossier) for nom in noms):
                        return mimetype
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        fichier.seek(0)
    return None


def extension(nom):
    return nom.rsplit(".", 1)[-1].lower() if "." in nom else ""
