"""The réalisations on a map of the Drôme: one point per commune of the listing's results (filtered like it).

The map is drawn on the server from the shipped contours (site_collectivites/territoire/geographie.py); a point
is a link (to the réalisation, or to the commune's entry in the list under the map when it has several), and the
list names every réalisation by commune: the map is never the only way to find one. A réalisation whose maître
d'ouvrage is an EPCI or a syndicat without a commune, or a commune the contours do not know, is in the list only.
"""

from site_collectivites.cache import par_generation
from site_collectivites.territoire import geographie

from .models import RealisationPage


def _lieux(liste):
    """{pk: (insee, commune, title, slug)} of the listing's live réalisations, read once per generation."""
    def lire():
        return {pk: (insee or "", nom or "", titre, slug) for pk, insee, nom, titre, slug in
                RealisationPage.objects.live().public().child_of(liste)
                .values_list("pk", "commune__insee", "commune__nom", "title", "slug")}

    return par_generation.valeur(par_generation.cle("carte-realisations", liste.pk), lire)


def carte(liste, url_liste, pks):
    """What the map and its list show for the réalisations `pks` (the listing's results, every page of them)."""
    lieux = _lieux(liste)
    par_commune, sans_commune = {}, []
    for pk in pks:
        if pk not in lieux:
            continue
        insee, nom, titre, slug = lieux[pk]
        realisation = {"titre": titre, "url": f"{url_liste}{slug}/"}
        if insee:
            par_commune.setdefault((nom, insee), []).append(realisation)
        else:
            sans_commune.append(realisation)
    communes, points = [], []
    for (nom, insee), realisations in sorted(par_commune.items()):
        commune = {"nom": nom, "insee": insee, "realisations": realisations, "ancre": f"commune-{insee}"}
        communes.append(commune)
        position = geographie.point_de_commune(insee)
        if position is not None:
            nombre = len(realisations)
            points.append({**commune, "x": position[0], "y": position[1], "rayon": min(6 + 2 * (nombre - 1), 14),
                           "url": realisations[0]["url"] if nombre == 1 else f"#commune-{insee}",
                           "libelle": f"{nom} : {nombre} réalisation{'s' if nombre > 1 else ''}"})
    fond = geographie.fond_de_carte()
    return {"largeur": fond["largeur"], "hauteur": fond["hauteur"], "departement": fond["departement"],
            "cantons": list(fond["cantons"].values()), "points": points, "communes": communes,
            "sans_commune": sans_commune, "credit": geographie.CREDIT}
