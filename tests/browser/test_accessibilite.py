"""Accessibility of every page type of the demo site, in Debian's Chromium: axe-core (WCAG 2.1 A and AA)
plus the basics axe does not check (one <h1>, lang="fr", skip link first in the tab order, <main>).

New page types are picked up with no change here: one live page of each concrete Wagtail page model
is audited, and a model with no live page in the demo content fails the test. See docs/accessibilite.md.
"""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page, get_page_models

from tests.browser.conftest import DOSSIER_CAPTURES, ECOUTE_CSP, injecter_axe, violations_csp

pytestmark = pytest.mark.browser

# Page models allowed to have no live page in the demo content: "app_label.ModelName" -> why.
# Keep it empty: a page type nobody can see in the demo is a page type nobody audits.
MODELES_SANS_CONTENU_DE_DEMO: dict[str, str] = {}

# The views that are not Wagtail pages: (path, expected HTTP status, label).
VUES_HORS_PAGES = [
    ("/recherche/?q=drome", 200, "recherche « drome »"),
    ("/recherche/?q=Dr%C3%B4me", 200, "résultats de recherche, paginés"),
    ("/recherche/", 200, "recherche sans mots"),
    ("/page-qui-n-existe-pas/", 404, "page introuvable (404)"),
    ("/contact/", 200, "page standard avec le formulaire de demande intégré"),
    ("/lettre/inscription/", 200, "abonnement à la lettre (formulaire complet)"),
    ("/lettre/inscription/merci/", 200, "abonnement à la lettre : vérifiez votre messagerie"),
    ("/lettre/confirmer/lien-inconnu/", 404, "lettre : lien invalide"),
    ("/bilan/canton/le-diois/?annee=2025", 200, "bilan par canton (Le Diois, 2025)"),
    ("/bilan/?annee=2026", 200, "bilan de l'année en cours (chiffres non figés)"),
]

# The layout changes at 60rem (menu bar instead of <details>): audit both sides of it.
LARGEURS = {"mobile": 375, "bureau": 1280}
HAUTEUR = 900
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Returns only what the report needs: axe's full result (passes, inapplicable…) is large.
AXE_RUN = """async (tags) => {
  const resultats = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return resultats.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    noeuds: v.nodes.map((n) => ({cible: n.target.map(String), html: n.html, resume: n.failureSummary || ""})),
  }));
}"""

STRUCTURE = """() => ({
  lang: document.documentElement.getAttribute("lang"),
  h1: Array.from(document.querySelectorAll("h1")).map((h) => h.textContent.trim().slice(0, 80)),
  main: document.querySelectorAll("main, [role=main]").length,
  cibleEvitement: document.getElementById("contenu") ? document.getElementById("contenu").tagName.toLowerCase() : null,
})"""

ELEMENT_ACTIF = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 160), href: el.getAttribute("href"), id: el.id,
    visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < window.innerHeight,
  };
}"""


def _pages_a_auditer(url_serveur):
    """One live, public, routable page of each concrete page model; and the models that have none.

    Returns ([(label, url, expected status)], [model labels without a page]).
    """
    cibles, manquants = [], []
    for modele in get_page_models():
        if modele is Page or modele._meta.abstract:
            continue
        libelle = modele._meta.label  # "app_label.ModelName"
        page = None
        for candidate in modele.objects.exact_type(modele).live().public().order_by("path")[:20]:
            parties = candidate.specific.get_url_parts()
            if parties is not None:  # None: not under any Site, so no URL
                page, chemin = candidate, parties[2]
                break
        if page is None:
            if libelle not in MODELES_SANS_CONTENU_DE_DEMO:
                manquants.append(libelle)
            continue
        cibles.append((f"{libelle} « {page.title} »", url_serveur + chemin, 200))
    cibles += [(libelle, url_serveur + chemin, statut) for chemin, statut, libelle in VUES_HORS_PAGES]
    return cibles, manquants


def _rapport_axe(violations):
    lignes = []
    for v in violations:
        lignes.append(f"  [{v['impact']}] {v['id']} : {v['help']}\n    {v['helpUrl']}")
        for noeud in v["noeuds"]:
            lignes.append(f"    - {' '.join(noeud['cible'])}\n      {noeud['html'][:300]}")
            resume = " ".join(noeud["resume"].split())
            if resume:
                lignes.append(f"      → {resume[:400]}")
    return lignes


def _auditer(onglet, url, statut_attendu):
    """Load `url` in `onglet` and return the problems found, as report lines (empty when all is well)."""
    problemes = []
    onglet.add_init_script(ECOUTE_CSP)
    reponse = onglet.goto(url, wait_until="load")
    statut = reponse.status if reponse else None
    if statut != statut_attendu:
        problemes.append(f"  statut HTTP {statut}, attendu {statut_attendu}")
    if reponse and "content-security-policy" not in reponse.headers:
        problemes.append("  pas d'en-tête Content-Security-Policy")

    injecter_axe(onglet)
    problemes += _rapport_axe(onglet.evaluate(AXE_RUN, AXE_TAGS))
    # Read after axe: the violation events of the loading are delivered by then.
    problemes += violations_csp(onglet)

    structure = onglet.evaluate(STRUCTURE)
    if structure["lang"] != "fr":
        problemes.append(f'  <html lang="{structure["lang"]}"> : attendu lang="fr"')
    if len(structure["h1"]) != 1:
        problemes.append(f"  {len(structure['h1'])} <h1> au lieu d'un seul : {structure['h1']}")
    if structure["main"] != 1:
        problemes.append(f"  {structure['main']} repère <main> au lieu d'un seul")
    if structure["cibleEvitement"] is None:
        problemes.append('  aucun élément id="contenu" : le lien d\'évitement ne mène nulle part')

    # Keyboard: the first Tab must reach the skip link, shown on screen, and following it must
    # put the focus on the content.
    onglet.keyboard.press("Tab")
    actif = onglet.evaluate(ELEMENT_ACTIF)
    if actif is None or actif["href"] != "#contenu":
        problemes.append(
            f"  premier élément atteint par Tab : {actif and actif['html']} ; attendu le lien vers #contenu"
        )
    else:
        if not actif["visible"]:
            problemes.append("  le lien d'évitement reste invisible quand il a le focus")
        onglet.keyboard.press("Enter")
        actif = onglet.evaluate(ELEMENT_ACTIF)
        if actif is None or actif["id"] != "contenu":
            problemes.append(
                f"  après le lien d'évitement, le focus est sur {actif and actif['html']} ; attendu #contenu"
            )
    return problemes


def test_pages_accessibles(site_demo, navigateur):
    """axe-core (WCAG 2.1 A/AA) and the structure checks on every page type, at 375 and 1280 px."""
    cibles, manquants = _pages_a_auditer(site_demo.url)
    echecs = []
    if manquants:
        echecs.append(
            "Types de page sans aucune page publiée dans le contenu de démonstration "
            "(complétez load_demo_content, ou justifiez-les dans MODELES_SANS_CONTENU_DE_DEMO) :\n"
            + "\n".join(f"  - {libelle}" for libelle in manquants)
        )

    DOSSIER_CAPTURES.mkdir(parents=True, exist_ok=True)
    for nom_largeur, largeur in LARGEURS.items():
        contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
        try:
            onglet = contexte.new_page()
            for libelle, url, statut in cibles:
                problemes = _auditer(onglet, url, statut)
                if problemes:
                    echecs.append(f"{libelle} – {url} – {largeur} px :\n" + "\n".join(problemes))
            # For people, not asserted: what the home page looks like at this width.
            onglet.goto(site_demo.url + "/")
            onglet.screenshot(path=str(DOSSIER_CAPTURES / f"accueil-{nom_largeur}-{largeur}px.png"), full_page=True)
        finally:
            contexte.close()

    assert not echecs, (
        f"{len(echecs)} problème(s) sur {len(cibles)} pages × {len(LARGEURS)} largeurs :\n\n" + "\n\n".join(echecs)
    )


def test_menu_principal_utilisable_sans_javascript(site_demo, navigateur):
    """Without JavaScript, the main menu opens (<details>) on a phone and every link is visible and focusable."""
    contexte = navigateur.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": HAUTEUR}, locale="fr-FR"
    )
    try:
        onglet = contexte.new_page()
        reponse = onglet.goto(site_demo.url + "/")
        assert reponse and reponse.status == 200
        menu = onglet.get_by_role("navigation", name="Menu principal")
        assert menu.count() == 1, "pas de <nav aria-label=\"Menu principal\"> sur l'accueil (menu vide ?)"

        mobile = menu.locator("details")
        bouton = mobile.locator("summary")
        liens = mobile.locator("a")  # not get_by_role: it leaves out the links of a closed <details>
        assert bouton.is_visible(), "à 375 px, le bouton « Menu » (<summary>) doit être visible"
        nombre = liens.count()
        assert nombre > 0, "le menu principal n'a aucun lien : load_demo_content doit le remplir"
        assert not liens.first.is_visible(), "à 375 px, le menu doit être replié avant d'être ouvert"
        assert not menu.locator(".menu__large").is_visible(), "à 375 px, la barre de menu large doit être masquée"

        # Open it with the keyboard, as a keyboard user without JavaScript would.
        bouton.focus()
        onglet.keyboard.press("Enter")
        assert mobile.get_attribute("open") is not None, "Entrée sur « Menu » n'ouvre pas le <details>"
        for i in range(nombre):
            lien = liens.nth(i)
            assert lien.is_visible(), f"lien {i + 1} du menu invisible une fois le menu ouvert"
            href = lien.get_attribute("href")
            assert href, f"lien {i + 1} du menu sans href"
            onglet.keyboard.press("Tab")
            assert lien.evaluate("el => el === document.activeElement"), (
                f"Tab n'atteint pas le lien {i + 1} du menu ({href}) dans l'ordre"
            )

        # At 1280 px, the bar shows the same links without any interaction.
        onglet.set_viewport_size({"width": 1280, "height": HAUTEUR})
        barre = menu.locator(".menu__large a")
        assert not bouton.is_visible(), "à 1280 px, le bouton « Menu » doit être masqué"
        assert barre.count() == nombre
        for i in range(nombre):
            assert barre.nth(i).is_visible(), f"à 1280 px, le lien {i + 1} de la barre de menu est invisible"
    finally:
        contexte.close()


PAGE_DEFECTUEUSE = """<!DOCTYPE html><html><head><title>Défauts</title></head><body>
<a href="/ailleurs">Premier lien</a><h1>Un</h1><h1>Deux</h1><img src="x.png"><p style="color: #767676">Pas de main.</p>
<script>document.title = "Défauts";</script></body></html>"""
# The site's public policy, in short: the inline style and script above must be reported.
CSP_DEFECTUEUSE = "default-src 'self'; script-src 'self'; style-src 'self'"


def test_le_harnais_signale_les_defauts(navigateur):
    """The harness itself: on a page with known defects, every check speaks (so that a silent pass means something)."""
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR})
    try:
        contexte.route(
            "http://harnais.test/**",
            lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=PAGE_DEFECTUEUSE,
                                        headers={"Content-Security-Policy": CSP_DEFECTUEUSE}),
        )
        rapport = "\n".join(_auditer(contexte.new_page(), "http://harnais.test/defauts", 200))
    finally:
        contexte.close()
    for attendu in ("image-alt", "html-has-lang", 'attendu lang="fr"', "2 <h1>", "repère <main>",
                    'id="contenu"', "premier élément atteint par Tab", "violation CSP : style-src-attr",
                    "violation CSP : script-src-elem"):
        assert attendu in rapport, f"le harnais n'a pas signalé « {attendu} » :\n{rapport}"


def test_formulaire_de_demande_en_erreur_accessible(site_demo, navigateur):
    """The demande form sent empty: the error state passes axe, and the focus lands on the error summary."""
    from demandes.models import DemandeFormPage

    url = site_demo.url + DemandeFormPage.objects.live().first().url
    contexte = navigateur.new_context(viewport={"width": 375, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        onglet.goto(url, wait_until="load")
        onglet.get_by_role("button", name="Envoyer ma demande").click()
        onglet.wait_for_load_state("load")
        assert onglet.locator("#resume-erreurs").is_visible()
        assert onglet.evaluate("document.activeElement.id") == "resume-erreurs"
        assert onglet.title().startswith("Erreur")
        injecter_axe(onglet)
        problemes = _rapport_axe(onglet.evaluate(AXE_RUN, AXE_TAGS))
        assert not problemes, "\n".join(problemes)
        # Each link of the summary leads to a field that exists.
        for cible in onglet.locator("#resume-erreurs a").evaluate_all("liens => liens.map(l => l.hash)"):
            assert onglet.locator(cible).count() == 1, cible
    finally:
        contexte.close()


def test_liste_des_communes_filtrable_au_clavier(site_demo, navigateur):
    """With JavaScript, typing part of a name (without accents) narrows the list of communes; the select
    remains the form control, and the result count is announced. Without JavaScript, the plain list stays."""
    from demandes.models import DemandeFormPage

    url = site_demo.url + DemandeFormPage.objects.live().first().url
    contexte = navigateur.new_context(viewport={"width": 375, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        onglet.goto(url, wait_until="load")
        filtre = onglet.get_by_label("Rechercher une commune")
        filtre.focus()
        onglet.keyboard.type("saillan")
        assert onglet.locator("#id_commune option").all_inner_texts() == ["Choisir une commune", "Saillans (26289)"]
        assert onglet.locator("#id_commune option:checked").inner_text() == "Saillans (26289)"
        assert onglet.locator(".filtre-liste__annonce").first.inner_text().startswith("1 résultat")
        filtre.fill("")
        filtre.dispatch_event("input")
        assert onglet.locator("#id_commune option").count() == 363  # the 362 communes and the empty choice
        onglet.keyboard.press("Tab")
        assert onglet.evaluate("document.activeElement.id") == "id_commune"
        injecter_axe(onglet)
        assert not _rapport_axe(onglet.evaluate(AXE_RUN, AXE_TAGS))
    finally:
        contexte.close()
    sans_js = navigateur.new_context(java_script_enabled=False)
    try:
        onglet = sans_js.new_page()
        onglet.goto(url, wait_until="load")
        assert onglet.locator("#id_commune_filtre").count() == 0
        assert onglet.locator("#id_commune option").count() == 363
    finally:
        sans_js.close()


def test_pages_personnelles_de_la_lettre_accessibles(site_demo, navigateur):
    """The newsletter's pages reached from an e-mail (confirm, preferences, unsubscribe, renew) and the
    subscription form in error: axe finds nothing, and the focus lands on the error summary."""
    from newsletter import jetons
    from newsletter.models import Abonne, StatutAbonne

    confirme = Abonne.objects.filter(statut=StatutAbonne.CONFIRME).first()
    en_attente = Abonne.objects.filter(statut=StatutAbonne.EN_ATTENTE).first()
    Abonne.objects.filter(pk=en_attente.pk).update(jeton_confirmation="audit")
    en_attente.jeton_confirmation = "audit"
    chemins = [
        f"/lettre/confirmer/{jetons.jeton_confirmation(en_attente)}/",
        f"/lettre/preferences/{confirme.jeton}/",
        f"/lettre/desabonnement/{confirme.jeton}/",
        f"/lettre/renouveler/{confirme.jeton}/",
    ]
    contexte = navigateur.new_context(viewport={"width": 375, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        echecs = []
        for chemin in chemins:
            problemes = _auditer(onglet, site_demo.url + chemin, 200)
            if problemes:
                echecs.append(f"{chemin} :\n" + "\n".join(problemes))
        onglet.goto(site_demo.url + "/lettre/inscription/", wait_until="load")
        onglet.locator("#id_email").fill("pas-une-adresse")
        onglet.get_by_role("button", name="S'abonner à la lettre").click()
        onglet.wait_for_load_state("load")
        assert onglet.evaluate("document.activeElement.id") == "resume-erreurs"
        assert onglet.title().startswith("Erreur")
        injecter_axe(onglet)
        problemes = _rapport_axe(onglet.evaluate(AXE_RUN, AXE_TAGS))
        if problemes:
            echecs.append("/lettre/inscription/ en erreur :\n" + "\n".join(problemes))
        assert not echecs, "\n\n".join(echecs)
    finally:
        contexte.close()


def test_le_courriel_de_la_lettre_tient_dans_toutes_les_largeurs(site_demo, navigateur):
    """The issue's e-mail HTML, as sent, in Chromium at phone, e-mail client and desktop widths: no horizontal
    scrolling, the content column never wider than 600 px, every image with an alt attribute."""
    from newsletter.courriels import rendre_lettre
    from newsletter.models import NewsletterPage

    page = NewsletterPage.objects.live().order_by("-date_lettre").first()
    html, _texte = rendre_lettre(page).pour("jeton-de-test")
    for largeur in (320, 375, 600, 1024):
        contexte = navigateur.new_context(viewport={"width": largeur, "height": HAUTEUR}, locale="fr-FR")
        try:
            onglet = contexte.new_page()
            onglet.set_content(html, wait_until="load")
            mesures = onglet.evaluate("""() => ({
                defilement: document.documentElement.scrollWidth,
                cadre: document.querySelector('.lettre-cadre').getBoundingClientRect().width,
                imagesSansAlt: [...document.images].filter(i => !i.hasAttribute('alt')).length,
            })""")
            assert mesures["defilement"] <= largeur, (largeur, mesures)
            assert mesures["cadre"] <= 600, (largeur, mesures)
            assert mesures["imagesSansAlt"] == 0
        finally:
            contexte.close()


MOT_DE_PASSE_ADMIN = "mot-de-passe-de-test-1234"


def _connexion_admin(contexte, url_serveur, identifiant):
    """A new tab of `contexte`, listening to CSP violations, logged into the admin through its login form."""
    onglet = contexte.new_page()
    onglet.add_init_script(ECOUTE_CSP)
    onglet.goto(url_serveur + "/admin/login/")
    onglet.fill("#id_username", identifiant)
    onglet.fill("#id_password", MOT_DE_PASSE_ADMIN)
    with onglet.expect_navigation():
        onglet.locator("form button[type=submit]").first.click()
    return onglet


def test_admin_sans_violation_csp(site_demo, navigateur):
    """The Wagtail admin under its own policy (site_collectivites/securite/csp.py): logging in, the dashboard, the page
    explorer and the editor of the home page work with no CSP violation (no eval, nothing from elsewhere);
    and the public home page with the editor's user bar, under the strict public policy."""
    from django.contrib.auth.models import User

    from site_collectivites.models import HomePage

    User.objects.create_superuser("admin-csp", "admin-csp@ladrome.example", MOT_DE_PASSE_ADMIN)
    accueil = HomePage.objects.first()
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR}, locale="fr-FR")
    echecs = []
    try:
        onglet = _connexion_admin(contexte, site_demo.url, "admin-csp")
        # Last, the public home page as an editor sees it, with Wagtail's user bar, under the public policy.
        for chemin in ("/admin/", f"/admin/pages/{accueil.pk}/", f"/admin/pages/{accueil.pk}/edit/", "/admin/images/",
                       "/"):
            reponse = onglet.goto(site_demo.url + chemin, wait_until="load")
            assert reponse.status == 200 and "/login/" not in onglet.url, chemin
            onglet.wait_for_timeout(300)  # the editor's scripts build the form after load
            echecs += [f"{chemin} : {ligne}" for ligne in violations_csp(onglet)]
    finally:
        contexte.close()
    assert not echecs, "\n".join(echecs)


def test_enrolement_double_facteur_utilisable(site_demo, navigateur, settings):
    """With the second factor required (production), a new admin lands on the enrolment page: the QR code is
    shown (an image of our origin), the form is in French, and nothing breaks the admin's policy."""
    from django.contrib.auth.models import User

    settings.WAGTAIL_2FA_REQUIRED = True  # the live server runs in this process: it sees the change
    User.objects.create_superuser("admin-2fa", "admin-2fa@ladrome.example", MOT_DE_PASSE_ADMIN)
    contexte = navigateur.new_context(viewport={"width": 1280, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = _connexion_admin(contexte, site_demo.url, "admin-2fa")
        onglet.goto(site_demo.url + "/admin/", wait_until="load")
        assert "/admin/2fa/devices/new" in onglet.url
        qr = onglet.locator("img[src*='qr-code']")
        assert qr.count() == 1
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "le QR code ne s'affiche pas"
        assert onglet.get_by_label("Mot de passe actuel").count() == 1
        assert not violations_csp(onglet), violations_csp(onglet)
    finally:
        contexte.close()


def test_pages_du_demandeur_accessibles(site_demo, navigateur):
    """The requester's private page (an open demande, a closed one already rated), the « utile ? » form reached
    from the closing e-mail, and a dead link: axe finds nothing, at phone width, with the site's structure."""
    from demandes import demandeur
    from demandes.models import Demande, Statut

    close_avec_avis = Demande.objects.filter(statut=Statut.CLOSE, avis__isnull=False).first()
    close_sans_avis = Demande.objects.filter(statut=Statut.CLOSE, avis__isnull=True, anonymisee_le__isnull=True).first()
    en_cours = Demande.objects.filter(statut=Statut.ACCOMPAGNEMENT).first()
    assert close_avec_avis and close_sans_avis and en_cours, "la démo doit contenir ces trois cas"
    chemins = [(urlsplit(demandeur.url_page(d)).path, 200) for d in (en_cours, close_avec_avis)]
    chemins += [(urlsplit(demandeur.url_avis(close_sans_avis)).path + "?reponse=plutot_utile", 200),
                ("/suivi-demande/lien-perime/", 404)]
    contexte = navigateur.new_context(viewport={"width": 375, "height": HAUTEUR}, locale="fr-FR")
    try:
        onglet = contexte.new_page()
        echecs = []
        for chemin, statut in chemins:
            problemes = _auditer(onglet, site_demo.url + chemin, statut)
            if problemes:
                echecs.append(f"{chemin} :\n" + "\n".join(problemes))
        assert not echecs, "\n\n".join(echecs)
    finally:
        contexte.close()
