"""{% options_choix %}: the same <option> elements as the template loop it replaces, escaped."""

from django.template import engines

BOUCLE = ('{% for valeur, libelle in choix %}<option value="{{ valeur }}"{% if choisie == valeur %} selected{% endif %}>'
          '{{ libelle }}</option>{% endfor %}')


def rendre(source, **contexte):
    return engines["django"].from_string(source).render(contexte)


def test_same_html_as_the_template_loop():
    choix = [("2026-09", "Septembre 2026"), ("a&b", "<Tom & Jerry>"), ('"x"', "L'été")]
    for choisie in ["", "2026-09", "a&b", '"x"', "inconnue"]:
        assert (rendre("{% load filtres_tags %}{% options_choix choix choisie %}", choix=choix, choisie=choisie)
                == rendre(BOUCLE, choix=choix, choisie=choisie))
    assert "&lt;Tom &amp; Jerry&gt;" in rendre("{% load filtres_tags %}{% options_choix choix '' %}", choix=choix)
