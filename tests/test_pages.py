"""The site-wide pages render real content, as a visitor sees them."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.images.blocks import ImageBlock
from wagtail.images.tests.utils import get_test_image_file
from wagtail.images.models import Image
from wagtail_factories import DocumentFactory

from site_collectivites.demo.utils import stream
from site_collectivites.models import Navigation, ParametresSite
from site_collectivites.views import server_error
from tests.factories import PlanDuSitePageFactory, StandardPageFactory, ThematiqueFactory


@pytest.fixture
def image(db):
    return Image.objects.create(title="Vue du Vercors", file=get_test_image_file(size=(1200, 800)))


def test_home_page_shows_hero_thematiques_figures_and_call_to_action(client, home):
    ThematiqueFactory(nom="Énergie", slug="energie")
    ThematiqueFactory(nom="Habitat", slug="habitat")
    catalogue = StandardPageFactory(parent=home, title="L'offre", slug="offre")
    home.chiffres_cles = stream(("chiffre", {"valeur": "825", "libelle": "demandes en 2025"}))
    home.page_catalogue = catalogue
    home.demande_texte = "Un seul formulaire."
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "L&#x27;ingénierie publique au service des collectivités drômoises" in html
    assert html.count("<h1") == 1
    assert 'href="/offre/?thematique=energie"' in html
    assert "Habitat" in html
    assert "825" in html and "demandes en 2025" in html
    assert "Faire une demande d&#x27;accompagnement" in html
    assert "Un seul formulaire." in html


def test_home_page_does_not_break_when_every_section_is_empty(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trouver de l&#x27;aide par thématique" not in html  # no thématiques yet: section hidden
    assert "en chiffres" not in html
    assert "Dernières actualités" not in html


def test_home_thematique_tiles_are_not_links_without_catalogue(client, home):
    ThematiqueFactory(nom="Énergie", slug="energie")
    html = client.get("/").content.decode()
    assert "Énergie" in html
    assert "?thematique=energie" not in html


def test_standard_page_renders_every_shared_block(client, home, image):
    document = DocumentFactory(title="Guide des aides 2026")
    parent = StandardPageFactory(parent=home, title="Actualités", slug="actualites")
    StandardPageFactory(parent=parent, title="Une nouvelle récente", slug="nouvelle")
    page = StandardPageFactory(
        parent=home,
        title="Tout sur l'ingénierie",
        slug="tout",
        intro="Un chapô clair.",
        corps=stream(
            ("texte", "<h2>Objectifs</h2><p>Aider les communes.</p>"),
            ("image", {"image": {"image": image.pk, "decorative": False, "alt_text": "Falaises du Vercors"},
                       "legende": "Le Vercors", "credit": "Département"}),
            ("citation", {"citation": "Un appui précieux.", "auteur": "Une maire", "fonction": "Diois"}),
            ("appel_action", {"titre": "Un projet ?", "texte": "Écrivez-nous.",
                              "lien": {"page": None, "url": "https://www.ladrome.fr/", "libelle": "Le site"}}),
            ("accordeon", {"titre": "Questions", "elements": [
                {"question": "Qui peut demander ?", "reponse": "<p>Les communes et EPCI.</p>"}]}),
            ("documents", {"titre": "À télécharger", "documents": [document.pk]}),
            ("video", {"titre": "Présentation", "video": "https://video.example.org/watch/1",
                       "transcription": "<p>Bonjour et bienvenue.</p>"}),
            ("tableau", {"titre": "Demandes par année", "tableau": {
                "data": [["Année", "Demandes"], ["2025", "825"]], "first_row_is_table_header": True}}),
            ("derniers_contenus", {"titre": "Dernières nouvelles", "page_parente": parent.pk, "nombre": 3}),
        ),
    )

    html = client.get(page.url).content.decode()

    assert "<h1>Tout sur l&#x27;ingénierie</h1>" in html
    assert "Un chapô clair." in html
    assert "<h2>Objectifs</h2>" in html
    # Image: a <picture> with AVIF and WebP sources, a srcset, lazy loading and the contextual alt text.
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert re.search(r'<img[^>]+alt="Falaises du Vercors"', html)
    assert 'loading="lazy"' in html and "srcset=" in html
    assert "original_images" not in html
    assert "Un appui précieux." in html and "Une maire" in html
    assert 'href="https://www.ladrome.fr/"' in html
    assert "<summary>Qui peut demander ?</summary>" in html
    assert "Guide des aides 2026" in html
    assert "Transcription de la vidéo" in html and "Bonjour et bienvenue." in html
    assert 'src="https://video.example.org/watch/1"' in html  # local embed finder: no network
    assert "<caption>Demandes par année</caption>" in html
    assert '<th scope="col">Année</th>' in html and '<th scope="row">2025</th>' in html
    assert "Une nouvelle récente" in html


def test_image_block_requires_alt_text_unless_decorative(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "decorative": False, "alt_text": ""}))
    decorative = block.clean(block.to_python({"image": image.pk, "decorative": True, "alt_text": ""}))
    assert decorative.pk == image.pk and decorative.decorative is True


def test_plan_du_site_lists_published_pages_only(client, home):
    section = StandardPageFactory(parent=home, title="Rubrique publiée", slug="rubrique")
    StandardPageFactory(parent=section, title="Sous-page publiée", slug="sous-page")
    StandardPageFactory(parent=home, title="Brouillon caché", slug="brouillon", live=False)
    plan = PlanDuSitePageFactory(parent=home)

    html = client.get(plan.url).content.decode()

    assert "Rubrique publiée" in html and "Sous-page publiée" in html
    assert "Brouillon caché" not in html
    # Nested lists follow the tree.
    assert re.search(r"Rubrique publiée</a>\s*<ul class=\"plan\">\s*<li><a href=\"/rubrique/sous-page/\">", html)


def test_breadcrumbs_show_the_way_back(client, home):
    section = StandardPageFactory(parent=home, title="Ressources", slug="ressources")
    page = StandardPageFactory(parent=section, title="Guide", slug="guide")
    html = client.get(page.url).content.decode()
    assert 'aria-label="Fil d\'Ariane"' in html
    assert '<a href="/">Accueil</a>' in html and '<a href="/ressources/">Ressources</a>' in html
    assert '<span aria-current="page">Guide</span>' in html


def test_seo_tags_on_every_page(client, home):
    page = StandardPageFactory(
        parent=home, title="Mentions légales", slug="mentions-legales", search_description="Éditeur du site."
    )
    html = client.get(page.url).content.decode()
    assert '<html lang="fr">' in html
    assert "<title>Mentions légales – Ingénierie publique – Département de la Drôme</title>" in html
    assert '<meta name="description" content="Éditeur du site.">' in html
    assert '<link rel="canonical" href="http://testserver/mentions-legales/">' in html
    assert '<meta property="og:title" content="Mentions légales">' in html
    assert '<meta property="og:url" content="http://testserver/mentions-legales/">' in html


def test_og_image_falls_back_to_site_default(client, home, image):
    parametres = ParametresSite.for_site(home.get_site())
    parametres.image_partage_defaut = image
    parametres.save()
    html = client.get("/").content.decode()
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">', html)


def test_menu_and_footer_come_from_settings_and_skip_unpublished_pages(client, home):
    contact = StandardPageFactory(parent=home, title="Contact", slug="contact")
    offre = StandardPageFactory(parent=home, title="L'offre", slug="offre")
    draft = StandardPageFactory(parent=home, title="Rubrique en travaux", slug="travaux")
    navigation = Navigation.for_site(home.get_site())
    navigation.menu_principal = stream(
        ("lien", {"page": offre.pk, "url": "", "libelle": ""}),
        ("lien", {"page": draft.pk, "url": "", "libelle": ""}),
    )
    navigation.liens_pied_de_page = stream(("lien", {"page": contact.pk, "url": "", "libelle": "Nous écrire"}))
    navigation.save()
    draft.unpublish()

    html = client.get(offre.url).content.decode()

    menu = html[html.index('aria-label="Menu principal"'):html.index("</nav>", html.index('aria-label="Menu principal"'))]
    assert '<a href="/offre/" aria-current="page">L&#x27;offre</a>' in menu
    assert "Rubrique en travaux" not in menu
    assert '<a href="/contact/">Nous écrire</a>' in html


def test_footer_shows_contact_details(client, home):
    parametres = ParametresSite.for_site(home.get_site())
    parametres.email = "relations-collectivites@ladrome.fr"
    parametres.telephone = "04 75 79 26 26"
    parametres.save()
    html = client.get("/").content.decode()
    assert 'href="mailto:relations-collectivites@ladrome.fr"' in html
    assert 'href="tel:0475792626"' in html


def test_not_found_page_is_in_french_with_404(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Le site rencontre un problème" in response.content.decode()


def test_skip_link_and_landmarks(client, home):
    html = client.get("/").content.decode()
    assert html.index('class="lien-evitement" href="#contenu"') < html.index("<header")
    for landmark in ('<header class="entete" role="banner">', '<main id="contenu"', 'role="contentinfo"'):
        assert landmark in html
