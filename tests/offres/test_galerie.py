"""A réalisation's gallery (#19 item 5): each photo is a link to a larger rendition of it, which the browser opens
on its own (no JavaScript), named « Agrandir la photo : <its alt text> »."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.offres.factories import RealisationIndexPageFactory
from tests.test_images_cartes import galerie, realisation

pytestmark = pytest.mark.django_db


def photo(largeur, hauteur):
    return get_image_model().objects.create(title="Photo", description="Vue de la cour",
                                            file=get_test_image_file(size=(largeur, hauteur)))


@pytest.mark.urls("tests.browser.urls_medias")  # the site's URLs and /media/images/, as nginx serves them
def test_each_photo_of_the_gallery_opens_larger(client, home):
    page = realisation(RealisationIndexPageFactory(parent=home), "École rénovée")
    page.galerie = galerie((photo(2400, 1600), "La cour rénovée", False), (photo(1000, 800), "", True))
    page.save_revision().publish()
    soupe = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    liens = soupe.select("ul.galerie a.galerie__lien")
    assert len(liens) == 2

    premier, second = liens
    vignette = premier.find("img")
    assert vignette["alt"] == "La cour rénovée" and vignette["loading"] == "lazy"
    # Its accessible name: the hidden words, then the photo's alt text.
    assert premier.find(class_="sr-only").get_text() + vignette["alt"] == "Agrandir la photo : La cour rénovée"
    assert second.find(class_="sr-only").get_text() == "Agrandir la photo 2" and second.find("img")["alt"] == ""

    reponse = client.get(premier["href"])
    assert reponse.status_code == 200 and reponse["Content-Type"].startswith("image/")
    grande = PILImage.open(io.BytesIO(b"".join(reponse.streaming_content)))
    assert grande.size == (1600, 1066)  # larger than the largest thumbnail (800 px), never above 1600 px
    reponse = client.get(second["href"])
    assert reponse.status_code == 200 and reponse["Content-Type"].startswith("image/")
    assert PILImage.open(io.BytesIO(b"".join(reponse.streaming_content))).size == (1000, 800)  # never enlarged
