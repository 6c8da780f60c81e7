from django import template
from django.utils.formats import number_format

from demandes.bilan.graphiques import barres

register = template.Library()


@register.filter
def pourcent(valeur):
    """70.2 → « 70,2 % »; None (nothing to divide by) → « – »."""
    if valeur is None:
        return "–"
    return f"{number_format(valeur, decimal_pos=0 if float(valeur).is_integer() else 1)}\u00a0%"


@register.filter
def evolution(valeur):
    """17.0 → « +17 % », -3.5 → « −3,5 % »."""
    if valeur is None:
        return "–"
    signe = "+" if valeur > 0 else ("−" if valeur < 0 else "")
    return f"{signe}{pourcent(abs(valeur))}"


@register.inclusion_tag("bilan/includes/graphique.html")
def graphique(serie, titre, identifiant, entete="Libellé", liens=False):
    """A bar chart and its data table (`liens`: the rows carry an `url`, shown as links in the table)."""
    return {"graphique": barres(serie), "titre": titre, "identifiant": identifiant, "entete": entete,
            "liens": liens}
