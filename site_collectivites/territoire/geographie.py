"""Maps of the Drôme drawn on the server as SVG paths: no tiles, no script, nothing from another host.

The contours are the project's simplified copy (data/contours/drome.json, made by `manage.py preparer_contours`
from IGN Admin Express, Licence Ouverte: credit « IGN, Admin Express »), read and projected once per process.
The projection is equirectangular, its horizontal scale shortened by cos(latitude) at the département's middle:
at this size (about 130 km) the shapes are those of a map in Lambert-93 to the eye.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

DOSSIER_CONTOURS = Path(__file__).resolve().parent / "data" / "contours"
LARGEUR = 600
MARGE = 8
CREDIT = "Contours : IGN, Admin Express, Licence Ouverte."


@lru_cache(maxsize=1)
def _donnees():
    return json.loads((DOSSIER_CONTOURS / "drome.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _projection():
    """(function lon, lat → x, y in the SVG's units, width, height), fitted to the département."""
    points = [p for polygone in _donnees()["departement"] for anneau in polygone for p in anneau]
    ouest, est = min(x for x, _ in points), max(x for x, _ in points)
    sud, nord = min(y for _, y in points), max(y for _, y in points)
    kx = math.cos(math.radians((sud + nord) / 2))
    echelle = (LARGEUR - 2 * MARGE) / ((est - ouest) * kx)
    hauteur = round((nord - sud) * echelle + 2 * MARGE)

    def projeter(lon, lat):
        return round(MARGE + (lon - ouest) * kx * echelle, 1), round(MARGE + (nord - lat) * echelle, 1)

    return projeter, LARGEUR, hauteur


def _chemin(polygones):
    projeter = _projection()[0]
    morceaux = []
    for polygone in polygones:
        for anneau in polygone:
            xy = [projeter(lon, lat) for lon, lat in anneau]
            morceaux.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(morceaux)


@lru_cache(maxsize=1)
def fond_de_carte():
    """{"largeur", "hauteur", "departement": SVG path, "cantons": {canton code: SVG path}}."""
    _projeter, largeur, hauteur = _projection()
    donnees = _donnees()
    return {"largeur": largeur, "hauteur": hauteur, "departement": _chemin(donnees["departement"]),
            "cantons": {code: _chemin(formes) for code, formes in donnees["cantons"].items()}}


def point_de_commune(insee):
    """(x, y) of a commune's centre on the map, or None for a code the contours do not know (a commune created
    after 2018 by a merger)."""
    centre = _donnees()["centres_communes"].get(insee)
    return _projection()[0](*centre) if centre else None


def classes(valeurs, nombre=4):
    """Upper bounds of `nombre` classes of equal width over (0, max]: 0 is a class of its own (no demande)."""
    maximum = max(valeurs, default=0)
    if maximum <= 0:
        return []
    pas = max(1, math.ceil(maximum / nombre))
    return [min(pas * i, maximum) for i in range(1, nombre + 1) if pas * (i - 1) < maximum]


def classe_de(valeur, bornes):
    """0 for no demande, else 1 + the index of the first class whose upper bound holds `valeur`."""
    if valeur <= 0:
        return 0
    return 1 + next((i for i, borne in enumerate(bornes) if valeur <= borne), len(bornes) - 1)


def legende(bornes):
    """[(class, label)] of a choropleth's legend: « 0 », « 1 à 12 », « 13 à 24 »…"""
    lignes, debut = [(0, "0")], 1
    for i, borne in enumerate(bornes, start=1):
        lignes.append((i, f"{debut} à {borne}" if borne > debut else f"{borne}"))
        debut = borne + 1
    return lignes
