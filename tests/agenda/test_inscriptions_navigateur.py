"""The registration form of the demo site in Chromium, audited by axe-core (WCAG 2.1 A/AA) with the harness of
tests/browser, before and after a submission with errors (the page itself has no JavaScript).

The harness audits the first event page of the demo, which is a past one without the form: this module audits the
upcoming event that takes registrations, in its two states. It reuses the harness's fixtures (demo site built once
for the module, database snapshot put back afterwards).
"""

import pytest

from tests.browser.conftest import etats_de_la_base, navigateur, site_demo  # noqa: F401  (fixtures)
from tests.browser.conftest import injecter_axe, violations_csp
from tests.browser.test_accessibilite import AXE_RUN, AXE_TAGS, HAUTEUR, _auditer, _rapport_axe

pytestmark = pytest.mark.browser

CHEMIN = "/agenda/rencontre-revitalisation-centres-bourgs/"


def test_registration_form_and_its_error_state_are_accessible(site_demo, navigateur):  # noqa: F811
    echecs = []
    for largeur in (375, 1280):
        contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
        try:
            onglet = contexte.new_page()
            echecs += [f"formulaire, {largeur} px : {p}" for p in _auditer(onglet, site_demo.url + CHEMIN, 200)]
            assert onglet.locator("form.formulaire-inscription").count() == 1
            # Submit with an invalid e-mail and nothing else: the page comes back with the errors.
            onglet.fill("#id_email", "pas-une-adresse")
            with onglet.expect_navigation():
                onglet.get_by_role("button", name="S'inscrire").click()
            resume = onglet.get_by_role("alert")
            assert resume.count() == 1 and "erreur" in resume.inner_text()
            assert onglet.locator("[aria-invalid=true]").count() >= 4
            assert onglet.locator("#id_email").input_value() == "pas-une-adresse"
            # axe on the error state as it is (the harness's _auditer would load the URL again, with a GET)
            injecter_axe(onglet)
            echecs += [f"erreurs, {largeur} px : {p}" for p in _rapport_axe(onglet.evaluate(AXE_RUN, AXE_TAGS))]
            echecs += [f"erreurs, {largeur} px : {p}" for p in violations_csp(onglet)]
        finally:
            contexte.close()
    assert not echecs, "\n".join(echecs)
