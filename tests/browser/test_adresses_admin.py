"""The slug the admin writes from a French title, in Debian's Chromium (issue #22, item 1; docs/contenu.md
« Adresses des pages »): Wagtail's w-slug field with our formatters, as a rédactrice types the title."""

import pytest

from tests.browser.test_dates_admin import connexion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_le_titre_tape_donne_une_adresse_ascii(site_demo, navigateur):
    from wagtail.models import Site

    accueil = Site.objects.get(is_default_site=True).root_page
    contexte, onglet = connexion(navigateur, site_demo.url)
    try:
        onglet.goto(f"{site_demo.url}/admin/pages/add/site_collectivites/standardpage/{accueil.pk}/", wait_until="load")
        onglet.locator("#id_title").press_sequentially("L'éclairage public de la mairie d'Étoile", delay=10)
        onglet.locator("#id_title").press("Tab")
        # The admin's CSP forbids Playwright's wait_for_function (an eval): a fixed pause for Wagtail's w-sync.
        onglet.wait_for_timeout(500)
        assert onglet.locator("#id_slug").input_value() == "l-eclairage-public-de-la-mairie-d-etoile"
        # Typed by hand in the slug field (« Promotion » tab), then left: folded, not cut.
        onglet.locator("[role=tab][href='#tab-promotion'], [role=tab]:has-text('Promotion')").first.click()
        slug = onglet.locator("#id_slug")
        slug.fill("")
        slug.press_sequentially("Œuvres d’art à l’école", delay=10)
        slug.press("Tab")
        onglet.wait_for_timeout(300)  # the blur handler has run
        assert slug.input_value() == "oeuvres-d-art-a-l-ecole"
    finally:
        contexte.close()
