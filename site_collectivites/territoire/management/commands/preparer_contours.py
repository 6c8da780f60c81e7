"""Prepare the project's copy of the Drôme's contours (site_collectivites/territoire/data/contours/) from the
GeoJSON files of IGN Admin Express (via france-geojson, Licence Ouverte; see data/SOURCES.md).

    manage.py preparer_contours /chemin/vers/geo     # drome_cantons.geojson, drome_communes.geojson, drome_departement.geojson

The shapes are simplified (Douglas-Peucker, about 150 m: a canton is still recognisable in a 600-px map) and
rounded to 4 decimals; the communes are reduced to a point (the centroid of their largest polygon), where a
réalisation is drawn. The output is committed: the site reads it, never the sources.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from site_collectivites.territoire.geographie import DOSSIER_CONTOURS

TOLERANCE = 0.0015  # degrees, about 120-170 m at 44.7° N


def _distance_au_segment(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplifier(points, tolerance=TOLERANCE):
    """Douglas-Peucker on an open line (iterative: a canton's ring has a few thousand points)."""
    if len(points) < 3:
        return list(points)
    garder = {0, len(points) - 1}
    pile = [(0, len(points) - 1)]
    while pile:
        debut, fin = pile.pop()
        loin, indice = 0.0, None
        for i in range(debut + 1, fin):
            d = _distance_au_segment(points[i], points[debut], points[fin])
            if d > loin:
                loin, indice = d, i
        if indice is not None and loin > tolerance:
            garder.add(indice)
            pile += [(debut, indice), (indice, fin)]
    return [points[i] for i in sorted(garder)]


def simplifier_anneau(anneau):
    """A closed ring simplified, kept closed and at least a triangle."""
    points = simplifier(anneau[:-1] + [anneau[0]])
    if len(points) < 4:
        points = anneau[:: max(1, len(anneau) // 4)][:3] + [anneau[0]]
    return [[round(x, 4), round(y, 4)] for x, y in points]


def polygones(geometrie):
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"]]
    return geometrie["coordinates"]  # MultiPolygon


def aire_et_centre(anneau):
    """Signed area and centroid of a ring (shoelace formula), in degrees: fine at this scale."""
    aire = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(anneau, anneau[1:]):
        croix = x1 * y2 - x2 * y1
        aire += croix
        cx += (x1 + x2) * croix
        cy += (y1 + y2) * croix
    aire /= 2
    if aire == 0:
        return 0.0, anneau[0]
    return aire, (cx / (6 * aire), cy / (6 * aire))


def contours_simplifies(geojson):
    """{code: [[outer ring, holes…], …]} simplified, from a GeoJSON FeatureCollection or a single Feature."""
    entites = geojson["features"] if geojson["type"] == "FeatureCollection" else [geojson]
    return {f["properties"]["code"]: [[simplifier_anneau(a) for a in polygone] for polygone in polygones(f["geometry"])]
            for f in entites}


class Command(BaseCommand):
    help = "Prépare la copie simplifiée des contours de la Drôme (cantons, département, centres des communes)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="dossier des fichiers GeoJSON (drome_cantons.geojson, …)")

    def handle(self, *args, source, **options):
        dossier = Path(source)
        try:
            cantons = json.loads((dossier / "drome_cantons.geojson").read_text())
            communes = json.loads((dossier / "drome_communes.geojson").read_text())
            departement = json.loads((dossier / "drome_departement.geojson").read_text())
        except (OSError, ValueError) as erreur:
            raise CommandError(f"Lecture impossible dans {dossier} : {erreur}") from erreur
        # The source numbers the cantons 26001…26019; the territory reference (INSEE) 2601…2619.
        sortie = {
            "source": "IGN, Admin Express COG 2018 (via github.com/gregoiredavid/france-geojson), Licence Ouverte ; "
                      "simplifié pour ce site (manage.py preparer_contours)",
            "cantons": {code[:2] + code[3:]: formes for code, formes in contours_simplifies(cantons).items()},
            "departement": next(iter(contours_simplifies(departement).values())),
            "centres_communes": {},
        }
        for f in communes["features"]:
            aire, centre = max((aire_et_centre(p[0]) for p in polygones(f["geometry"])), key=lambda t: abs(t[0]))
            sortie["centres_communes"][f["properties"]["code"]] = [round(centre[0], 4), round(centre[1], 4)]
        DOSSIER_CONTOURS.mkdir(parents=True, exist_ok=True)
        fichier = DOSSIER_CONTOURS / "drome.json"
        fichier.write_text(json.dumps(sortie, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.stdout.write(f"{fichier} : {len(sortie['cantons'])} cantons, "
                          f"{len(sortie['centres_communes'])} communes, {fichier.stat().st_size // 1024} Kio.")
