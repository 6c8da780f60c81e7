"""The demo site as a visitor reads it (#19 item 5): a photo for every réalisation and news item, its source noted
in the image's title only, and no note about invented content or reserved `example.org` address in any page's
text."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from agenda.models import ActualitePage
from offres.models import PartenaireIndexPage, RealisationPage
from tests.instantanes import demo_en_transaction

pytestmark = pytest.mark.django_db
SOURCE = "illustration générée pour la démonstration"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


def chemins(client):
    """Every page of the sitemap, and each partner's page (routes of the partners' page)."""
    plan = client.get("/sitemap.xml").content.decode()
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", plan)]
    index = PartenaireIndexPage.objects.live().first()
    partenaires = BeautifulSoup(client.get(index.url).content.decode(), "html.parser").select(".carte-partenaire a")
    return pages + [lien["href"] for lien in partenaires]


def texte_lu(html):
    """What a person reads: the text of the page, its images' alt texts and its links' addresses."""
    soupe = BeautifulSoup(html, "html.parser")
    for element in soupe(["script", "style", "template"]):
        element.decompose()
    morceaux = [soupe.get_text(" ")]
    morceaux += [img.get("alt", "") for img in soupe.find_all("img")]
    morceaux += [lien.get("href", "") for lien in soupe.find_all("a")]
    return " ".join(morceaux)


def test_no_page_shows_an_invented_note_or_a_reserved_address(demo, client):
    fautes = []
    liste = chemins(client)
    assert len(liste) > 50
    for chemin in liste:
        reponse = client.get(chemin)
        assert reponse.status_code == 200, chemin
        texte = texte_lu(reponse.content.decode())
        fautes += [(mot, chemin) for mot in re.findall(r"\S*(?:example\.org|invent[ée]\w*)\S*", texte, re.I)]
    par_mot = {}
    for mot, chemin in fautes:
        par_mot.setdefault(mot, []).append(chemin)
    assert not par_mot, "\n".join(f"{mot} ({len(pages)} pages, e.g. {pages[0]})" for mot, pages in par_mot.items())


def test_every_realisation_and_news_item_has_a_picture_whose_source_is_noted(demo):
    actualites = list(ActualitePage.objects.live().select_related("image"))
    assert actualites and all(a.image and SOURCE in a.image.title for a in actualites)
    styles = {a.image.file.name.split("-")[1] for a in actualites}
    assert len(styles) >= 4  # varied pictures, not one landscape again and again
    for realisation in RealisationPage.objects.live():
        photo = realisation.image_carte
        assert photo is not None and SOURCE in photo.title, realisation.title
        assert SOURCE not in (photo.contextual_alt_text or "")  # in the credit, not in what is read
