"""The error pages people meet (#16): French, in the site's look, saying what to do next, with the right status.

Each is reached as a person or a script reaches it: a page that does not exist, a refused host, a NUL byte, a
form sent without its token (public form and admin login), a form sent once too often, a page the account may
not see, a view that fails. What is checked is what a person reads: the text, the language, the way back.
"""

import html
import re
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from site_collectivites import views
from tests.demandes.factories import DemandeFormPageFactory, compte

# What Django's and the browsers' own pages say, which nobody should read here.
ANGLAIS = ("Forbidden", "CSRF verification failed", "DEBUG", "Not Found", "Bad Request", "Server Error",
           "Too Many Requests", "The requested resource")


def lu(reponse):
    """The text a person reads: no tags, no scripts or styles, entities decoded."""
    contenu = reponse.content.decode()
    contenu = re.sub(r"<(script|style)\b.*?</\1>", " ", contenu, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", contenu)).split())


def verifier_page_erreur(reponse, statut, titre, avec_menus=True):
    assert reponse.status_code == statut
    contenu = reponse.content.decode()
    texte = lu(reponse)
    assert '<html lang="fr">' in contenu
    assert f"<title>{titre} – " in contenu
    assert "<h1>" in contenu and titre.split()[0] in texte
    assert "Et maintenant ?" in texte and "Revenir à l'accueil du site" in texte
    assert 'content="noindex"' in contenu
    for code in ("{%", "%}", "{{", "}}", "{#", "#}"):
        assert code not in texte, code
    for phrase in ANGLAIS:
        assert phrase not in texte, phrase
    # The site's look: its stylesheet and mark, the skip link and the landmarks; no inline style (CSP).
    assert "css/site.css" in contenu and "Département de la Drôme" in texte
    assert 'href="#contenu"' in contenu and "<main" in contenu and 'role="banner"' in contenu
    assert "<style" not in contenu and ' style="' not in contenu
    # The full layout's footer (contact details, newsletter) needs the database; the standalone pages go without.
    assert ("Nous contacter" in texte) is avec_menus
    return texte


def test_a_page_that_does_not_exist(client, home):
    texte = verifier_page_erreur(client.get("/cette-page-n-existe-pas/"), 404, "Page introuvable")
    assert "Rechercher sur le site" in texte


def test_a_refused_host_reads_nothing_from_the_database(client, home, django_assert_num_queries):
    """A request for a host the site does not serve: the 400 page without menus, which would need the database
    (and would look the host up again)."""
    with django_assert_num_queries(0):
        reponse = client.get("/", HTTP_HOST="hote-inconnu.example")
    texte = verifier_page_erreur(reponse, 400, "Requête invalide", avec_menus=False)
    assert "Vérifiez l'adresse" in texte


def test_a_nul_byte_gets_the_same_400_page(client, home):
    verifier_page_erreur(client.get("/recherche/?q=a%00b"), 400, "Requête invalide", avec_menus=False)


@pytest.mark.django_db
def test_a_failing_view_gets_the_500_page_without_a_query(home, django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with mock.patch.object(views, "url_publique", side_effect=RuntimeError("panne")):
        reponse = client.get("/robots.txt")
    texte = verifier_page_erreur(reponse, 500, "Erreur du serveur", avec_menus=False)
    assert "pas du vôtre" in texte and "vos informations n'ont peut-être pas été enregistrées" in texte
    with django_assert_num_queries(0):
        assert views.server_error(RequestFactory().get("/")).status_code == 500


def test_a_public_form_sent_without_its_token(home):
    """A form left open for hours, or cookies refused: Django's English page spoke of DEBUG."""
    page_demande = DemandeFormPageFactory(parent=home)
    client = Client(enforce_csrf_checks=True)
    reponse = client.post(page_demande.url, {"titre": "Rénovation de l'école"})
    texte = verifier_page_erreur(reponse, 403, "Formulaire expiré")
    assert "rien n'a été enregistré" in texte and "accepte les cookies" in texte
    assert "connexion de l'administration" not in texte


def test_the_admin_login_sent_without_its_token(home):
    client = Client(enforce_csrf_checks=True)
    reponse = client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"})
    texte = verifier_page_erreur(reponse, 403, "Formulaire expiré")
    assert "Revenir à la page de connexion de l'administration" in texte


@pytest.mark.urls("tests.urls_erreurs")
def test_a_page_the_account_may_not_see(client, home):
    client.force_login(compte("agent_sded", "Agents des partenaires"))
    texte = verifier_page_erreur(client.get("/reserve/"), 403, "Accès refusé")
    assert "votre compte ne permet pas de la consulter" in texte
    assert "(agent_sded)" in texte and "Revenir au tableau de bord de l'administration" in texte
    client.logout()
    assert "Vous connecter avec un compte autorisé" in lu(client.get("/reserve/"))


def test_a_form_sent_once_too_often(client, home, settings):
    """The newsletter's subscription, 6th time in the hour from one address: when to try again, and Retry-After."""
    for n in range(5):
        client.post(reverse("newsletter:inscrire"), {"email": f"maire{n}@commune.example"})
    reponse = client.post(reverse("newsletter:inscrire"), {"email": "sixieme@commune.example"})
    assert reponse.status_code == 429 and 3590 <= int(reponse["Retry-After"]) <= 3600
    texte = lu(reponse)
    assert "plusieurs abonnements en peu de temps" in texte and "(dans 60 minutes)" in texte
    assert 'value="sixieme@commune.example"' in reponse.content.decode()
