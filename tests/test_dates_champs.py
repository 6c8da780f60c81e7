"""Every date and date-time field of the site's models, as the admin builds its form field, reads jj/mm/aaaa (and
ISO), shows jj/mm/aaaa and refuses, with a French message, what it cannot read: a new model's date field is
covered without a change here (the edit forms as a rédactrice: tests/test_dates_admin.py; the browser side:
tests/browser/test_dates_admin.py)."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

APPS_DU_SITE = {"offres", "agenda", "newsletter", "demandes", "site_collectivites", "taxonomie", "territoire", "bilan"}


def champs_de_date():
    for modele in apps.get_models():
        if modele._meta.app_label not in APPS_DU_SITE:
            continue
        for champ in modele._meta.get_fields():
            if isinstance(champ, (models.DateField, models.DateTimeField)) and champ.editable:
                yield pytest.param(champ, id=f"{modele.__name__}.{champ.name}")


@pytest.mark.parametrize("champ", list(champs_de_date()))
def test_every_date_field_reads_and_shows_french_dates(champ):
    champ_de_formulaire = formfield_for_dbfield(champ)
    if isinstance(champ, models.DateTimeField):
        assert isinstance(champ_de_formulaire.widget, AdminDateTimeInput)
        attendu = timezone.make_aware(datetime.datetime(2027, 3, 31, 9, 30))
        assert champ_de_formulaire.clean("31/03/2027 09:30") == attendu
        assert champ_de_formulaire.clean("2027-03-31 09:30") == attendu
        assert champ_de_formulaire.widget.format_value(attendu) == "31/03/2027 09:30"
        message = "Saisissez une date et une heure valides."
        invalides = ("31/02/2027 25:00", "32/13/2027 10:00", "demain")
    else:
        assert isinstance(champ_de_formulaire.widget, AdminDateInput)
        assert champ_de_formulaire.clean("31/03/2027") == datetime.date(2027, 3, 31)
        assert champ_de_formulaire.clean("2027-03-31") == datetime.date(2027, 3, 31)
        assert champ_de_formulaire.widget.format_value(datetime.date(2027, 3, 31)) == "31/03/2027"
        message = "Saisissez une date valide."
        invalides = ("32/13/2027", "31/02/2027", "demain")
    for valeur in invalides:
        with pytest.raises(ValidationError) as erreur:
            champ_de_formulaire.clean(valeur)
        assert erreur.value.messages == [message], valeur


def test_the_list_covers_the_fields_staff_type():
    noms = {param.id for param in champs_de_date()}
    assert {"AidePage.date_limite", "EvenementPage.debut", "EvenementPage.fin", "ActualitePage.date_publication"} <= noms
