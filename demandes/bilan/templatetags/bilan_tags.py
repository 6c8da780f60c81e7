from django import template
from django.utils.formats import number_format

from demandes.bilan.graphiques import barres, carte_des_cantons

register = template.Library()


@register.filter
def pourcent(valeur):
    """70.2 → « 70,2 % »; None (nothing to divide by) → « – »."""
    if valeur is None:
        return "–"
    return f"{number_format(valeur, decimal_pos=0 if float(valeur).is_integer() else 1)}\u00a0%"


@register.filter
def nombre_de(valeur, nom):
    """3, "demande" → « 3 demandes »; 0 and 1 are singular in French (Django's pluralize makes 0 plural)."""
    return f"{valeur}\u00a0{nom}{'s' if abs(valeur) > 1 else ''}"


@register.filter
def jours(valeur):
    """3.5 → « 3,5 jours », 1 → « 1 jour »; None (nothing measured) → « – »."""
    if valeur is None:
        return "–"
    texte = number_format(valeur, decimal_pos=0 if float(valeur).is_integer() else 1)
    return f"{texte}\u00a0jour{'s' if valeur >= 2 else ''}"


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


@register.inclusion_tag("bilan/includes/carte_cantons.html")
def carte_cantons(cantons, annee):
    """The choropleth of the demandes by canton (`cantons`: the rows of the canton chart, with their `url`)."""
    return {"carte": carte_des_cantons(cantons), "titre": f"Carte des demandes par canton en {annee}"}
