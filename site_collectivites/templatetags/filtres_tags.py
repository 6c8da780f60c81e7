"""Template tags of the listings' filter forms."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def options_choix(choix, choisie):
    """The <option> elements of a select box, without separators: `choix` (value, label) pairs, the one whose
    value is `choisie` selected.

    The same HTML as a template loop (`<option value="{{ v }}"{% if v == choisie %} selected{% endif %}>…`),
    which costs some 20 µs per option: the agenda's list of months alone has dozens (2 ms a page)."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((valeur, " selected" if valeur == choisie else "", libelle) for valeur, libelle in choix))
