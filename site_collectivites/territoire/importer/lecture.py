"""From the rows of a file to validated records: each format becomes a list of plain dicts.

Only the Drôme is kept, codes are normalised (a leading zero lost by a spreadsheet is put back), and a value
that cannot be read is reported as a warning and left out of the record, so that the current value in the
database is kept rather than overwritten: writing applies only the keys present (see ecriture.py).
"""

import re

from ..models import Epci
from .formats import COG_CANTON, COG_COMMUNE, CSV_COMMUNES_CANTONS, ETALAB_COMMUNES, ETALAB_EPCI

DEPARTEMENT = "26"

#: "Ville" pseudo-cantons of the COG (TYPECT V): they group the fractions of a commune split between several
#: real cantons and cannot be mapped to a real canton from the commune file alone.
PSEUDO_CANTONS_VILLE = {"2697": "Montélimar", "2698": "Romans-sur-Isère", "2699": "Valence"}

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


# --------------------------------------------------------------------------------------------------------------
# Value helpers


def _code_insee(valeur):
    valeur = (valeur or "").strip().upper()
    if valeur.isdigit() and len(valeur) == 4:  # leading zero lost by a spreadsheet (départements 01–09)
        valeur = valeur.zfill(5)
    return valeur if RE_INSEE.match(valeur) else None


def code_canton(valeur):
    """Normalised canton code (leading zero put back), None when invalid; writing maps file codes with it too."""
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


def cantons_depuis_fichier(fichier, rapport, pseudo_cantons):
    enregistrements = []
    for ligne, row in fichier.donnees:
        ou = _ou(fichier, ligne)
        if fichier.format == COG_CANTON:
            if _departement(row.get("dep")) != DEPARTEMENT:
                continue
            code = code_canton(row.get("can"))
            typect = row.get("typect", "").upper()
            if code and (typect == "V" or (not typect and code in PSEUDO_CANTONS_VILLE)):
                pseudo_cantons.add(code)
                continue
            if typect and typect != "C":
                continue
            nom, bureau = row.get("libelle", ""), row.get("burcentral", "")
        else:
            code = code_canton(row.get("canton_code"))
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


def epci_depuis_fichier(fichier, rapport):
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


def communes_depuis_fichier(fichier, rapport):
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
