"""Template tags of the listings' filter forms."""

from django import template
from django.utils.safestring import mark_safe

from site_collectivites.widgets import balise_option

register = template.Library()


@register.simple_tag
def options_choix(choix, choisie):
    """The <option> elements of a select box, without separators: `choix` (value, label) pairs, the one whose
    value is `choisie` selected.

    The same HTML as a template loop (`<option value="{{ v }}"{% if v == choisie %} selected{% endif %}>…`),
    which costs some 20 µs per option: the agenda's list of months alone has dozens (2 ms a page)."""
    return mark_safe("".join(  # nosec B703 B308: balise_option escapes values and labels
        balise_option(valeur, libelle, valeur == choisie) for valeur, libelle in choix))
