"""The former site's addresses (#16): imported through Wagtail's redirects admin as a moderator does it, from the
sample file the project ships, they answer 301 to the new pages — with the page cache on — and keep following a
page that editors move afterwards (site_collectivites/exploitation/redirections.py, docs/deploy.md § 9b)."""

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from tests.factories import StandardPageFactory
from tests.offres.factories import OffreIndexPageFactory, OffrePageFactory

EXEMPLE = Path(__file__).resolve().parents[1] / "deploy" / "redirections-exemple.csv"


@pytest.fixture(autouse=True)
def cache_actif(settings):
    settings.CACHE_PAGES = True
    # The site's public address as in production: Wagtail's « nouvelle adresse » field refuses a host without a
    # domain (http://testserver); requests still arrive on testserver.
    settings.SITE_URL = "https://collectivites.ladrome.fr"


@pytest.fixture
def pages_du_site(home):
    """The pages the sample file leads to, at the paths of the demo's tree."""
    catalogue = OffreIndexPageFactory(parent=home)
    offres = {slug: OffrePageFactory(parent=catalogue, title=slug.replace("-", " ").capitalize(), slug=slug)
              for slug in ("conseil-en-energie-des-communes", "bornes-de-recharge-eborn",
                           "premier-conseil-architecte", "amenager-espace-public")}
    aides = StandardPageFactory(parent=home, title="Aides financières", slug="aides-financieres")
    return {"catalogue": catalogue, "aides": aides, **offres}


@pytest.fixture
def moderateur(db):
    user = User.objects.create_user("moderatrice", password="mot-de-passe-de-test-2026")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def lignes_de_l_exemple():
    texte = EXEMPLE.read_text(encoding="utf-8")
    return texte, list(csv.reader(io.StringIO(texte)))[1:]


def importer(client, texte):
    """Wagtail's two screens: the file, then the columns (« Champ source », « Champ destination »)."""
    fichier = SimpleUploadedFile("redirections.csv", texte.encode("utf-8"), content_type="text/csv")
    colonnes = client.post(reverse("wagtailredirects:start_import"), {"import_file": fichier})
    assert colonnes.status_code == 200
    contenu = colonnes.content.decode()
    assert "Champ source" in contenu and "Ancienne adresse" in contenu
    formulaire = colonnes.context["form"]
    return client.post(reverse("wagtailredirects:process_import"), {
        "import_file_name": formulaire.initial["import_file_name"],
        "input_format": formulaire.initial["input_format"],
        "from_index": "0", "to_index": "1", "permanent": "on", "site": "",
    })


def test_the_sample_file_imported_by_a_moderator_answers_301_to_the_new_pages(client, pages_du_site, moderateur,
                                                                               settings):
    texte, lignes = lignes_de_l_exemple()
    visiteur = Client()
    # Before the import: the old address is a 404 (never stored by the page cache).
    assert visiteur.get("/service/conseil-en-energie/").status_code == 404

    client.force_login(moderateur)
    fin = importer(client, texte)
    assert fin.status_code == 302, fin.context and fin.context.get("import_summary") and fin["Location"] == reverse("wagtailredirects:index")
    messages = [str(m).strip() for m in fin.wsgi_request._messages]
    assert f"{len(lignes)} règles de redirection importées" in messages

    for ancienne, nouvelle in lignes:
        reponse = visiteur.get(ancienne)
        assert reponse.status_code == 301, ancienne
        assert reponse["Location"] == nouvelle.removeprefix(settings.SITE_URL), ancienne
        assert visiteur.get(reponse["Location"]).status_code == 200
    # Every new address is a page of the site: each redirect is tied to its page, not to a URL.
    assert not Redirect.objects.exclude(redirect_link="").exists()


def test_an_imported_redirect_follows_its_page_when_editors_move_it(client, pages_du_site, moderateur, settings):
    texte, _ = lignes_de_l_exemple()
    client.force_login(moderateur)
    importer(client, texte)
    page = pages_du_site["conseil-en-energie-des-communes"]
    page.slug = "conseil-energie"
    page.save_revision().publish()

    reponse = Client().get("/service/conseil-en-energie/")
    assert reponse.status_code == 301
    assert reponse["Location"] == "/offre-ingenierie/conseil-energie/"  # one hop, straight to where it is now


def test_an_address_outside_the_site_stays_as_typed(client, home, moderateur, settings):
    client.force_login(moderateur)
    importer(client, "Ancienne adresse,Nouvelle adresse\n/partenaires/caue/,https://www.caue26.fr/\n")
    reponse = Client().get("/partenaires/caue/")
    assert reponse.status_code == 301 and reponse["Location"] == "https://www.caue26.fr/"


def test_an_editor_without_the_permission_cannot_import(client, home):
    redacteur = User.objects.create_user("redacteur", password="mot-de-passe-de-test-2026")
    redacteur.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(redacteur)
    reponse = client.get(reverse("wagtailredirects:start_import"))
    assert reponse.status_code == 302 and reponse["Location"] == reverse("wagtailadmin_home")
    assert not Redirect.objects.exists()
