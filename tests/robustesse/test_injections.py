"""XSS and formula injection: what a visitor types in a public form (or an agent in the back office's manual
entry) is shown everywhere as text, never as markup, and never runs as a formula in an exported spreadsheet.

Each payload goes through the real forms, then every page, e-mail and export that shows it is parsed: the
payload must be there as text (so the test looks where the value is really shown) and no element or
attribute of the payload may exist in the parsed document. See docs/securite.md.
"""

import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from tests.utils import lire_csv as lire_lignes_csv

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
LIEN = "javascript:alert(1)"
FORMULES = ["=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
PAYLOADS_HTML = [SCRIPT, IMAGE, SVG, LIEN]
ELEMENTS_INJECTES = {"script", "img", "svg"}


class Analyse(HTMLParser):
    """The elements, attributes and text of a document, as a browser would build them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.textes, self.scripts = [], [], []
        self._dans_un_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._dans_un_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._dans_un_script = False

    def handle_data(self, data):
        (self.scripts if self._dans_un_script else self.textes).append(data)

    def contenu(self):
        """Every text and attribute value, unescaped: where an escaped payload shows up."""
        return "".join(self.textes) + " ".join(v or "" for _, attrs in self.elements for v in attrs.values())


def injections(html):
    """The markup of the payloads found in `html` as real elements or attributes (empty when escaped)."""
    analyse = Analyse(html)
    trouvees = [f"<script>{code}</script>" for code in analyse.scripts if "alert(1)" in code]
    for tag, attrs in analyse.elements:
        if tag in ELEMENTS_INJECTES and (attrs.get("src") == "x" or "alert(1)" in str(attrs)):
            trouvees.append(f"<{tag} {attrs}>")
        for nom, valeur in attrs.items():
            valeur = (valeur or "").strip().lower()
            if nom.startswith("on") and "alert(1)" in valeur:
                trouvees.append(f"<{tag} {nom}={valeur!r}>")
            if nom in ("href", "src", "action", "formaction") and valeur.startswith("javascript:"):
                trouvees.append(f"<{tag} {nom}={valeur!r}>")
    return trouvees


def verifier_echappe(html, payloads, ou):
    """Every payload shown as text in `html`, none as markup."""
    assert not injections(html), f"{ou} : balisage injecté {injections(html)}"
    contenu = Analyse(html).contenu()
    absents = [p for p in payloads if p not in contenu]
    assert not absents, f"{ou} : valeur(s) non affichée(s), le test ne vérifie rien ici : {absents}"


def test_le_detecteur_voit_une_valeur_non_echappee():
    """The check itself: an unescaped value is caught, an escaped one passes."""
    from django.utils.html import escape

    for payload in (SCRIPT, IMAGE, SVG):
        assert injections(f"<p>{payload}</p>"), payload
        verifier_echappe(f"<p>{escape(payload)}</p>", [payload], "échappé")
    assert injections(f'<a href="{LIEN}">lien</a>')
    assert injections('<div title=""><img src=x onerror=alert(1)>">')


def formule_neutralisee(cellule, formule):
    """The exported cell holds the text behind a leading quote, never a cell that starts the formula."""
    return cellule == "'" + formule or (cellule.startswith("'") and formule in cellule)


def lire_csv(reponse):
    return [cellule for ligne in lire_lignes_csv(reponse) for cellule in ligne]


def lire_xlsx(reponse):
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    classeur = openpyxl.load_workbook(io.BytesIO(contenu))
    return [str(c.value) for feuille in classeur for ligne in feuille.iter_rows() for c in ligne if c.value is not None]


def verifier_exports(client, url, formules, ou):
    for format_, lire in (("csv", lire_csv), ("xlsx", lire_xlsx)):
        reponse = client.get(url, {"export": format_})
        assert reponse.status_code == 200, f"{ou} export {format_} : {reponse.status_code}"
        cellules = lire(reponse)
        for formule in formules:
            assert any(formule_neutralisee(c, formule) for c in cellules), f"{ou} {format_} : {formule} absente"
            dangereuses = [c for c in cellules if c.startswith(("=", "+", "-", "@")) and "cmd|" in c]
            assert not dangereuses, f"{ou} {format_} : formule exécutable {dangereuses}"


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("xss-admin", "xss-admin@example.org", "mot-de-passe-de-test")


def html_des_courriels():
    return [(m.subject, contenu) for m in mail.outbox for contenu, type_ in getattr(m, "alternatives", [])
            if type_ == "text/html"]


def test_demande_publique_puis_suivi(client, demo, admin, django_capture_on_commit_callbacks):
    from demandes.models import Demande
    from site_collectivites.taxonomie.models import Thematique
    from site_collectivites.territoire.models import Commune

    donnees = {
        "type_collectivite": "commune", "commune": Commune.objects.order_by("nom").first().pk,
        # Names refuse < and > (DemandeForm._texte_simple): formulas there, markup in the project's fields.
        "nom": FORMULES[0], "prenom": FORMULES[3], "fonction": "autre", "fonction_autre": IMAGE,
        "email": "mairie@exemple.fr", "titre": SCRIPT, "description": f"{SVG}\n{LIEN}", "calendrier": LIEN,
        "thematiques": [Thematique.objects.order_by("pk").first().pk], "budget": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(demo.demande, donnees)
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    demande = Demande.objects.get(titre=SCRIPT)
    verifier_echappe(client.get(reponse["Location"]).content.decode(), [SCRIPT], "page de confirmation")

    courriels = html_des_courriels()
    assert courriels, "aucun courriel HTML envoyé pour la demande"
    for sujet, contenu in courriels:
        verifier_echappe(contenu, [SCRIPT], f"courriel « {sujet} »")

    client.force_login(admin)
    note = f"Note {SCRIPT} {IMAGE}"
    assert client.post(reverse("demandes:note", args=[demande.pk]), {"texte": note}).status_code == 302
    detail = client.get(reverse("demandes:inspect", args=[demande.pk])).content.decode()
    verifier_echappe(detail, [SCRIPT, IMAGE, SVG, note], "fiche de la demande (notes, historique)")
    liste = client.get(reverse("demandes:index")).content.decode()
    verifier_echappe(liste, [SCRIPT], "liste des demandes")
    verifier_exports(client, reverse("demandes:index"), [FORMULES[0], FORMULES[3]], "demandes")


def test_demande_saisie_dans_le_back_office(client, demo, admin):
    from demandes.models import Demande
    from site_collectivites.taxonomie.models import Partenaire, Thematique
    from site_collectivites.territoire.models import Commune

    client.force_login(admin)
    donnees = {
        "source": "telephone", "type_collectivite": "commune", "commune": Commune.objects.order_by("nom").first().pk,
        "nom": FORMULES[1], "prenom": FORMULES[2], "fonction": "autre", "fonction_autre": SVG, "email": "",
        "titre": IMAGE, "description": SCRIPT, "calendrier": LIEN,
        "thematiques": [Thematique.objects.order_by("pk").first().pk],
        "partenaires": [Partenaire.objects.order_by("pk").first().pk],
    }
    reponse = client.post(reverse("demandes:add"), donnees)
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    demande = Demande.objects.get(titre=IMAGE)
    verifier_echappe(client.get(reponse["Location"]).content.decode(), [IMAGE, SCRIPT, SVG], "fiche saisie")
    verifier_echappe(client.get(reverse("demandes:index")).content.decode(), [IMAGE], "liste des demandes")
    verifier_exports(client, reverse("demandes:index"), [FORMULES[1], FORMULES[2]], "demandes saisies")
    assert demande.source == "telephone"


def test_inscription_a_un_evenement(client, demo, admin, django_capture_on_commit_callbacks):
    from agenda.models import Inscription

    evenement = demo.evenement
    donnees = {
        "collectivite": "", "autre_structure": IMAGE, "prenom": FORMULES[3], "nom": FORMULES[0],
        "fonction": SCRIPT, "email": "inscrit@exemple.fr", "nombre_personnes": "1",
        "besoins_accessibilite": f"{SVG} {LIEN}",
    }
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(evenement.url + evenement.reverse_subpage("inscription"), donnees)
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    inscription = Inscription.objects.get(email="inscrit@exemple.fr")
    merci = client.get(reponse["Location"]).content.decode()
    # The page shows the event and the address only: nothing typed in the form but the (valid) address.
    assert not injections(merci) and "inscrit@exemple.fr" in merci
    courriels = html_des_courriels()
    assert courriels, "aucun courriel HTML envoyé pour l'inscription"
    for sujet, contenu in courriels:
        assert not injections(contenu), f"courriel « {sujet} » : {injections(contenu)}"

    client.force_login(admin)
    for vue, payloads in (("index", [IMAGE]), ("inspect", [IMAGE, SCRIPT, SVG]), ("edit", [SCRIPT, SVG])):
        args = [] if vue == "index" else [inscription.pk]
        page = client.get(reverse(f"agenda_inscriptions:{vue}", args=args)).content.decode()
        verifier_echappe(page, payloads, f"inscriptions : {vue}")
    verifier_exports(client, reverse("agenda_inscriptions:index"), [FORMULES[0], FORMULES[3]], "inscriptions")


@pytest.mark.parametrize("origine", ["pied_de_page", "page_complete"])
def test_abonnement_a_la_lettre(client, demo, admin, origine, django_capture_on_commit_callbacks):
    from newsletter.models import Abonne

    donnees = {"email": f"{origine}@exemple.fr", "origine": f"/{IMAGE}"}
    if origine == "page_complete":
        donnees |= {"collectivite": SCRIPT, "fonction": FORMULES[0]}
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/lettre/inscription/", donnees, follow=True)
    assert reponse.status_code == 200
    assert not injections(reponse.content.decode())
    for sujet, contenu in html_des_courriels():
        assert not injections(contenu), f"courriel « {sujet} » : {injections(contenu)}"
    abonne = Abonne.objects.get(email=f"{origine}@exemple.fr")

    client.force_login(admin)
    attendus = [SCRIPT] if origine == "page_complete" else []
    verifier_echappe(client.get(reverse("newsletter_abonnes:index")).content.decode(), attendus, "abonnés")
    fiche = client.get(reverse("newsletter_abonnes:inspect", args=[abonne.pk])).content.decode()
    verifier_echappe(fiche, attendus + [f"/{IMAGE}"], "fiche de l'abonné (preuve du consentement)")
    if origine == "page_complete":
        verifier_exports(client, reverse("newsletter_abonnes:index"), [FORMULES[0]], "abonnés")
