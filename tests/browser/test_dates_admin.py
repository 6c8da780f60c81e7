"""Dates typed the French way in the admin, in a real browser: kept as typed, saved as meant, and a date the
site cannot read refused beside the field with the typed text kept (static/js/admin-dates.js, WAGTAIL_DATE_FORMAT,
docs/contenu.md). Before: « 31/03/2027 » became today's date on Tab and was saved without a message."""

import datetime

import pytest

from tests.browser.test_accessibilite import HAUTEUR, MOT_DE_PASSE_ADMIN, _connexion_admin

pytestmark = pytest.mark.browser


def _editer(onglet, url_serveur, page):
    onglet.goto(f"{url_serveur}/admin/pages/{page.pk}/edit/", wait_until="load")
    onglet.wait_for_timeout(300)  # the editor's scripts build the form after load


def _taper(onglet, selecteur, texte):
    champ = onglet.locator(selecteur)
    champ.click()
    champ.press("Control+A")
    champ.press("Backspace")
    champ.press_sequentially(texte)
    champ.press("Tab")
    onglet.wait_for_timeout(300)  # the picker's blur handlers
    return champ.input_value()


def _enregistrer_brouillon(onglet):
    with onglet.expect_navigation():
        onglet.locator("button.action-save").first.click()
    onglet.wait_for_load_state("load")


def test_an_aid_deadline_typed_the_french_way_stays_and_is_saved(site_demo, navigateur):
    from django.contrib.auth.models import User

    from offres.models import AidePage

    User.objects.create_superuser("admin-dates", "admin-dates@ladrome.example", MOT_DE_PASSE_ADMIN)
    aide = AidePage.objects.filter(calendrier="date_limite").first()
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = _connexion_admin(contexte, site_demo.url, "admin-dates")
        _editer(onglet, site_demo.url, aide)
        # The stored date is shown the French way.
        assert onglet.locator("#id_date_limite").input_value() == aide.date_limite.strftime("%d/%m/%Y")
        assert _taper(onglet, "#id_date_limite", "31/03/2027") == "31/03/2027"
        _enregistrer_brouillon(onglet)
        assert AidePage.objects.get(pk=aide.pk).get_latest_revision_as_object().date_limite == datetime.date(2027, 3, 31)
        assert onglet.locator("#id_date_limite").input_value() == "31/03/2027"

        # A date that does not exist: kept as typed, refused beside the field, nothing saved.
        assert _taper(onglet, "#id_date_limite", "32/13/2027") == "32/13/2027"
        _enregistrer_brouillon(onglet)
        assert onglet.locator("#id_date_limite").input_value() == "32/13/2027"
        erreur = onglet.locator("[data-field-wrapper]:has(#id_date_limite) .error-message, "
                                "[data-field-wrapper]:has(#id_date_limite) [id$='-errors']")
        assert "Saisissez une date valide" in erreur.first.inner_text()
        assert AidePage.objects.get(pk=aide.pk).get_latest_revision_as_object().date_limite == datetime.date(2027, 3, 31)

        # ISO is read too.
        assert _taper(onglet, "#id_date_limite", "2027-04-15") == "2027-04-15"
        _enregistrer_brouillon(onglet)
        assert AidePage.objects.get(pk=aide.pk).get_latest_revision_as_object().date_limite == datetime.date(2027, 4, 15)
        assert onglet.locator("#id_date_limite").input_value() == "15/04/2027"
    finally:
        contexte.close()


def test_an_event_start_typed_the_french_way_is_saved_in_paris_time(site_demo, navigateur):
    from django.contrib.auth.models import User
    from django.utils import timezone

    from agenda.models import EvenementPage

    User.objects.create_superuser("admin-dates2", "admin-dates2@ladrome.example", MOT_DE_PASSE_ADMIN)
    evenement = EvenementPage.objects.filter(debut__gt=timezone.now()).first()
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = _connexion_admin(contexte, site_demo.url, "admin-dates2")
        _editer(onglet, site_demo.url, evenement)
        assert onglet.locator("#id_debut").input_value() == timezone.localtime(evenement.debut).strftime("%d/%m/%Y %H:%M")
        fin = timezone.localtime(evenement.fin)
        nouveau_debut = (fin - datetime.timedelta(hours=2)).strftime("%d/%m/%Y %H:%M")
        assert _taper(onglet, "#id_debut", nouveau_debut) == nouveau_debut
        _enregistrer_brouillon(onglet)
        enregistre = EvenementPage.objects.get(pk=evenement.pk).get_latest_revision_as_object().debut
        assert timezone.localtime(enregistre).strftime("%d/%m/%Y %H:%M") == nouveau_debut
        assert _taper(onglet, "#id_debut", "31/02/2027 25:00") == "31/02/2027 25:00"
        _enregistrer_brouillon(onglet)
        assert onglet.locator("#id_debut").input_value() == "31/02/2027 25:00"
        assert "Saisissez une date et une heure valides" in onglet.content()
    finally:
        contexte.close()
