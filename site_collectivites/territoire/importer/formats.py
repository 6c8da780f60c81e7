"""The files the import accepts: their natures, their formats, and reading a file with its format detected.

A user may pass the project's CSV or an official file (INSEE COG, @etalab/decoupage-administratif) for each
nature of file; the format is detected from the CSV header or the JSON contents, and a file of the wrong kind
is refused before anything is written, with a French message listing the formats accepted.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .rapport import ErreurImport

# File formats
CSV_CANTONS = "csv_cantons"
CSV_EPCI = "csv_epci"
CSV_COMMUNES = "csv_communes"
CSV_COMMUNES_CANTONS = "csv_communes_cantons"
COG_CANTON = "cog_canton"
COG_COMMUNE = "cog_commune"
ETALAB_COMMUNES = "etalab_communes"
ETALAB_EPCI = "etalab_epci"

LIBELLES_FORMATS = {
    CSV_CANTONS: "CSV du projet (cantons)",
    CSV_EPCI: "CSV du projet (EPCI)",
    CSV_COMMUNES: "CSV du projet (communes)",
    CSV_COMMUNES_CANTONS: "CSV du projet (communes → cantons)",
    COG_CANTON: "Insee COG, fichier des cantons (v_canton)",
    COG_COMMUNE: "Insee COG, fichier des communes (v_commune)",
    ETALAB_COMMUNES: "@etalab/decoupage-administratif communes.json",
    ETALAB_EPCI: "@etalab/decoupage-administratif epci.json",
}

#: Which formats each kind of file accepts, in the order they are imported.
FORMATS_ACCEPTES = {
    "cantons": (CSV_CANTONS, COG_CANTON),
    "epci": (CSV_EPCI, ETALAB_EPCI),
    "communes": (CSV_COMMUNES, ETALAB_COMMUNES, COG_COMMUNE),
    "communes_cantons": (CSV_COMMUNES_CANTONS, COG_COMMUNE),
}

LIBELLES_FICHIERS = {
    "cantons": "fichier des cantons",
    "epci": "fichier des EPCI",
    "communes": "fichier des communes",
    "communes_cantons": "fichier communes → cantons",
}

# CSV headers, compared in lower case; the first match wins (most specific first).
COLONNES_CSV = (
    (COG_COMMUNE, {"typecom", "com", "dep", "libelle", "can"}),
    (COG_CANTON, {"can", "dep", "burcentral", "libelle"}),
    (CSV_COMMUNES_CANTONS, {"insee_code", "canton_code"}),
    (CSV_COMMUNES, {"insee_code", "name", "population", "postal_codes", "epci_siren"}),
    (CSV_CANTONS, {"canton_code", "canton_name"}),
    (CSV_EPCI, {"siren", "name", "type"}),
)


@dataclass(frozen=True)
class FichierLu:
    nature: str  # key of FORMATS_ACCEPTES
    chemin: Path
    format: str
    donnees: list  # CSV: [(line number, {lower-case column: value})]; JSON: the decoded list

    @property
    def libelle_format(self):
        return LIBELLES_FORMATS[self.format]


def lire_fichier(chemin, nature):
    """Read one file and detect its format; raise ErreurImport if it is missing, unreadable or not accepted."""
    chemin = Path(chemin)
    libelle = LIBELLES_FICHIERS[nature]
    try:
        octets = chemin.read_bytes()
    except FileNotFoundError:
        raise ErreurImport(f"Fichier introuvable ({libelle}) : {chemin}") from None
    except IsADirectoryError:
        raise ErreurImport(f"Ce chemin est un dossier, pas un fichier ({libelle}) : {chemin}") from None
    except OSError as exc:
        raise ErreurImport(f"Fichier illisible ({libelle}) : {chemin} ({exc.strerror or exc})") from None
    if b"\x00" in octets[:4096]:
        raise ErreurImport(f"Fichier illisible ({libelle}) : {chemin} n'est pas un fichier texte (CSV ou JSON).")
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = octets.decode("cp1252", errors="replace")  # older INSEE files were Windows-1252
    if not texte.strip():
        raise ErreurImport(f"Fichier vide ({libelle}) : {chemin}")

    if texte.lstrip()[0] in "[{":
        format_, donnees = _detecter_json(texte, chemin, libelle)
    else:
        format_, donnees = _detecter_csv(texte, chemin, libelle, nature)

    if format_ not in FORMATS_ACCEPTES[nature]:
        raise ErreurImport(
            f"Le fichier {chemin} est au format « {LIBELLES_FORMATS[format_]} », qui ne convient pas comme "
            f"{libelle}. Formats acceptés : {_liste_formats(nature)}."
        )
    return FichierLu(nature=nature, chemin=chemin, format=format_, donnees=donnees)


def _liste_formats(nature):
    return " ; ".join(LIBELLES_FORMATS[f] for f in FORMATS_ACCEPTES[nature])


def _detecter_json(texte, chemin, libelle):
    try:
        donnees = json.loads(texte)
    except json.JSONDecodeError as exc:
        raise ErreurImport(f"JSON invalide ({libelle}) : {chemin}, ligne {exc.lineno} : {exc.msg}") from None
    if isinstance(donnees, list) and donnees and all(isinstance(e, dict) for e in donnees):
        echantillon = donnees[:50]
        if any("membres" in e for e in echantillon) and all("code" in e for e in echantillon):
            return ETALAB_EPCI, donnees
        if all("code" in e and "nom" in e for e in echantillon) and any(
            "codesPostaux" in e or "departement" in e for e in echantillon
        ):
            return ETALAB_COMMUNES, donnees
    raise ErreurImport(
        f"Format JSON non reconnu ({libelle}) : {chemin}. Attendu : une liste d'objets comme communes.json ou "
        "epci.json du paquet @etalab/decoupage-administratif."
    )


def _detecter_csv(texte, chemin, libelle, nature):
    premiere_ligne = texte.lstrip("\r\n").splitlines()[0]
    separateur = max((",", ";", "\t"), key=premiere_ligne.count)
    lecteur = csv.reader(io.StringIO(texte.lstrip("\r\n")), delimiter=separateur)
    try:
        entete = next(lecteur)
    except csv.Error as exc:
        raise ErreurImport(f"CSV illisible ({libelle}) : {chemin} ({exc})") from None
    colonnes = [c.strip().lower() for c in entete]
    format_ = next((f for f, requises in COLONNES_CSV if requises <= set(colonnes)), None)
    if format_ is None:
        apercu = ", ".join(c for c in entete[:12] if c.strip()) or "aucune"
        raise ErreurImport(
            f"Format de fichier non reconnu ({libelle}) : {chemin}. Colonnes trouvées : {apercu}. "
            f"Formats acceptés : {_liste_formats(nature)}."
        )
    lignes = []
    try:
        for valeurs in lecteur:
            if not any(v.strip() for v in valeurs):
                continue
            lignes.append((lecteur.line_num, {c: v.strip() for c, v in zip(colonnes, valeurs, strict=False)}))
    except csv.Error as exc:
        raise ErreurImport(f"CSV illisible ({libelle}) : {chemin}, ligne {lecteur.line_num} ({exc})") from None
    return format_, lignes
