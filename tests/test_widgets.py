"""ListeLongue (site_collectivites/widgets.py) writes the markup of Django's Select, option by option."""

import re

import pytest
from django import forms

from site_collectivites.widgets import ListeLongue

CHOIX = [("", "Choisir"), ("a&b", "Saint-Jean-en-Royans <26>"), ("l'eau", 'Eau "potable"'), (3, "Trois"),
         ("Groupe", [("g1", "Premier"), ("g2", "Second")])]


def _sans_lignes_vides(html):
    return re.sub(r"\n\s*\n", "\n", html)


@pytest.mark.parametrize("valeur", [None, "", "a&b", "l'eau", "3", 3, "g2", "inconnue", ["g1"]])
@pytest.mark.parametrize("attrs", [{"id": "id_x"}, {"id": "id_x", "aria-describedby": "aide erreur", "required": True,
                                                   "disabled": False, "data-filtrable": "Rechercher <une> commune"}])
def test_same_markup_as_djangos_select(valeur, attrs):
    widget = ListeLongue(choices=CHOIX)
    attendu = forms.Select(choices=CHOIX).render("x", valeur, attrs)
    assert _sans_lignes_vides(widget.render("x", valeur, attrs)) == _sans_lignes_vides(attendu)


def test_labels_and_values_are_escaped():
    html = ListeLongue(choices=CHOIX).render("x", "a&b")
    assert '<option value="a&amp;b" selected>Saint-Jean-en-Royans &lt;26&gt;</option>' in html
    assert "<26>" not in html
