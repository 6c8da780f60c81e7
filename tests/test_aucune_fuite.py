"""No code in what a person reads (#19 item 1).

Every public page of the demo site (its sitemap and the partners' pages), the public forms sent with errors, the
error pages, the search, every e-mail the site sends (the newsletter, the demandes', the registrations', the
subscription's) and the admin's own views (as a superuser and as a partner's agent) are read as a person reads
them: the visible text, without <script> or <style> (JSON-LD may hold braces), plus the alt, title, aria-label and
placeholder attributes. Nothing there may be template syntax ({# #}, {% %}, {{ }}) or a developer's English
sentence. The two leaks found by hand (a multi-line {# #} comment in the footer and in the error summary) were
read aloud by screen readers on every page; no test looked at the text a person reads.
"""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from site_collectivites import views
from tests.instantanes import demo_en_transaction

pytestmark = pytest.mark.django_db

SYNTAXE = ("{#", "#}", "{%", "%}", "{{", "}}")

# Words of a developer's English that French content never holds. Whole words only, case aside; a name of the
# content that happens to be one of them goes to PERMIS, with where it is read.
MOTS_ANGLAIS = re.compile(
    r"(?<![\w'’-])(the|should|must|we|don't|doesn't|isn't|can't|won't|by design|todo|fixme|xxx|hack|this|that|"
    r"which|when|with|without|only|is|are|was|were|been|it's|if|because|otherwise|so that|e\.g\.|i\.e\.|"
    r"here|there|used|uses)(?![\w'’-])",
    re.I,
)
# Allowed where a person reads them: none so far.
PERMIS = ()

ATTRIBUTS_LUS = ("alt", "title", "aria-label", "placeholder")


def texte_lu(html):
    """What a person reads of an HTML document: its text nodes (not <script>, <style> or <template>) and the
    attributes read aloud or shown (alt, title, aria-label, placeholder)."""
    soupe = BeautifulSoup(html, "html.parser")
    for element in soupe(["script", "style", "template"]):
        element.decompose()
    morceaux = [soupe.get_text(" ")]
    for element in soupe.find_all(True):
        morceaux += [element[nom] for nom in ATTRIBUTS_LUS if isinstance(element.get(nom), str)]
    return " ".join(" ".join(morceaux).split())


def fuites(texte):
    """The template syntax and developer's English found in a text a person reads, each with its context."""
    trouvees = []
    for code in SYNTAXE:
        position = texte.find(code)
        if position != -1:
            trouvees.append(f"{code!r} : …{texte[max(0, position - 60):position + 80]}…")
    for m in MOTS_ANGLAIS.finditer(texte):
        contexte = texte[max(0, m.start() - 60):m.end() + 60]
        if not any(permis in contexte for permis in PERMIS):
            trouvees.append(f"{m.group(0)!r} : …{contexte}…")
    return trouvees


def fuites_html(html):
    return fuites(texte_lu(html))


# --- The scanner itself -----------------------------------------------------------------------------------


FUITE_HISTORIQUE = """<footer><section class="lettre">
  {# Subscription with the e-mail only; the full form is on the newsletter's page. The view is CSRF-exempt by
     design: a token here would make every page visitor-specific. #}
  <form method="post"><label for="e">Adresse électronique</label><input id="e" name="email"></form>
</section></footer>"""


def test_the_scanner_finds_the_historic_leak_of_the_footer():
    trouvees = fuites_html(FUITE_HISTORIQUE)
    assert any(t.startswith("'{#'") for t in trouvees) and any(t.startswith("'#}'") for t in trouvees)
    assert any("by design" in t for t in trouvees)
    # The English alone is caught, once the braces are gone.
    assert fuites_html(FUITE_HISTORIQUE.replace("{#", "").replace("#}", ""))


@pytest.mark.parametrize("html", [
    "<p>Bonjour {{ prenom }}</p>", "<p>{% trans 'x' %}</p>", '<img src="x.png" alt="{{ image.alt }}">',
    '<a href="/" title="TODO: French title">Accueil</a>', '<input placeholder="Your e-mail here">',
    '<button aria-label="We should fix this">x</button>', "<p>FIXME</p>", "<title>Page {# titre #}</title>",
    "<p>Error summary at the top of a form (RGAA 11.10): focused on load.</p>",
])
def test_the_scanner_finds_code_and_english_in_text_and_read_attributes(html):
    assert fuites_html(html), html


@pytest.mark.parametrize("html", [
    '<script type="application/ld+json">{"@context": "https://schema.org", "name": "{{x}}"}</script><p>Accueil</p>',
    "<style>a{color:red}</style><p>L'Ingénierie publique : ce que le Département fait avec les communes.</p>",
    '<p>Thématiques : Énergie, Eau et environnement – 12 % des demandes, à l\'école d\'Eurre.</p>',
    '<a href="/?q={{x}}" data-x="{%">Lien</a>',
    "<p>Le site isère, l'étiquette, Sainte-Thérèse, l'Isle-sur-la-Sorgue.</p>",
])
def test_the_scanner_passes_french_text_and_ignores_what_nobody_reads(html):
    assert not fuites_html(html), fuites_html(html)


# --- Every page and e-mail of the demo site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


class Releve:
    """The leaks found, by where they were read, for one message listing them all."""

    def __init__(self):
        self.lus = 0
        self.fautes = {}

    def lire(self, ou, html=None, texte=None):
        self.lus += 1
        trouvees = fuites_html(html) if html is not None else fuites(" ".join(texte.split()))
        if trouvees:
            self.fautes[ou] = trouvees[:3]

    def verifier(self, minimum):
        assert self.lus >= minimum, self.lus
        assert not self.fautes, "\n".join(f"{ou}\n    " + "\n    ".join(t) for ou, t in self.fautes.items())


def lire_reponse(releve, ou, reponse, statuts=(200,)):
    assert reponse.status_code in statuts, (ou, reponse.status_code)
    releve.lire(ou, html=reponse.content.decode())


def chemins_publics(client):
    from offres.models import PartenaireIndexPage

    plan = client.get("/sitemap.xml").content.decode()
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", plan)]
    index = PartenaireIndexPage.objects.live().first()
    soupe = BeautifulSoup(client.get(index.url).content.decode(), "html.parser")
    return pages + [lien["href"] for lien in soupe.select(".carte-partenaire a")]


def test_every_public_page_of_the_demo(demo, client):
    releve = Releve()
    for chemin in chemins_publics(client):
        lire_reponse(releve, chemin, client.get(chemin))
    releve.verifier(minimum=60)


def test_search_and_error_pages(demo, client):
    releve = Releve()
    for chemin in ("/recherche/", "/recherche/?q=énergie", "/recherche/?q=éclairage+public",
                   "/recherche/?q=mot-qui-n-existe-nulle-part", "/recherche/?q=eau&page=2"):
        lire_reponse(releve, chemin, client.get(chemin))
    lire_reponse(releve, "404", client.get("/cette-page-n-existe-pas/"), statuts=(404,))
    lire_reponse(releve, "400", client.get("/recherche/?q=a%00b"), statuts=(400,))
    requete = RequestFactory().get("/")
    releve.lire("500", html=views.server_error(requete).content.decode())
    releve.lire("403 (accès refusé)", html=views.acces_refuse(Client().get("/").wsgi_request).content.decode())
    releve.lire("503", html=render_to_string("503.html", {"envoi": False}))
    releve.lire("503 (envoi)", html=render_to_string("503.html", {"envoi": True}))
    from demandes.models import DemandeFormPage

    page_demande = DemandeFormPage.objects.live().first()
    reponse = Client(enforce_csrf_checks=True).post(page_demande.url, {"titre": "École"})
    lire_reponse(releve, "403 (formulaire expiré)", reponse, statuts=(403,))
    releve.verifier(minimum=10)


def test_the_public_forms_sent_with_errors(demo, client):
    from agenda import inscriptions
    from agenda.models import EvenementPage
    from demandes import demandeur
    from demandes.models import Demande, DemandeFormPage

    releve = Releve()
    page_demande = DemandeFormPage.objects.live().first()
    lire_reponse(releve, "demande (vide)", client.post(page_demande.url, {}))
    lire_reponse(releve, "demande (adresse fausse)", client.post(page_demande.url, {
        "email": "pas-une-adresse", "titre": "Éclairage public", "description": "Remplacer les lampadaires."}))
    inscription = reverse("newsletter:inscrire")
    lire_reponse(releve, "lettre (pied de page)", client.post(inscription, {"email": "pas-une-adresse"}))
    lire_reponse(releve, "lettre (page)", client.get(inscription))
    ouverts = [e for e in EvenementPage.objects.live() if inscriptions.inscriptions_ouvertes(e)]
    assert ouverts
    evenement = ouverts[0]
    url = evenement.url + evenement.reverse_subpage("inscription")
    lire_reponse(releve, "inscription (vide)", client.post(url, {}))
    lire_reponse(releve, "inscription (adresse fausse)", client.post(url, {"nom": "Martin", "email": "x@"}))
    demande = Demande.objects.filter(statut="close").first() or Demande.objects.first()
    lire_reponse(releve, "page du demandeur", client.get(demandeur.url_page(demande)))
    avis = demandeur.url_avis(demande)
    lire_reponse(releve, "avis (GET)", client.get(avis))
    lire_reponse(releve, "avis (erreur)", client.post(avis, {"reponse": "n-importe-quoi"}))
    releve.verifier(minimum=9)


def test_every_e_mail(demo, django_capture_on_commit_callbacks):
    from agenda import inscriptions
    from agenda.models import EvenementPage
    from demandes.models import Affectation, CourrielDemande, Demande
    from demandes.relances import envoyer_relances
    from newsletter.courriels import message_lettre, rendre_lettre
    from newsletter.models import Abonne, NewsletterPage
    from newsletter.services import mettre_courriel_en_file
    from site_collectivites.courrier.envoi import envoyer_tout

    mail.outbox = []
    demande = Demande.objects.filter(affectations__isnull=False).first()
    for nature in CourrielDemande.Nature.values:
        courriel = CourrielDemande.objects.create(demande=demande, nature=nature, destinataire="test@commune.example")
        if nature == CourrielDemande.Nature.AFFECTATION_GROUPEE:
            courriel.lot.set(Demande.objects.order_by("pk")[:3])
    Affectation.objects.filter(statut="a_traiter").update(statut_modifie_le="2020-01-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        assert envoyer_relances(10)[0] >= 1
        evenement = next(e for e in EvenementPage.objects.live() if inscriptions.inscriptions_ouvertes(e))
        personne = {"prenom": "Alex", "fonction": "Maire", "autre_structure": "Syndicat mixte", "nombre_personnes": 1}
        premiere = inscriptions.inscrire(evenement, nom="Alpha", email="alpha@commune.example", **personne)
        inscriptions.annuler(premiere)
        abonne = Abonne.objects.first()
        mettre_courriel_en_file(abonne, "confirmation")
        mettre_courriel_en_file(abonne, "renouvellement")
    envoyer_tout()
    messages = list(mail.outbox)
    for lettre in NewsletterPage.objects.all():
        messages.append(message_lettre(rendre_lettre(lettre), "abonne@commune.example", "jeton-de-test"))
    sujets = " | ".join(m.subject for m in messages)
    for attendu in ("Lettre", "en attente de réponse", "inscription", "confirmez votre abonnement"):
        assert attendu.lower() in sujets.lower(), sujets
    releve = Releve()
    for message in messages:
        releve.lire(f"{message.subject} (texte)", texte=message.body)
        (html, _), = message.alternatives
        releve.lire(f"{message.subject} (HTML)", html=html)
    releve.verifier(minimum=2 * (len(CourrielDemande.Nature.values) + 5))


def vues_admin():
    from demandes.models import Demande
    from newsletter.models import NewsletterPage

    lettre = NewsletterPage.objects.first()
    return [
        reverse("wagtailadmin_home"), reverse("demandes:index"), reverse("demandes:index") + "?statut=nouvelle",
        reverse("bilan_tableau"), reverse("bilan_rapport"), reverse("newsletter_envoi:envoi", args=[lettre.pk]),
        reverse("newsletter_envoi:apercu", args=[lettre.pk]), reverse("newsletter_envoi:import"),
        reverse("agenda_inscriptions:index"), "/admin/demandes/courriels/",
        reverse("newsletter_abonnes:index"), reverse("wagtailadmin_explore_root"),
    ], Demande.objects.order_by("pk")


@pytest.mark.parametrize("qui", ["superutilisateur", "agent.sded"])
def test_the_admins_own_views(demo, client, qui):
    from demandes.models import AgentPartenaire

    if qui == "superutilisateur":
        utilisateur = get_user_model().objects.create_superuser("superutilisateur", "su@commune.example", "x")
    else:
        utilisateur = get_user_model().objects.get(username=qui)
    client.force_login(utilisateur)
    chemins, demandes = vues_admin()
    agent = AgentPartenaire.objects.filter(utilisateur=utilisateur).first()
    if agent is not None:
        demandes = demandes.filter(affectations__partenaire=agent.partenaire)
    chemins += [reverse("demandes:inspect", args=[d.pk]) for d in demandes.distinct()[:5]]
    releve = Releve()
    for chemin in chemins:
        reponse = client.get(chemin)
        if reponse.status_code in (302, 403) and agent is not None:
            continue  # a view the agent may not open (tested elsewhere); its refusal page is read above
        lire_reponse(releve, chemin, reponse)
    releve.verifier(minimum=8)
