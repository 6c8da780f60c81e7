"""Form widgets of the public forms, and the admin's date pickers (`dates_tapees_gardees`)."""

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class ListeLongue(forms.Select):
    """A <select> for long lists (every commune, EPCI and offer of the Drôme), with the HTML of Django's Select.

    Django renders each <option> through a template include: with the 2,000 offers of the large dataset, the
    request form took half a second to render, for a page that is never served from the page cache (it carries
    a CSRF token). Here the options are written by Python, every value and label escaped: the same markup (less
    Django's blank lines) in a few milliseconds.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]  # name, attrs, value: no options
        choisies = set(widget["value"])
        morceaux = [format_html('<select name="{}"{}>', widget["name"], _attributs(widget["attrs"]))]
        for valeur, libelle in self.choices:
            if isinstance(libelle, (list, tuple)):
                morceaux.append(format_html('\n  <optgroup label="{}">', valeur))
                morceaux.extend(_option(v, lib, choisies) for v, lib in libelle)
                morceaux.append("\n  </optgroup>")
            else:
                morceaux.append(_option(valeur, libelle, choisies))
        morceaux.append("\n</select>")
        return mark_safe("".join(morceaux))  # nosec B703 B308: values and labels escaped by _option


def _attributs(attrs):
    """Django's attrs.html, in the same order: True gives the bare name, False leaves the attribute out."""
    return mark_safe("".join(  # nosec B703 B308: names are ours, values escaped
        f" {nom}" if valeur is True else f' {nom}="{escape(valeur)}"' for nom, valeur in attrs.items() if valeur is not False
    ))


def _option(valeur, libelle, choisies):
    valeur = "" if valeur is None else str(valeur)
    return "\n  " + balise_option(valeur, libelle, valeur in choisies)


def balise_option(valeur, libelle, choisie):
    """One <option> element, value and label escaped: shared by this widget and the listings' filter forms
    (`{% options_choix %}`), which both write long lists of options without a template per option."""
    selection = " selected" if choisie else ""
    return f'<option value="{escape(valeur)}"{selection}>{escape(libelle)}</option>'


def dates_tapees_gardees():
    """Wagtail's date, date-time and time pickers leave what the editor typed as it is (SiteCollectivitesConfig.ready).

    The picker (xdsoft's jQuery datetimepicker, wagtailadmin/js/vendor/jquery.datetimepicker.js) validates the
    field when it loses focus (`validateOnBlur`, on by default): a value it cannot parse with its format is
    replaced by the current date, and an impossible one (32/13/2027) is rolled over to another real date
    (01/02/2028). `31/03/2027` typed in the « Date limite de dépôt » of an aid became today's date on Tab, and was
    saved without a word. Off, the field keeps what was typed, and the server reads it (DATE_INPUT_FORMATS of
    French, and ISO) or says beside the field that it is not a date. Every Wagtail date widget takes its picker's
    options from `get_config()`, both in a form's HTML (initDateChooser) and in a StreamField (telepath): one
    option added there reaches every date field of the admin.
    """
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

    for classe in (AdminDateInput, AdminDateTimeInput, AdminTimeInput):
        if getattr(classe.get_config, "garde_la_saisie", False):
            continue
        configuration_de_wagtail = classe.get_config

        def get_config(self, _configuration_de_wagtail=configuration_de_wagtail):
            return {**_configuration_de_wagtail(self), "validateOnBlur": False}

        get_config.garde_la_saisie = True
        classe.get_config = get_config
