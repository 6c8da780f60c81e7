"""Bar charts of the bilan in HTML: a list whose rows give their label and value as text, each with a bar.

Text in HTML wraps within the screen's width, so labels and values never overlap, from 320 px (an SVG drawn
to a fixed width shrank its text with it, or made it collide). The bars are small inline SVGs (no JavaScript,
no inline style: the Content Security Policy allows none) whose width is the share of the longest bar; the
label and the value carry the meaning, never the colour alone.
"""


def barres(serie):
    """The rows of a horizontal bar chart for a series of {"libelle", "nombre", …}: each with `proportion`, the
    length of its bar in % of the largest value."""
    maximum = max((ligne["nombre"] for ligne in serie), default=0) or 1
    return {"lignes": [{**ligne, "proportion": round(100 * ligne["nombre"] / maximum, 1)} for ligne in serie]}
