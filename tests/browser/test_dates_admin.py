"""Dates typed the French way in the admin, in Debian's Chromium (issue #22, item 2; docs/contenu.md « Dates dans
l'administration »).

A rédactrice edits an aid of the demo site and types its « Date limite de dépôt » with the keyboard, as she
would: `31/03/2027` then Tab stays `31/03/2027` (Wagtail's picker used to replace it by today's date), and is
saved as 2027-03-31; `32/13/2027` then Tab stays too, and the save answers with a French error beside the field,
the typed value still there. Same for an event's start, a date and time. Server side for every date field:
tests/test_dates_admin.py.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOT_DE_PASSE = "un-mot-de-passe-solide-2026"


def connexion(navigateur, url_serveur):
    from django.contrib.auth.models import Group, User

    redactrice = User.objects.create_user("redactrice.dates", "redactrice@ladrome.example", MOT_DE_PASSE)
    redactrice.groups.add(Group.objects.get(name="Rédacteurs"))
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    onglet = contexte.new_page()
    onglet.goto(url_serveur + "/admin/login/")
    onglet.fill("#id_username", "redactrice.dates")
    onglet.fill("#id_password", MOT_DE_PASSE)
    with onglet.expect_navigation():
        onglet.locator("form button[type=submit]").first.click()
    return contexte, onglet


def taper(onglet, selecteur, texte):
    """Click in the field, select what it holds, type `texte` key by key, then Tab to the next field."""
    champ = onglet.locator(selecteur)
    champ.click()
    champ.press("Control+a")
    champ.press_sequentially(texte, delay=20)
    champ.press("Tab")
    onglet.wait_for_timeout(300)  # the picker's blur handlers have run
    return champ.input_value()


def enregistrer_le_brouillon(onglet):
    with onglet.expect_navigation():
        onglet.locator("button.action-save").first.click()


def ouvrir_le_champ(onglet, url_serveur, page, selecteur):
    onglet.goto(f"{url_serveur}/admin/pages/{page.pk}/edit/", wait_until="load")
    champ = onglet.locator(selecteur)
    if not champ.is_visible():  # in another tab of the editor
        onglet.locator(f"[role=tab][aria-controls='{champ.evaluate('e => e.closest(`[role=tabpanel]`).id')}']").click()
    return champ


def test_une_date_tapee_a_la_francaise_reste_et_s_enregistre(site_demo, navigateur):
    from offres.models import AidePage
    from offres.models.aides import Calendrier

    aide = AidePage.objects.live().filter(calendrier=Calendrier.DATE_LIMITE).first()
    assert aide is not None, "la démo doit avoir une aide à date limite"
    contexte, onglet = connexion(navigateur, site_demo.url)
    try:
        ouvrir_le_champ(onglet, site_demo.url, aide, "#id_date_limite")
        assert taper(onglet, "#id_date_limite", "31/03/2027") == "31/03/2027"
        enregistrer_le_brouillon(onglet)
        assert onglet.locator("#id_date_limite").input_value() == "31/03/2027"
        assert AidePage.objects.get(pk=aide.pk).get_latest_revision_as_object().date_limite == datetime.date(2027, 3, 31)

        assert taper(onglet, "#id_date_limite", "32/13/2027") == "32/13/2027"
        enregistrer_le_brouillon(onglet)
        champ = onglet.locator("#id_date_limite")
        assert champ.input_value() == "32/13/2027"  # kept as typed
        erreur = onglet.locator("[data-field-wrapper]", has=champ).locator(".error-message")
        assert erreur.inner_text().strip() == "Saisissez une date valide."
        assert champ.get_attribute("aria-invalid") == "true" or erreur.is_visible()
        assert AidePage.objects.get(pk=aide.pk).get_latest_revision_as_object().date_limite == datetime.date(2027, 3, 31)
    finally:
        contexte.close()


def test_une_date_et_heure_tapee_a_la_francaise_reste_et_s_enregistre(site_demo, navigateur):
    from agenda.models import EvenementPage

    evenement = EvenementPage.objects.live().order_by("-debut").first()
    contexte, onglet = connexion(navigateur, site_demo.url)
    try:
        ouvrir_le_champ(onglet, site_demo.url, evenement, "#id_debut")
        assert taper(onglet, "#id_debut", "15/04/2027 14:30") == "15/04/2027 14:30"
        assert taper(onglet, "#id_fin", "15/04/2027 17:00") == "15/04/2027 17:00"
        onglet.locator("#id_date_limite_inscription").fill("")
        enregistrer_le_brouillon(onglet)
        brouillon = EvenementPage.objects.get(pk=evenement.pk).get_latest_revision_as_object()
        assert brouillon.debut == datetime.datetime(2027, 4, 15, 14, 30, tzinfo=ZoneInfo("Europe/Paris"))
        assert onglet.locator("#id_debut").input_value() == "15/04/2027 14:30"
    finally:
        contexte.close()
