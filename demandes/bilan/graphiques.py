"""Bar charts drawn on the server as SVG: no JavaScript, and each comes with its data table.

The bars carry their label and value as text, so colour is never the only carrier of meaning.
"""

LARGEUR = 640
LARGEUR_BARRES = 480
HAUTEUR_LIGNE = 44


def barres(serie):
    """Geometry of a horizontal bar chart for a series of {"libelle", "nombre", …} rows."""
    maximum = max((ligne["nombre"] for ligne in serie), default=0) or 1
    lignes = []
    for i, ligne in enumerate(serie):
        largeur = round(LARGEUR_BARRES * ligne["nombre"] / maximum, 1)
        y = i * HAUTEUR_LIGNE
        lignes.append({**ligne, "y_texte": y + 15, "y_barre": y + 21, "largeur": largeur,
                       "x_valeur": largeur + 8, "y_valeur": y + 34})
    return {"lignes": lignes, "largeur": LARGEUR, "hauteur": max(len(serie), 1) * HAUTEUR_LIGNE}
