"""Security headers and the Content Security Policy, as a browser receives them (docs/securite.md)."""

import re
from pathlib import Path

import pytest

from site_collectivites.taxonomie.models import COULEURS
from tests.agenda.factories import AgendaIndexPageFactory, EvenementPageFactory
from tests.factories import ThematiqueFactory
from tests.offres.factories import OffreIndexPageFactory, OffrePageFactory

pytestmark = pytest.mark.django_db
SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def directives(entete):
    """'default-src 'self'; script-src …' -> {"default-src": ["'self'"], …}"""
    resultat = {}
    for partie in entete.split(";"):
        mots = partie.split()
        if mots:
            resultat[mots[0]] = mots[1:]
    return resultat


def test_public_page_has_strict_policy_and_security_headers(client, home):
    reponse = client.get("/")
    assert reponse.status_code == 200
    csp = directives(reponse["Content-Security-Policy"])
    # Only the nonce of the page's own JSON-LD (the Département), never 'unsafe-inline'.
    (nonce,) = re.findall(r'<script type="application/ld\+json" nonce="([^"]+)">', reponse.content.decode())
    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in reponse["Permissions-Policy"] and "geolocation=()" in reponse["Permissions-Policy"]
    assert reponse["X-Frame-Options"] == "DENY"


def test_admin_has_its_own_looser_policy_but_never_eval(client, home):
    reponse = client.get("/admin/login/")
    assert reponse.status_code == 200
    csp = directives(reponse["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"] and "'unsafe-inline'" in csp["style-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    # The public policy is not loosened by the admin one.
    public = directives(client.get("/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public["script-src"] + public["style-src"]


def test_event_jsonld_carries_the_nonce_of_the_header(client, home):
    agenda = AgendaIndexPageFactory(parent=home)
    evenement = EvenementPageFactory(parent=agenda, title="Rencontre")
    reponse = client.get(evenement.url)
    html = reponse.content.decode()
    nonces = re.findall(r'<script type="application/ld\+json" nonce="([^"]+)">', html)
    assert len(nonces) == 2 and len(set(nonces)) == 1  # the event's and its breadcrumb's, one nonce
    assert f"'nonce-{nonces[0]}'" in directives(reponse["Content-Security-Policy"])["script-src"]
    # A new nonce for every response.
    assert nonces[0] not in client.get(evenement.url).content.decode()


def test_pages_with_thematique_colours_have_no_inline_style_or_script(client, home):
    energie = ThematiqueFactory(nom="Énergie", couleur="#8a4b00")
    catalogue = OffreIndexPageFactory(parent=home)
    home.page_catalogue = catalogue
    home.save()
    offre = OffrePageFactory(parent=catalogue, thematiques=[energie])
    for url in ("/", catalogue.url, offre.url):
        html = client.get(url).content.decode()
        assert "couleur-8a4b00" in html, url
        assert "style=" not in html, url
        # Every <script> either loads a file or carries the nonce.
        for balise in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in balise or "nonce=" in balise, (url, balise)


def test_every_thematique_colour_has_its_css_class():
    css = SITE_CSS.read_text()
    for couleur, _libelle in COULEURS:
        classe = "couleur-" + couleur[1:]
        assert re.search(rf"\.{classe} \{{ --couleur: {couleur}; \}}", css), f"classe .{classe} absente de site.css"
