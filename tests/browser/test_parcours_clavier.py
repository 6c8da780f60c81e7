"""Keyboard-only journeys in Debian's Chromium, with and without JavaScript: the main menu on a phone, the
catalogue's filters, the demande form with errors, the footer's newsletter form, an event registration.

No mouse and no element.click()/fill(): the focus only moves with Tab (and Enter, Space, arrows on the focused
control), as a keyboard user's would. Each Tab checks that the focus is visible (an outline or a box-shadow
from the site's :focus-visible style) and that it moved (no keyboard trap). See docs/accessibilite.md.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import ECOUTE_CSP, violations_csp

pytestmark = pytest.mark.browser

TABS_MAX = 250  # more than any page's tab stops before the target: past it, the target is unreachable

# The focused element, whether it matches `selecteur`, and whether its focus indicator shows.
FOCUS = """(selecteur) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { window.__dernierFocus = null; return null; }
  const meme = window.__dernierFocus === el;
  window.__dernierFocus = el;
  const s = getComputedStyle(el);
  const contour = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const ombre = s.boxShadow && s.boxShadow !== "none";
  return {
    html: el.outerHTML.slice(0, 200), id: el.id, tag: el.tagName.toLowerCase(), valeur: el.value ?? null,
    nom: el.getAttribute("name"), href: el.getAttribute("href"),
    correspond: selecteur ? el.matches(selecteur) : false, visible: contour || ombre, meme: meme,
  };
}"""


def focus(onglet, selecteur=None):
    return onglet.evaluate(FOCUS, selecteur)


def tabuler_jusqu_a(onglet, selecteur, touche="Tab"):
    """Press Tab until the focused element matches `selecteur`; every element on the way shows its focus."""
    for _ in range(TABS_MAX):
        onglet.keyboard.press(touche)
        actif = focus(onglet, selecteur)
        if actif is None:  # left the document (past the last tab stop): the next Tab comes back to the top
            continue
        assert not actif["meme"], f"focus bloqué sur {actif['html']} (piège au clavier)"
        assert actif["visible"], f"focus invisible (ni outline ni box-shadow) sur {actif['html']}"
        if actif["correspond"]:
            return actif
    raise AssertionError(f"« {selecteur} » jamais atteint au clavier en {TABS_MAX} Tab")


def saisir(onglet, selecteur, texte):
    tabuler_jusqu_a(onglet, selecteur)
    onglet.keyboard.type(texte)


def valider(onglet, touche="Enter"):
    """Press Enter (or Space) on the focused control and wait for the page it leads to."""
    with onglet.expect_navigation(wait_until="load"):
        onglet.keyboard.press(touche)


def aller(onglet, site_demo, chemin):
    reponse = onglet.goto(site_demo.url + chemin, wait_until="load")
    assert reponse and reponse.status == 200, f"{chemin} : {reponse and reponse.status}"


def parcours_menu_principal_sur_telephone(onglet, site_demo):
    onglet.set_viewport_size({"width": 375, "height": 800})
    aller(onglet, site_demo, "/")
    tabuler_jusqu_a(onglet, "nav[aria-label='Menu principal'] summary")
    onglet.keyboard.press("Enter")
    lien = tabuler_jusqu_a(onglet, "nav[aria-label='Menu principal'] details a")
    valider(onglet)
    assert onglet.url.endswith(lien["href"]), f"{onglet.url} au lieu de {lien['href']}"
    assert onglet.locator("h1").count() == 1
    onglet.set_viewport_size({"width": 1280, "height": 900})


def parcours_filtres_du_catalogue(onglet, site_demo):
    from offres.models import OffreIndexPage

    aller(onglet, site_demo, OffreIndexPage.objects.live().first().url)
    case = tabuler_jusqu_a(onglet, ".catalogue__filtres input[type=checkbox]")
    onglet.keyboard.press("Space")
    assert onglet.evaluate("document.activeElement.checked"), "Espace ne coche pas la facette"
    tabuler_jusqu_a(onglet, ".catalogue__filtres button[type=submit]")
    valider(onglet)
    assert f"{case['nom']}={case['valeur']}" in onglet.url
    resultat = tabuler_jusqu_a(onglet, ".catalogue__resultats .cartes a")
    valider(onglet)
    assert onglet.url.endswith(resultat["href"])


def parcours_formulaire_de_demande_avec_erreurs(onglet, site_demo):
    from demandes.models import DemandeFormPage

    aller(onglet, site_demo, DemandeFormPage.objects.live().first().url)
    tabuler_jusqu_a(onglet, "form.formulaire button[type=submit]")
    valider(onglet)
    if onglet.avec_js:
        assert focus(onglet)["id"] == "resume-erreurs", "après l'envoi, le focus doit être sur le résumé des erreurs"
    lien = tabuler_jusqu_a(onglet, "#resume-erreurs a")
    onglet.keyboard.press("Enter")
    cible = focus(onglet)
    assert cible and "#" + cible["id"] == lien["href"], f"le lien {lien['href']} mène le focus sur {cible}"

    # The first error is the type of collectivité: its first radio ("Commune") has the focus.
    assert cible["valeur"] == "commune"
    onglet.keyboard.press("Space")
    tabuler_jusqu_a(onglet, "select[name=commune]")
    onglet.keyboard.press("ArrowDown")  # the first commune of the list
    saisir(onglet, "input[name=nom]", "Martin")
    saisir(onglet, "input[name=prenom]", "Claire")
    tabuler_jusqu_a(onglet, "select[name=fonction]")
    onglet.keyboard.press("ArrowDown")  # « Maire »
    saisir(onglet, "input[name=email]", "mairie@exemple.fr")
    saisir(onglet, "input[name=titre]", "Rénovation de l'école")
    tabuler_jusqu_a(onglet, "input[name=thematiques]")
    onglet.keyboard.press("Space")
    saisir(onglet, "textarea[name=description]", "L'école consomme trop de fioul.")
    tabuler_jusqu_a(onglet, "form.formulaire button[type=submit]")
    valider(onglet)
    assert onglet.url.endswith("/merci/"), onglet.locator("#resume-erreurs").all_inner_texts()
    assert re.search(r"DEM-\d{4}-\d{5}", onglet.locator("main").inner_text())


def parcours_abonnement_depuis_le_pied_de_page(onglet, site_demo):
    aller(onglet, site_demo, "/")
    saisir(onglet, "footer form.lettre-court input[type=email]", "lecteur.clavier@exemple.fr")
    valider(onglet)
    assert "/lettre/inscription/merci/" in onglet.url


def parcours_inscription_a_un_evenement(onglet, site_demo):
    from agenda import inscriptions
    from agenda.models import EvenementPage

    evenement = next(e for e in EvenementPage.objects.live().order_by("path") if inscriptions.inscriptions_ouvertes(e))
    aller(onglet, site_demo, evenement.url)
    tabuler_jusqu_a(onglet, "form.formulaire-inscription select[name=collectivite]")
    onglet.keyboard.press("ArrowDown")  # the first commune
    saisir(onglet, "form.formulaire-inscription input[name=prenom]", "Claire")
    saisir(onglet, "form.formulaire-inscription input[name=nom]", "Martin")
    saisir(onglet, "form.formulaire-inscription input[name=fonction]", "maire")
    saisir(onglet, "form.formulaire-inscription input[name=email]", "claire.clavier@exemple.fr")
    tabuler_jusqu_a(onglet, "form.formulaire-inscription button[type=submit]")
    valider(onglet)
    assert "/inscription/merci/" in onglet.url
    assert "inscription" in onglet.locator("h1").inner_text().lower() or "attente" in onglet.locator("h1").inner_text()


PARCOURS = [parcours_menu_principal_sur_telephone, parcours_filtres_du_catalogue,
            parcours_formulaire_de_demande_avec_erreurs, parcours_abonnement_depuis_le_pied_de_page,
            parcours_inscription_a_un_evenement]


@pytest.mark.parametrize("avec_js", [True, False], ids=["avec-javascript", "sans-javascript"])
def test_parcours_au_clavier(site_demo, navigateur, avec_js):
    """Every journey in one test per mode: the demo content is restored once (tens of seconds), not per journey.
    Each journey starts in a new tab; a failing one is reported with the others'."""
    contexte = navigateur.new_context(java_script_enabled=avec_js, viewport={"width": 1280, "height": 900},
                                      locale="fr-FR")
    echecs = []
    try:
        for parcours in PARCOURS:
            onglet = contexte.new_page()
            onglet.add_init_script(ECOUTE_CSP)
            onglet.avec_js = avec_js
            try:
                parcours(onglet, site_demo)
                if avec_js:
                    assert not violations_csp(onglet), violations_csp(onglet)
            except (AssertionError, PlaywrightError) as erreur:  # a navigation that never came: a timeout
                echecs.append(f"{parcours.__name__} : {erreur}")
            finally:
                onglet.close()
    finally:
        contexte.close()
    assert not echecs, "\n\n".join(echecs)
