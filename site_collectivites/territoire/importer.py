"""Import of the Drôme territory reference: cantons, EPCI and communes.

Plain functions, used by `manage.py import_territoire` and by the tests. Each file is read, its format is
detected from its header (CSV) or its contents (JSON), then the rows are upserted in one transaction, keyed by
canton code, SIREN and code INSEE: a second run updates, it never duplicates, and nothing is ever deleted
(a commune missing from a newer file, e.g. after a merger, is reported as a warning).

Accepted formats (see territoire/data/SOURCES.md):

* the project's CSVs (drome_cantons.csv, drome_epci.csv, drome_communes.csv, drome_communes_cantons.csv);
* INSEE COG `v_canton_20XX.csv` (cantons) and `v_commune_20XX.csv` / `commune20XX.csv` (commune names and the
  commune → canton link);
* `@etalab/decoupage-administratif` `communes.json` (names, populations, postal codes) and `epci.json` (EPCI
  and their members).
"""

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends_with_name

from .models import Canton, Commune, Epci

DEPARTEMENT = "26"
DOSSIER_DONNEES = Path(__file__).resolve().parent / "data"

#: The files shipped with the project, imported when no file is given.
FICHIERS_PAR_DEFAUT = {
    "cantons": DOSSIER_DONNEES / "drome_cantons.csv",
    "epci": DOSSIER_DONNEES / "drome_epci.csv",
    "communes": DOSSIER_DONNEES / "drome_communes.csv",
    "communes_cantons": DOSSIER_DONNEES / "drome_communes_cantons.csv",
}

#: "Ville" pseudo-cantons of the COG (TYPECT V): they group the fractions of a commune split between several
#: real cantons and cannot be mapped to a real canton from the commune file alone.
PSEUDO_CANTONS_VILLE = {"2697": "Montélimar", "2698": "Romans-sur-Isère", "2699": "Valence"}

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

NATURES_EPCI = {
    "CA": Epci.Nature.CA,
    "CC": Epci.Nature.CC,
    "CU": Epci.Nature.CU,
    "METRO": Epci.Nature.METRO,
    "MET69": Epci.Nature.METRO,  # nature juridique of the Métropole de Lyon in the DGCL lists
}

RE_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
RE_CANTON = re.compile(r"^[\dAB]{4,5}$")
RE_SIREN = re.compile(r"^\d{9}$")

CREE, MIS_A_JOUR, INCHANGE = "cree", "mis_a_jour", "inchange"
_RANG_STATUT = {INCHANGE: 0, MIS_A_JOUR: 1, CREE: 2}


class ErreurImport(Exception):
    """A file cannot be used (missing, unreadable, unknown format). The message is in French, for the user."""


# --------------------------------------------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class Compteurs:
    crees: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0

    @property
    def total(self):
        return self.crees + self.mis_a_jour + self.inchanges


@dataclass(frozen=True)
class FichierLu:
    nature: str  # key of FORMATS_ACCEPTES
    chemin: Path
    format: str
    donnees: list  # CSV: [(line number, {lower-case column: value})]; JSON: the decoded list

    @property
    def libelle_format(self):
        return LIBELLES_FORMATS[self.format]


@dataclass
class RapportImport:
    """What an import did: per model, how many rows were created / updated / left unchanged, and warnings."""

    dry_run: bool = False
    fichiers: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)
    _statuts: dict = field(default_factory=lambda: {"canton": {}, "epci": {}, "commune": {}})

    def noter(self, modele, cle, statut):
        """Record the outcome for one row; a row touched by several files keeps its strongest status."""
        statuts = self._statuts[modele]
        ancien = statuts.get(cle)
        if ancien is None or _RANG_STATUT[statut] > _RANG_STATUT[ancien]:
            statuts[cle] = statut

    def avertir(self, message):
        if message not in self.avertissements:
            self.avertissements.append(message)

    def compteurs(self, modele):
        valeurs = list(self._statuts[modele].values())
        return Compteurs(valeurs.count(CREE), valeurs.count(MIS_A_JOUR), valeurs.count(INCHANGE))

    @property
    def cantons(self):
        return self.compteurs("canton")

    @property
    def epci(self):
        return self.compteurs("epci")

    @property
    def communes(self):
        return self.compteurs("commune")

    @property
    def modifications(self):
        """Number of rows created or updated, all models together."""
        return sum(c.crees + c.mis_a_jour for c in (self.cantons, self.epci, self.communes))

    def lignes_resume(self):
        """French summary, one line per model, e.g. "362 communes (362 créées, 0 mises à jour, 0 inchangées)"."""
        lignes = []
        for compteurs, nom, mots in (
            (self.cantons, ("canton", "cantons"), _MOTS_MASCULIN),
            (self.epci, ("EPCI", "EPCI"), _MOTS_MASCULIN),
            (self.communes, ("commune", "communes"), _MOTS_FEMININ),
        ):
            if not compteurs.total:
                continue
            cree, mis_a_jour, inchange = (
                f"{nombre} {_accord(nombre, *mots[i])}"
                for i, nombre in enumerate((compteurs.crees, compteurs.mis_a_jour, compteurs.inchanges))
            )
            lignes.append(f"{compteurs.total} {_accord(compteurs.total, *nom)} ({cree}, {mis_a_jour}, {inchange})")
        return lignes


_MOTS_MASCULIN = (("créé", "créés"), ("mis à jour", "mis à jour"), ("inchangé", "inchangés"))
_MOTS_FEMININ = (("créée", "créées"), ("mise à jour", "mises à jour"), ("inchangée", "inchangées"))


def _accord(nombre, singulier, pluriel):
    return singulier if nombre == 1 else pluriel


# --------------------------------------------------------------------------------------------------------------
# Reading and format detection


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


# --------------------------------------------------------------------------------------------------------------
# Value helpers


def _code_insee(valeur):
    valeur = (valeur or "").strip().upper()
    if valeur.isdigit() and len(valeur) == 4:  # leading zero lost by a spreadsheet (départements 01–09)
        valeur = valeur.zfill(5)
    return valeur if RE_INSEE.match(valeur) else None


def _code_canton(valeur):
    valeur = (valeur or "").strip().upper()
    if valeur.isdigit() and len(valeur) == 3:
        valeur = valeur.zfill(4)
    return valeur if RE_CANTON.match(valeur) else None


def _departement(valeur):
    valeur = (valeur or "").strip().upper()
    return valeur.zfill(2) if valeur.isdigit() else valeur


def _population(valeur, ou, rapport):
    """int, None when empty; a warning and the sentinel _IGNORER when not a number."""
    if valeur is None or valeur == "":
        return None
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        entier = valeur
    else:
        texte = str(valeur).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        try:
            entier = int(float(texte)) if re.fullmatch(r"\d+(\.0+)?", texte) else int(texte)
        except ValueError:
            rapport.avertir(f"{ou} : population illisible « {valeur} », valeur actuelle conservée.")
            return _IGNORER
    if entier < 0:
        rapport.avertir(f"{ou} : population négative « {valeur} », valeur actuelle conservée.")
        return _IGNORER
    return entier


_IGNORER = object()


def _codes_postaux(codes):
    """";"-joined, in the file's order, without blanks or duplicates."""
    return ";".join(dict.fromkeys(str(code).strip() for code in codes if str(code).strip()))


def _ou(fichier, ligne=None):
    return f"{fichier.chemin.name}, ligne {ligne}" if ligne else fichier.chemin.name


# --------------------------------------------------------------------------------------------------------------
# Parsing: each format becomes a list of plain dicts; only the keys present are applied.


def _cantons_depuis_fichier(fichier, rapport, pseudo_cantons):
    enregistrements = []
    for ligne, row in fichier.donnees:
        ou = _ou(fichier, ligne)
        if fichier.format == COG_CANTON:
            if _departement(row.get("dep")) != DEPARTEMENT:
                continue
            code = _code_canton(row.get("can"))
            typect = row.get("typect", "").upper()
            if code and (typect == "V" or (not typect and code in PSEUDO_CANTONS_VILLE)):
                pseudo_cantons.add(code)
                continue
            if typect and typect != "C":
                continue
            nom, bureau = row.get("libelle", ""), row.get("burcentral", "")
        else:
            code = _code_canton(row.get("canton_code"))
            nom, bureau = row.get("canton_name", ""), row.get("bureau_centralisateur_insee", "")
        if not code or not nom:
            rapport.avertir(f"{ou} : canton sans code valide ou sans nom, ligne ignorée.")
            continue
        enregistrement = {"code": code, "nom": nom}
        if bureau:
            bureau_insee = _code_insee(bureau)
            if bureau_insee:
                enregistrement["bureau_centralisateur"] = bureau_insee
            else:
                rapport.avertir(f"{ou} : bureau centralisateur « {bureau} » invalide, ignoré.")
        enregistrements.append(enregistrement)
    return enregistrements


def _epci_depuis_fichier(fichier, rapport):
    enregistrements = []
    if fichier.format == ETALAB_EPCI:
        for element in fichier.donnees:
            membres = [m.get("code") for m in element.get("membres") or [] if isinstance(m, dict)]
            membres = [code for code in (_code_insee(m) for m in membres) if code]
            membres_26 = [code for code in membres if code.startswith(DEPARTEMENT)]
            if not membres_26:
                continue
            enregistrements.append(
                {
                    "siren": str(element.get("code", "")).strip(),
                    "nom": str(element.get("nom", "")).strip(),
                    "type": str(element.get("type", "")).strip().upper(),
                    "population": element.get("populationTotale"),
                    "membres": membres_26,
                    "ou": f"{fichier.chemin.name}, EPCI {element.get('code')}",
                }
            )
    else:
        for ligne, row in fichier.donnees:
            enregistrements.append(
                {
                    "siren": row.get("siren", ""),
                    "nom": row.get("name", ""),
                    "type": row.get("type", "").upper(),
                    "population": row.get("population"),
                    "ou": _ou(fichier, ligne),
                }
            )

    valides = []
    for e in enregistrements:
        ou = e.pop("ou")
        if not RE_SIREN.match(e["siren"]) or not e["nom"]:
            rapport.avertir(f"{ou} : EPCI sans SIREN valide (9 chiffres) ou sans nom, ignoré.")
            continue
        nature = NATURES_EPCI.get(e.pop("type"))
        if nature is None:
            rapport.avertir(f"{ou} : nature d'EPCI inconnue, EPCI {e['siren']} « {e['nom']} » ignoré.")
            continue
        e["nature"] = nature
        population = _population(e.pop("population"), ou, rapport)
        if population is not _IGNORER:
            e["population"] = population
        valides.append(e)
    return valides


def _communes_depuis_fichier(fichier, rapport):
    """Communes of the Drôme in the file, as dicts with `insee`, `nom` and whatever else the format provides.

    `cantons` (a list of raw canton codes) comes with the COG and communes → cantons formats; `nom_a_jour`
    says whether the file's name should overwrite the current one.
    """
    enregistrements = []
    if fichier.format == ETALAB_COMMUNES:
        for element in fichier.donnees:
            if element.get("type", "commune-actuelle") != "commune-actuelle":
                continue
            if _departement(str(element.get("departement", ""))) != DEPARTEMENT:
                continue
            ou = f"{fichier.chemin.name}, commune {element.get('code')}"
            e = {"insee": _code_insee(str(element.get("code", ""))), "nom": str(element.get("nom", "")).strip()}
            if "population" in element:
                population = _population(element.get("population"), ou, rapport)
                if population is not _IGNORER:
                    e["population"] = population
            if "codesPostaux" in element:
                e["codes_postaux"] = _codes_postaux(element["codesPostaux"] or [])
            enregistrements.append((ou, e))
    else:
        for ligne, row in fichier.donnees:
            ou = _ou(fichier, ligne)
            if fichier.format == COG_COMMUNE:
                if row.get("typecom", "").upper() != "COM" or _departement(row.get("dep")) != DEPARTEMENT:
                    continue
                e = {
                    "insee": _code_insee(row.get("com")),
                    "nom": row.get("libelle", ""),
                    "cantons": [row.get("can", "")],
                }
            elif fichier.format == CSV_COMMUNES_CANTONS:
                e = {
                    "insee": _code_insee(row.get("insee_code")),
                    "nom": row.get("commune_name", ""),
                    "nom_a_jour": False,  # names come from the communes file
                    "cantons": row.get("canton_code", "").split(";"),
                }
            else:  # CSV_COMMUNES
                e = {"insee": _code_insee(row.get("insee_code")), "nom": row.get("name", "")}
                population = _population(row.get("population"), ou, rapport)
                if population is not _IGNORER:
                    e["population"] = population
                e["codes_postaux"] = _codes_postaux(row.get("postal_codes", "").split(";"))
                e["epci_siren"] = row.get("epci_siren", "")
            enregistrements.append((ou, e))

    valides, vus = [], set()
    for ou, e in enregistrements:
        if not e["insee"] or not e["insee"].startswith(DEPARTEMENT):
            rapport.avertir(f"{ou} : code INSEE absent ou invalide, ligne ignorée.")
            continue
        if e["insee"] in vus:
            rapport.avertir(f"{ou} : commune {e['insee']} en double dans le fichier, seule la première est lue.")
            continue
        vus.add(e["insee"])
        valides.append(e)
    return valides


# --------------------------------------------------------------------------------------------------------------
# Writing


def _appliquer(instance, valeurs, rapport):
    """Set the values that differ; return the names of the fields changed. Over-long texts are cut, with a warning."""
    modifies = []
    for nom, valeur in valeurs.items():
        longueur_max = getattr(instance._meta.get_field(nom), "max_length", None)
        if isinstance(valeur, str) and longueur_max and len(valeur) > longueur_max:
            rapport.avertir(
                f"{instance._meta.verbose_name} {instance}: {nom} de plus de {longueur_max} caractères, tronqué."
            )
            valeur = valeur[:longueur_max]
        if getattr(instance, nom) != valeur:
            setattr(instance, nom, valeur)
            modifies.append(nom)
    return modifies


def _slug_unique(nom, code, pris):
    base = slugify(nom)[:80] or code
    slug = base if base not in pris else f"{base}-{code}"
    pris.add(slug)
    return slug


def _ecrire_cantons(fichier, enregistrements, rapport):
    existants = {c.code: c for c in Canton.objects.all()}
    slugs = {c.slug for c in existants.values()}
    vus = set()
    for e in enregistrements:
        if e["code"] in vus:
            rapport.avertir(f"{fichier.chemin.name} : canton {e['code']} en double, seule la première ligne est lue.")
            continue
        vus.add(e["code"])
        canton = existants.get(e["code"])
        if canton is None:
            canton = Canton(code=e["code"])
            _appliquer(canton, {k: v for k, v in e.items() if k != "code"}, rapport)
            canton.slug = _slug_unique(canton.nom, canton.code, slugs)
            canton.save()
            existants[canton.code] = canton
            rapport.noter("canton", canton.code, CREE)
            continue
        modifies = _appliquer(canton, {k: v for k, v in e.items() if k != "code"}, rapport)
        if modifies:
            canton.save(update_fields=modifies)
        rapport.noter("canton", canton.code, MIS_A_JOUR if modifies else INCHANGE)
    for code in sorted(set(existants) - vus):
        rapport.avertir(
            f"Canton {code} « {existants[code].nom} » absent de {fichier.chemin.name} : conservé, à vérifier."
        )


def _ecrire_epci(fichier, enregistrements, rapport):
    existants = {e.siren: e for e in Epci.objects.all()}
    slugs = {e.slug for e in existants.values()}
    vus = set()
    for e in enregistrements:
        valeurs = {k: v for k, v in e.items() if k != "membres"}
        if e["siren"] in vus:
            rapport.avertir(f"{fichier.chemin.name} : EPCI {e['siren']} en double, seule la première ligne est lue.")
            continue
        vus.add(e["siren"])
        epci = existants.get(e["siren"])
        if epci is None:
            epci = Epci(siren=e["siren"])
            _appliquer(epci, {k: v for k, v in valeurs.items() if k != "siren"}, rapport)
            epci.slug = _slug_unique(epci.nom, epci.siren, slugs)
            epci.save()
            existants[epci.siren] = epci
            rapport.noter("epci", epci.siren, CREE)
            continue
        modifies = _appliquer(epci, {k: v for k, v in valeurs.items() if k != "siren"}, rapport)
        if modifies:
            epci.save(update_fields=modifies)
        rapport.noter("epci", epci.siren, MIS_A_JOUR if modifies else INCHANGE)
    for siren in sorted(set(existants) - vus):
        rapport.avertir(
            f"EPCI {siren} « {existants[siren].nom} » absent de {fichier.chemin.name} (fusion ou dissolution ?) : "
            "conservé, à vérifier."
        )


def _ecrire_membres_epci(fichier, enregistrements, rapport, a_indexer):
    """Attach each commune to its EPCI from the `membres` of epci.json (after the communes are imported)."""
    epcis = {e.siren: e for e in Epci.objects.all()}
    communes = {c.insee: c for c in Commune.objects.all()}
    rattachees, modifiees = set(), []
    for e in enregistrements:
        epci = epcis.get(e["siren"])
        if epci is None:
            continue
        for insee in e["membres"]:
            commune = communes.get(insee)
            if commune is None:
                rapport.avertir(
                    f"{fichier.chemin.name} : la commune {insee}, membre de l'EPCI « {epci.nom} », n'est pas dans "
                    "le référentiel ; importez un fichier des communes plus récent."
                )
                continue
            rattachees.add(insee)
            if commune.epci_id != epci.pk:
                commune.epci = epci
                modifiees.append(commune)
                rapport.noter("commune", insee, MIS_A_JOUR)
            else:
                rapport.noter("commune", insee, INCHANGE)
    Commune.objects.bulk_update(modifiees, ["epci"], batch_size=500)
    a_indexer.update((c.insee, c) for c in modifiees)
    for insee in sorted(set(communes) - rattachees):
        rapport.avertir(
            f"Commune {insee} « {communes[insee].nom} » membre d'aucun EPCI de {fichier.chemin.name} : "
            "EPCI actuel conservé, à vérifier."
        )


def _ecrire_communes(fichier, enregistrements, rapport, pseudo_cantons, codes_initiaux, a_indexer):
    """Upsert the communes of one file with bulk queries (a few queries whatever the number of rows).

    Bulk queries send no post_save signal: the communes written are collected in `a_indexer` and the search
    index is updated once at the end of the import (see _mettre_a_jour_index).
    """
    communes = {c.insee: c for c in Commune.objects.select_related("epci")}
    cantons = {c.code: c for c in Canton.objects.all()}
    epcis = {e.siren: e for e in Epci.objects.all()}
    cantons_actuels = defaultdict(set)
    for insee, code in Commune.cantons.through.objects.values_list("commune__insee", "canton__code"):
        cantons_actuels[insee].add(code)

    a_creer, a_modifier, champs_modifies, nouveaux_cantons = [], [], set(), {}
    vus = set()
    for e in enregistrements:
        insee = e["insee"]
        vus.add(insee)
        commune = communes.get(insee)
        cree = commune is None
        if cree and not e["nom"]:
            rapport.avertir(f"{fichier.chemin.name} : commune {insee} inconnue et sans nom, ignorée.")
            continue
        if cree:
            commune = Commune(insee=insee)

        valeurs = {}
        if e["nom"] and (cree or e.get("nom_a_jour", True)):
            valeurs["nom"] = e["nom"]
        for cle in ("population", "codes_postaux"):
            if cle in e:
                valeurs[cle] = e[cle]
        if "epci_siren" in e:
            siren = e["epci_siren"]
            if not siren:
                valeurs["epci"] = None
            elif siren in epcis:
                valeurs["epci"] = epcis[siren]
            else:
                rapport.avertir(
                    f"{fichier.chemin.name} : commune {insee} « {e['nom']} », EPCI {siren} inconnu ; importez "
                    "d'abord le fichier des EPCI. EPCI actuel conservé."
                )
        modifies = _appliquer(commune, valeurs, rapport)
        if cree:
            a_creer.append(commune)
            communes[insee] = commune
        elif modifies:
            a_modifier.append(commune)
            champs_modifies.update(modifies)

        codes = None
        if "cantons" in e:
            codes = _cantons_a_lier(
                fichier, commune, e["cantons"], cantons, cantons_actuels[insee], rapport, pseudo_cantons
            )
            if codes is not None:
                nouveaux_cantons[insee] = codes
        if cree:
            statut = CREE
        else:
            statut = MIS_A_JOUR if (modifies or codes is not None) else INCHANGE
        rapport.noter("commune", insee, statut)

    Commune.objects.bulk_create(a_creer, batch_size=500)
    if a_modifier:
        Commune.objects.bulk_update(a_modifier, sorted(champs_modifies), batch_size=500)
    if nouveaux_cantons:
        lien = Commune.cantons.through
        ids = [communes[insee].pk for insee in nouveaux_cantons]
        lien.objects.filter(commune_id__in=ids).delete()
        lien.objects.bulk_create(
            [
                lien(commune_id=communes[insee].pk, canton_id=cantons[code].pk)
                for insee, codes in nouveaux_cantons.items()
                for code in codes
            ],
            batch_size=1000,
        )
        for insee, codes in nouveaux_cantons.items():
            cantons_actuels[insee] = set(codes)
    a_indexer.update((c.insee, c) for c in [*a_creer, *a_modifier])

    # Mergers: a commune that existed before this import and is missing from a complete listing is kept.
    for insee in sorted(codes_initiaux - vus):
        rapport.avertir(
            f"Commune {insee} « {communes[insee].nom} » absente de {fichier.chemin.name} (fusion ou changement "
            "de code ?) : conservée, à vérifier."
        )


def _cantons_a_lier(fichier, commune, codes_bruts, cantons, actuels, rapport, pseudo_cantons):
    """The commune's canton codes from the file when they differ from the current ones and can all be mapped;
    None to leave the current cantons as they are (unchanged, or a code that cannot be mapped: warning)."""
    codes = []
    conserves = ", ".join(sorted(actuels)) or "aucun"
    for brut in codes_bruts:
        brut = brut.strip()
        if not brut:
            continue
        code = _code_canton(brut)
        if code in pseudo_cantons or code in PSEUDO_CANTONS_VILLE:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » : le code {code} de {fichier.chemin.name} est un "
                "pseudo-canton « ville » (commune répartie entre plusieurs cantons), qui ne désigne aucun canton "
                f"réel ; cantons actuels conservés ({conserves})."
            )
            return None
        if code not in cantons:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » : canton « {brut} » de {fichier.chemin.name} inconnu "
                f"(importez d'abord le fichier des cantons) ; cantons actuels conservés ({conserves})."
            )
            return None
        if code not in codes:
            codes.append(code)
    if not codes:
        rapport.avertir(
            f"Commune {commune.insee} « {commune.nom} » sans canton dans {fichier.chemin.name} ; "
            f"cantons actuels conservés ({conserves})."
        )
        return None
    return None if set(codes) == actuels else codes


def _mettre_a_jour_index(communes):
    """Index the communes written by bulk queries, in one batch per search backend (what post_save would do)."""
    if not communes or not getattr(Commune, "search_auto_update", True):
        return
    for _nom, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(Commune, communes)


def _signaler_communes_incompletes(rapport):
    """Warn about the communes created by this import that still lack a population, an EPCI or a canton."""
    creees = [insee for insee, statut in rapport._statuts["commune"].items() if statut == CREE]
    if not creees:
        return
    communes = Commune.objects.filter(insee__in=creees).annotate(nb_cantons=models.Count("cantons"))
    for commune in communes.order_by("insee"):
        manques = [
            libelle
            for manque, libelle in (
                (commune.population is None, "population"),
                (commune.epci_id is None, "EPCI"),
                (not commune.nb_cantons, "canton"),
            )
            if manque
        ]
        if manques:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » créée sans {', '.join(manques)} : "
                "à compléter avec les autres fichiers."
            )


# --------------------------------------------------------------------------------------------------------------
# Entry points


def importer_territoire(*, cantons=None, epci=None, communes=None, communes_cantons=None, dry_run=False):
    """Import the files given (paths; None = not imported) in one transaction and return a RapportImport.

    Every file is read and its format checked before anything is written. Order: cantons, EPCI, communes,
    communes → cantons, then the EPCI membership of epci.json. With `dry_run`, everything is rolled back.
    Raises ErreurImport (French message) when a file is missing, unreadable or of an unknown format.
    """
    chemins = {"cantons": cantons, "epci": epci, "communes": communes, "communes_cantons": communes_cantons}
    chemins = {nature: chemin for nature, chemin in chemins.items() if chemin}
    if not chemins:
        raise ErreurImport("Aucun fichier à importer.")
    fichiers = {nature: lire_fichier(chemin, nature) for nature, chemin in chemins.items()}

    rapport = RapportImport(dry_run=dry_run, fichiers=list(fichiers.values()))
    pseudo_cantons = set(PSEUDO_CANTONS_VILLE)
    with transaction.atomic():
        codes_initiaux = set(Commune.objects.values_list("insee", flat=True))
        a_indexer = {}  # insee → Commune written with bulk queries, to index at the end
        enregistrements_epci = None
        if "cantons" in fichiers:
            fichier = fichiers["cantons"]
            _ecrire_cantons(fichier, _cantons_depuis_fichier(fichier, rapport, pseudo_cantons), rapport)
        if "epci" in fichiers:
            fichier = fichiers["epci"]
            enregistrements_epci = _epci_depuis_fichier(fichier, rapport)
            _ecrire_epci(fichier, enregistrements_epci, rapport)
        for nature in ("communes", "communes_cantons"):
            if nature in fichiers:
                fichier = fichiers[nature]
                enregistrements = _communes_depuis_fichier(fichier, rapport)
                _ecrire_communes(fichier, enregistrements, rapport, pseudo_cantons, codes_initiaux, a_indexer)
        if enregistrements_epci and fichiers["epci"].format == ETALAB_EPCI:
            _ecrire_membres_epci(fichiers["epci"], enregistrements_epci, rapport, a_indexer)
        _signaler_communes_incompletes(rapport)
        if dry_run:
            transaction.set_rollback(True)
        else:
            _mettre_a_jour_index(list(a_indexer.values()))
    return rapport


def importer_fichiers_par_defaut(*, dry_run=False):
    """Import the files shipped in territoire/data/."""
    return importer_territoire(**FICHIERS_PAR_DEFAUT, dry_run=dry_run)
