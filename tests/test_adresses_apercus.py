"""Page addresses in ASCII and previews under the second factor (issue #22, item 1; docs/contenu.md « Adresses des
pages »).

Production requires the second factor of every admin account (WAGTAIL_2FA_REQUIRED): the editors and moderators
here log in as there, password then TOTP code. On the demo site (every page type), each page is renamed
« L'éclairage public de la mairie d'Étoile », its address made again from that title, then previewed as the
editor would: Wagtail's side panel (the form POSTed to the preview view, then the GET its iframe and the « new
tab » button load), each preview mode (the newsletter's web page, HTML e-mail and text e-mail), the newsletter's
own e-mail preview, and the link of the e-mail that asks the moderators to review the page. Each must show the
page, never « Page introuvable »; and the same for a page whose address still has accents (written before the
ASCII slugs, under a parent with an accented slug), which is what answered 404.
"""

import html
import importlib
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from site_collectivites.models.adresses import REMPLACEMENTS_SLUG, champ_slug_ascii, slug_ascii
from tests.factories import StandardPageFactory
from tests.instantanes import demo_en_transaction
from tests.utils import donnees_formulaire_page

TITRE = "L'éclairage public de la mairie d'Étoile"
SLUG = "l-eclairage-public-de-la-mairie-d-etoile"
MOT_DE_PASSE = "un-mot-de-passe-solide-2026"
INTROUVABLE = "Page introuvable"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


def connecte_avec_deux_facteurs(nom, groupe):
    """A client logged in as production asks: password, then the TOTP code of the account's device."""
    utilisateur = User.objects.create_user(nom, f"{nom}@ladrome.example", MOT_DE_PASSE)
    utilisateur.groups.add(Group.objects.get(name=groupe))
    appareil = TOTPDevice.objects.create(user=utilisateur, name="Téléphone", confirmed=True)
    client = Client()
    assert client.post("/admin/login/", {"username": nom, "password": MOT_DE_PASSE}).status_code == 302
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/auth")  # the second factor is asked
    assert client.post("/admin/2fa/auth", {"otp_token": f"{totp(appareil.bin_key):06d}"}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200
    return client, utilisateur


@pytest.fixture
def deux_facteurs(settings):
    settings.WAGTAIL_2FA_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def une_page_par_type():
    """One live page of each page type of the demo site (the home page included), specific."""
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        pages.setdefault(type(page), page)
    return pages


def types_de_page_du_site():
    return {modele for modele in apps.get_models() if issubclass(modele, Page) and modele is not Page
            and modele._meta.app_label not in ("wagtailcore",)}


def renommer(page):
    """The title of the issue, and the address the site makes from it (as a new page gets it)."""
    page.title = TITRE
    if not page.is_site_root():
        page.slug = ""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


donnees_du_formulaire = donnees_formulaire_page


def apercu(client, page, mode=""):
    """The side panel's preview: the form POSTed, then the page its iframe (and « new tab ») loads."""
    adresse = f"/admin/pages/{page.pk}/edit/preview/"
    reponse = client.post(f"{adresse}?mode={mode}", donnees_du_formulaire(client, page))
    assert reponse.json() == {"is_valid": True, "is_available": True}, (type(page).__name__, reponse.content[:500])
    return client.get(adresse, {"mode": mode})


def montre_la_page(reponse, page):
    contenu = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200, (type(page).__name__, reponse.status_code)
    assert INTROUVABLE not in contenu, type(page).__name__
    return contenu


def test_slugs_from_french_titles_are_ascii_with_apostrophes_as_word_breaks():
    assert slug_ascii(TITRE) == SLUG
    assert slug_ascii("L’extinction de l’éclairage") == "l-extinction-de-l-eclairage"
    assert slug_ascii("Œuvres d'art à Saint-Jean-en-Royans") == "oeuvres-d-art-a-saint-jean-en-royans"
    assert slug_ascii("Journée d'information « Eau » — Crest") == "journee-d-information-eau-crest"


@pytest.mark.django_db
def test_the_admin_slug_field_folds_french_titles_in_the_browser_too(settings):
    """The slug input: ASCII (Wagtail's setting) and our table as the formatters Wagtail's w-slug runs first."""
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    attributs = champ_slug_ascii().attrs
    assert attributs["data-controller"] == "w-slug" and attributs["data-w-slug-allow-unicode-value"] is False
    assert json.loads(attributs["data-w-slug-formatters-value"]) == [
        [[motif, "giu"], remplacement] for motif, remplacement in REMPLACEMENTS_SLUG]


@pytest.mark.django_db
def test_pages_made_in_code_get_ascii_slugs(home):
    page = StandardPageFactory(parent=home, title=TITRE, slug="")
    assert page.slug == SLUG and page.url == f"/{SLUG}/"
    deuxieme = StandardPageFactory(parent=home, title=TITRE, slug="")
    assert deuxieme.slug == f"{SLUG}-2"
    accentuee = StandardPageFactory(parent=home, title="Rénovation", slug="rénovation-école")
    assert accentuee.slug == "renovation-ecole"


@pytest.mark.django_db
def test_a_slug_typed_with_accents_in_the_admin_is_saved_in_ascii(home, client):
    client.force_login(User.objects.create_superuser("admin", "admin@ladrome.example", MOT_DE_PASSE))
    page = StandardPageFactory(parent=home, title="Rénovation")
    donnees = donnees_du_formulaire(client, page)
    donnees["slug"] = "rénovation-de-l-école"
    reponse = client.post(f"/admin/pages/{page.pk}/edit/", donnees)
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().slug == "renovation-de-l-ecole"


def test_a_page_under_an_accented_address_previews_under_the_second_factor(home, deux_facteurs):
    """Written before the ASCII slugs (and before migration 0011 renames it): the address is percent-encoded."""
    redacteur, _ = connecte_avec_deux_facteurs("redactrice", "Rédacteurs")
    parent = StandardPageFactory(parent=home, title="Actualités")
    Page.objects.filter(pk=parent.pk).update(slug="actualités", url_path=f"{home.url_path}actualités/")
    page = StandardPageFactory(parent=Page.objects.get(pk=parent.pk), title=TITRE, slug="")
    assert page.url == f"/actualit%C3%A9s/{SLUG}/"
    assert TITRE in montre_la_page(apercu(redacteur, page), page)


def liens(message):
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.django_db
def test_migration_0011_renames_accented_slugs_and_keeps_the_old_addresses(home, client):
    parent = StandardPageFactory(parent=home, title="Actualités")
    Page.objects.filter(pk=parent.pk).update(slug="actualités", url_path=f"{home.url_path}actualités/")
    enfant = StandardPageFactory(parent=Page.objects.get(pk=parent.pk), title="L'extinction de l'éclairage")
    Page.objects.filter(pk=enfant.pk).update(slug="lextinction-de-léclairage",
                                             url_path=f"{home.url_path}actualités/lextinction-de-léclairage/")
    choisie = StandardPageFactory(parent=home, title="Mentions légales", slug="mentions")
    enfant = Page.objects.get(pk=enfant.pk).specific
    # A draft written before, with the old slug: it must not bring it back when published.
    brouillon = enfant.save_revision()
    brouillon.content["slug"] = "lextinction-de-léclairage"
    brouillon.save()
    assert client.get("/actualit%C3%A9s/lextinction-de-l%C3%A9clairage/").status_code == 200

    importlib.import_module("site_collectivites.migrations.0011_slugs_ascii").reecrire_slugs(apps)

    parent.refresh_from_db()
    enfant.refresh_from_db()
    choisie.refresh_from_db()
    assert parent.url == "/actualites/" and enfant.url == "/actualites/l-extinction-de-l-eclairage/"
    assert choisie.url == "/mentions/"  # chosen by an editor, in ASCII: unchanged
    assert client.get(enfant.url).status_code == 200
    for ancienne, nouvelle in (("/actualit%C3%A9s/", "/actualites/"),
                               ("/actualités/", "/actualites/"),
                               ("/actualit%C3%A9s/lextinction-de-l%C3%A9clairage/",
                                "/actualites/l-extinction-de-l-eclairage/")):
        reponse = client.get(ancienne)
        assert reponse.status_code == 301 and reponse["Location"].endswith(nouvelle), ancienne
    assert Redirect.objects.count() == 3  # the parent, its child under the parent's old address, the child's own
    enfant.get_latest_revision().publish()
    enfant.refresh_from_db()
    assert enfant.slug == "l-extinction-de-l-eclairage"


# The demo site's tests last: the module's demo stays in place until the module ends, and the tests above make
# their own home page.
def test_every_page_type_previews_under_the_second_factor(demo, db, deux_facteurs):
    redacteur, _ = connecte_avec_deux_facteurs("redactrice", "Rédacteurs")
    pages = une_page_par_type()
    assert set(pages) == types_de_page_du_site(), "la démo n'a pas une page de chaque type"
    for page in pages.values():
        page = renommer(page)
        # Siblings renamed alike get Wagtail's suffix (-2, -3…).
        assert page.is_site_root() or re.fullmatch(SLUG + r"(-\d+)?", page.slug), (type(page).__name__, page.slug)
        for mode, _libelle in page.preview_modes:
            contenu = montre_la_page(apercu(redacteur, page, mode), page)
            if mode == "":
                # The home page shows its hook line, not its title.
                attendu = page.hero_titre if page.is_site_root() else TITRE
                assert attendu in contenu, type(page).__name__
        if page.specific_class._meta.model_name == "newsletterpage":
            # The newsletter's own « Aperçu du courriel » (newsletter/admin_views.py).
            montre_la_page(redacteur.get(f"/admin/lettre/envoi/{page.pk}/apercu/"), page)
            montre_la_page(redacteur.get(f"/admin/lettre/envoi/{page.pk}/apercu/?format=texte"), page)


def test_the_moderators_review_link_shows_every_page_type_under_the_second_factor(demo, db, deux_facteurs):
    _, redactrice = connecte_avec_deux_facteurs("redactrice", "Rédacteurs")
    moderateur, _ = connecte_avec_deux_facteurs("moderateur", "Modérateurs")
    for page in une_page_par_type().values():
        page = renommer(page)
        mail.outbox.clear()
        page.save_revision(user=redactrice)
        page.get_workflow().start(page, redactrice)
        (demande,) = [m for m in mail.outbox if "moderateur@ladrome.example" in m.to]
        (lien,) = [lien for lien in liens(demande) if "/preview/" in lien]
        reponse = moderateur.get(re.sub(r"^https?://[^/]+", "", lien))
        attendu = page.hero_titre if page.is_site_root() else TITRE
        assert attendu in montre_la_page(reponse, page), type(page).__name__
        page.current_workflow_state.cancel(user=redactrice)


def test_the_skeleton_and_the_demo_write_ascii_addresses(demo, db):
    accentuees = [chemin for chemin in Page.objects.values_list("url_path", flat=True) if not chemin.isascii()]
    assert accentuees == []
