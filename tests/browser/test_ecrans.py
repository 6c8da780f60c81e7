"""What people see on a phone and a desktop (#19 items 2 and 8), measured in Debian's Chromium on the demo site.

- No page is wider than the screen, from 320 px: every page type of tests/browser/test_accessibilite.py (one live
  page of each page model, and the views that are not pages), at 320, 375 and 1280 px. A table wider than its
  box scrolls in it, with the visible cue of site.css (a shadow at the edge where more is hidden).
- The bilan's charts: no two text boxes intersect, no text leaves the screen, at 320 and 1280 px.
- The listings' filters fold behind one « Filtrer » control on a phone, so that the first result is near the
  top; on a desktop they are shown without a click.
- Screenshots of every page type at 375 and 1280 px, full page, in var/screenshots/ecrans/ (not committed), to
  look at all of them in one place (docs/accessibilite.md § Screenshots).
"""

import re

import pytest

from tests.browser.conftest import DOSSIER_CAPTURES
from tests.browser.test_accessibilite import HAUTEUR, _pages_a_auditer

pytestmark = pytest.mark.browser

LARGEURS = (320, 375, 1280)
LARGEURS_CAPTURES = (375, 1280)
DOSSIER_ECRANS = DOSSIER_CAPTURES / "ecrans"

# What sticks out of the screen: the page's own width, and the elements whose box passes the right edge without
# a scrolling box (overflow-x auto or scroll) to hold them. Tables wider than their scrolling box must carry the
# cue (a background gradient: the edge shadow).
DEBORDEMENTS = """() => {
  const largeur = document.documentElement.clientWidth;
  const defilant = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll") return p; } return null; };
  const decrire = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const dehors = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= largeur + 1 || defilant(el)) continue;
    if (getComputedStyle(el).position === "fixed" || el.closest(".sr-only, .visually-hidden, [hidden]")) continue;
    dehors.push(decrire(el) + " → " + Math.round(r.right) + " px");
  }
  const tableauxSansIndice = [];
  for (const table of document.querySelectorAll("main table")) {
    const boite = defilant(table);
    if (boite && table.offsetWidth > boite.clientWidth + 1 && !getComputedStyle(boite).backgroundImage.includes("gradient"))
      tableauxSansIndice.push(decrire(boite));
  }
  return {largeurPage: document.documentElement.scrollWidth, largeur, dehors: dehors.slice(0, 8), tableauxSansIndice};
}"""

# Every text box of the bilan's charts (one per line of text), with the chart it belongs to.
BOITES_DE_TEXTE = """() => {
  const boites = [];
  document.querySelectorAll(".bilan-graphique .barres").forEach((graphique, g) => {
    const marcheur = document.createTreeWalker(graphique, NodeFilter.SHOW_TEXT);
    for (let n = marcheur.nextNode(); n; n = marcheur.nextNode()) {
      if (!n.textContent.trim()) continue;
      const plage = document.createRange(); plage.selectNodeContents(n);
      for (const r of plage.getClientRects())
        boites.push({g, texte: n.textContent.trim().slice(0, 40), x1: r.left, y1: r.top, x2: r.right, y2: r.bottom,
                     taille: parseFloat(getComputedStyle(n.parentElement).fontSize)});
    }
  });
  return {boites, largeur: document.documentElement.clientWidth};
}"""

# A result card of every listing (offers, aids and réalisations are .carte; events and news their own).
CARTE = "main .carte, main .evenement, main .actualite"
LISTES = {
    "catalogue": "/offre-ingenierie/",
    "aides": "/aides-financieres/",
    "réalisations": "/realisations/",
    "agenda": "/agenda/",
    "actualités": "/actualites/",
}


def _nom_de_fichier(libelle):
    return re.sub(r"[^a-z0-9]+", "-", libelle.lower()).strip("-")[:80]


def _pages_du_demandeur(url_serveur):
    """The requester's private page (a closed demande, its steps and partner) and the « utile ? » form."""
    from urllib.parse import urlsplit

    from demandes import demandeur
    from demandes.models import Demande, Statut

    close = Demande.objects.filter(statut=Statut.CLOSE, anonymisee_le__isnull=True).order_by("-pk").first()
    return [("suivi du demandeur", url_serveur + urlsplit(demandeur.url_page(close)).path, 200),
            ("avis du demandeur", url_serveur + urlsplit(demandeur.url_avis(close)).path + "?reponse=tres_utile", 200)]


def test_no_page_is_wider_than_the_screen_and_every_page_type_is_captured(site_demo, navigateur):
    cibles, _ = _pages_a_auditer(site_demo.url)
    cibles += [("bilan par canton", site_demo.url + "/bilan/canton/le-diois/?annee=2025", 200),
               ("partenaire", site_demo.url + "/offre-ingenierie/partenaires/caue/", 200)]
    cibles += _pages_du_demandeur(site_demo.url)
    DOSSIER_ECRANS.mkdir(parents=True, exist_ok=True)
    echecs = []
    for largeur in LARGEURS:
        contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
        try:
            onglet = contexte.new_page()
            for libelle, url, _statut in cibles:
                onglet.goto(url, wait_until="load")
                mesure = onglet.evaluate(DEBORDEMENTS)
                if mesure["largeurPage"] > mesure["largeur"] or mesure["dehors"]:
                    echecs.append(f"{libelle} à {largeur} px : page de {mesure['largeurPage']} px ; "
                                  f"dépassent : {mesure['dehors']}")
                if mesure["tableauxSansIndice"]:
                    echecs.append(f"{libelle} à {largeur} px : tableau qui défile sans indice visible : "
                                  f"{mesure['tableauxSansIndice']}")
                if largeur in LARGEURS_CAPTURES:
                    onglet.screenshot(path=str(DOSSIER_ECRANS / f"{_nom_de_fichier(libelle)}-{largeur}px.png"),
                                      full_page=True)
        finally:
            contexte.close()
    assert not echecs, "\n".join(echecs)
    assert len(list(DOSSIER_ECRANS.glob("*-375px.png"))) >= len(cibles) - 2  # two labels may share a file name


def _intersections(boites):
    paires = []
    for i, a in enumerate(boites):
        for b in boites[i + 1:]:
            if a["g"] == b["g"] and min(a["x2"], b["x2"]) - max(a["x1"], b["x1"]) > 0.5 \
                    and min(a["y2"], b["y2"]) - max(a["y1"], b["y1"]) > 0.5:
                paires.append((a["texte"], b["texte"]))
    return paires


@pytest.mark.parametrize("largeur", [320, 1280])
def test_the_bilan_charts_read_without_overlap(site_demo, navigateur, largeur):
    contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        for chemin in ("/bilan/?annee=2025", "/bilan/canton/le-diois/?annee=2025"):
            onglet.goto(site_demo.url + chemin, wait_until="load")
            mesure = onglet.evaluate(BOITES_DE_TEXTE)
            boites = mesure["boites"]
            assert len(boites) >= 18, chemin  # a label and a value per row (9 thématiques at least)
            assert _intersections(boites) == [], (chemin, largeur)
            assert [b["texte"] for b in boites if b["x2"] > mesure["largeur"] + 0.5 or b["x1"] < 0] == []
            assert min(b["taille"] for b in boites) >= 14  # no text shrunk with a drawing
            # The data tables are folded under each chart, and open with one click.
            donnees = onglet.locator(".bilan-donnees").first
            assert not donnees.locator("table").is_visible()
            donnees.locator("summary").click()
            assert donnees.locator("table").is_visible()
    finally:
        contexte.close()


def test_on_a_phone_the_filters_fold_and_the_results_come_first(site_demo, navigateur):
    contexte = navigateur.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        for nom, chemin in LISTES.items():
            onglet.goto(site_demo.url + chemin, wait_until="load")
            repli = onglet.locator("details.repli-filtres")
            bouton = repli.locator(".repli-filtres__bouton")
            assert bouton.is_visible() and bouton.inner_text().startswith("Filtrer"), nom
            champ = repli.locator("input, select").first
            assert not champ.is_visible(), nom
            premier = onglet.locator(CARTE).first.bounding_box()
            assert premier["y"] < 812, (nom, premier)  # the first result on the first screen
            bouton.click()
            assert champ.is_visible(), nom
    finally:
        contexte.close()


def test_on_a_desktop_the_filters_are_shown_without_a_click(site_demo, navigateur):
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        for nom, chemin in LISTES.items():
            onglet.goto(site_demo.url + chemin, wait_until="load")
            repli = onglet.locator("details.repli-filtres")
            assert not repli.locator(".repli-filtres__bouton").is_visible(), nom
            assert repli.locator("input, select").first.is_visible(), nom
            # Filtering still works from there.
            repli.locator("button[type=submit]").first.click()
            onglet.wait_for_load_state("load")
            assert onglet.locator(CARTE).count() > 0, nom
    finally:
        contexte.close()


@pytest.mark.parametrize("largeur", [1024, 1280])
def test_the_main_menu_holds_on_one_line_and_the_typeface_is_loaded(site_demo, navigateur, largeur):
    """#19 item 4: the header's menu on one line from 1024 px; the site's own typeface, self-hosted."""
    contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        polices = []
        onglet.on("response", lambda r: polices.append(r.url) if r.url.endswith(".woff2") else None)
        onglet.goto(site_demo.url + "/", wait_until="load")
        entrees = onglet.locator(".menu__large .menu__liste > li")
        assert entrees.count() >= 7
        hauts = {round(entrees.nth(i).bounding_box()["y"]) for i in range(entrees.count())}
        assert len(hauts) == 1, f"menu sur {len(hauts)} lignes à {largeur} px"
        onglet.evaluate("document.fonts.ready")
        assert onglet.evaluate("""() => document.fonts.check('16px "Atkinson Hyperlegible Next"')
                                  && getComputedStyle(document.body).fontFamily.startsWith('"Atkinson Hyperlegible Next"')""")
        assert polices and all(url.startswith(site_demo.url + "/static/fonts/") for url in polices)
        # The mark: the site's emblem (decorative: the names are written beside it) and the names of the settings.
        marque = onglet.locator(".entete__marque")
        assert marque.inner_text().split("\n")[:2] == ["Département de la Drôme", "Ingénierie publique pour les collectivités"]
        assert marque.locator("img").get_attribute("alt") == ""
    finally:
        contexte.close()
