"""Bar charts of the bilan in HTML, and its map of the cantons.

Bar charts: a list whose rows give their label and value as text, each with a bar.

Text in HTML wraps within the screen's width, so labels and values never overlap, from 320 px (an SVG drawn
to a fixed width shrank its text with it, or made it collide). The bars are small inline SVGs (no JavaScript,
no inline style: the Content Security Policy allows none) whose width is the share of the longest bar; the
label and the value carry the meaning, never the colour alone.

The map of the cantons (a choropleth) is an SVG drawn on the server from the shipped contours
(site_collectivites/territoire/geographie.py): each canton a link to its page named with its figure, a legend,
and the chart and table of the same figures beside it: the map is never the only way to read them.
"""

from site_collectivites.territoire import geographie


def barres(serie):
    """The rows of a horizontal bar chart for a series of {"libelle", "nombre", …}: each with `proportion`, the
    length of its bar in % of the largest value."""
    maximum = max((ligne["nombre"] for ligne in serie), default=0) or 1
    return {"lignes": [{**ligne, "proportion": round(100 * ligne["nombre"] / maximum, 1)} for ligne in serie]}


def carte_des_cantons(cantons):
    """{"largeur", "hauteur", "departement", "zones": [{code, libelle, nombre, url, d, classe}], "legende"} for
    the rows of the canton chart; a canton the contours do not know (a code the reference lost) is left out
    of the map, never out of the table."""
    fond = geographie.fond_de_carte()
    bornes = geographie.classes([ligne["nombre"] for ligne in cantons])
    zones = [{**ligne, "d": fond["cantons"][ligne["cle"]], "classe": geographie.classe_de(ligne["nombre"], bornes)}
             for ligne in cantons if ligne["cle"] in fond["cantons"]]
    return {"largeur": fond["largeur"], "hauteur": fond["hauteur"], "departement": fond["departement"],
            "zones": zones, "legende": geographie.legende(bornes), "credit": geographie.CREDIT}
