"""Pictures on the cards (#19 item 5): a news item's, an event's, a réalisation's and the home page's cards show
their picture in AVIF, WebP and JPEG renditions with a srcset, loaded lazily, with the image's alternative text
(or the one of its place in a gallery, empty when marked decorative); a listing of cards with pictures costs the
same number of queries whatever its length."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from site_collectivites.demo.utils import stream
from tests.agenda.factories import (
    ActualiteIndexPageFactory,
    ActualitePageFactory,
    AgendaIndexPageFactory,
    EvenementPageFactory,
    paris,
)
from tests.factories import ThematiqueFactory
from tests.offres.factories import RealisationIndexPageFactory, RealisationPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
NOW = paris(2026, 11, 23, 10, 0)


def photo(description="Falaises du Vercors au printemps"):
    return get_image_model().objects.create(title="Photo", description=description,
                                            file=get_test_image_file(size=(1200, 800)))


def galerie(*photos):
    """A gallery: (image, alt text, decorative) for each photo."""
    return stream(*[("image", {"image": image.pk, "alt_text": alt, "decorative": decorative})
                    for image, alt, decorative in photos])


def realisation(index, titre, image=None, alt="La cour rénovée de l'école", decorative=False):
    from site_collectivites.territoire.models import Epci

    epci, _ = Epci.objects.get_or_create(siren="242600534", defaults={"nom": "CC du Diois", "nature": "CC"})
    return RealisationPageFactory(parent=index, title=titre, thematiques=[ThematiqueFactory()],
                                  type_maitre_ouvrage="epci", epci=epci,
                                  galerie=galerie((image, alt, decorative)) if image else "")


def carte(html, titre):
    """The card (<li>) whose title is `titre`."""
    lien = BeautifulSoup(html, "html.parser").find("a", string=titre)
    assert lien is not None, titre
    return lien.find_parent("li")


def assert_image_de_carte(li, alt):
    picture = li.find("picture")
    assert picture is not None, li
    types = {source["type"] for source in picture.find_all("source")}
    assert types == {"image/avif", "image/webp"}
    assert all("400w" in source["srcset"] and "800w" in source["srcset"] for source in picture.find_all("source"))
    img = picture.find("img")
    assert img["alt"] == alt and img["loading"] == "lazy"
    assert "fill-400x225" in img["src"]


def get(client, url):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        reponse = client.get(url)
    assert reponse.status_code == 200
    return reponse.content.decode()


def test_a_news_card_shows_its_picture_with_its_alternative_text(client, home):
    actualites = ActualiteIndexPageFactory(parent=home)
    ActualitePageFactory(parent=actualites, title="Avec photo", image=photo("Le Vercors vu de Crest"))
    ActualitePageFactory(parent=actualites, title="Sans photo")
    html = get(client, actualites.url)
    assert_image_de_carte(carte(html, "Avec photo"), "Le Vercors vu de Crest")
    assert carte(html, "Sans photo").find("picture") is None


def test_an_event_shows_its_picture_on_its_card_and_its_page(client, home):
    agenda = AgendaIndexPageFactory(parent=home)
    evenement = EvenementPageFactory(parent=agenda, title="Rencontre", image=photo("Salle du conseil de Die"),
                                     debut=paris(2026, 12, 1, 9), fin=paris(2026, 12, 1, 12))
    EvenementPageFactory(parent=agenda, title="Atelier", debut=paris(2026, 12, 2, 9), fin=paris(2026, 12, 2, 12))
    html = get(client, agenda.url)
    assert_image_de_carte(carte(html, "Rencontre"), "Salle du conseil de Die")
    assert carte(html, "Atelier").find("picture") is None
    page = BeautifulSoup(get(client, evenement.url), "html.parser")
    image = page.select_one("main figure picture img")
    assert image["alt"] == "Salle du conseil de Die" and "width-800" in image["srcset"]
    assert page.find("meta", property="og:image")["content"].startswith("http")


def test_a_realisation_card_shows_the_first_photo_of_its_gallery(client, home):
    index = RealisationIndexPageFactory(parent=home)
    image = photo()
    realisation(index, "École rénovée", image)
    realisation(index, "Même photo, décorative", image, alt="", decorative=True)
    realisation(index, "Sans galerie")
    html = get(client, index.url)
    # One image, two texts: the card keeps the one of its own gallery.
    assert_image_de_carte(carte(html, "École rénovée"), "La cour rénovée de l'école")
    assert_image_de_carte(carte(html, "Même photo, décorative"), "")
    assert carte(html, "Sans galerie").find("picture") is None


def test_the_home_page_cards_show_their_pictures(client, home):
    actualites = ActualiteIndexPageFactory(parent=home)
    agenda = AgendaIndexPageFactory(parent=home)
    realisations = RealisationIndexPageFactory(parent=home)
    ActualitePageFactory(parent=actualites, title="Actualité illustrée", image=photo("Des vignes"))
    EvenementPageFactory(parent=agenda, title="Événement illustré", image=photo("Une salle des fêtes"),
                         debut=paris(2026, 12, 1, 9), fin=paris(2026, 12, 1, 12))
    realisation(realisations, "Réalisation illustrée", photo())
    html = get(client, "/")
    assert_image_de_carte(carte(html, "Actualité illustrée"), "Des vignes")
    assert_image_de_carte(carte(html, "Événement illustré"), "Une salle des fêtes")
    assert_image_de_carte(carte(html, "Réalisation illustrée"), "La cour rénovée de l'école")


@pytest.mark.parametrize("liste", ["actualites", "agenda", "realisations", "accueil"])
def test_cards_with_pictures_cost_the_same_with_few_and_many(client, home, liste):
    """The first render after a publication, when every card and picture is rendered again."""
    image = photo()
    actualites = ActualiteIndexPageFactory(parent=home)
    agenda = AgendaIndexPageFactory(parent=home)
    realisations = RealisationIndexPageFactory(parent=home)
    url = {"actualites": actualites.url, "agenda": agenda.url, "realisations": realisations.url, "accueil": "/"}[liste]
    compteur = iter(range(100))

    def ajouter(n):
        for _ in range(n):
            i = next(compteur)
            ActualitePageFactory(parent=actualites, image=image)
            EvenementPageFactory(parent=agenda, image=image, debut=paris(2026, 12, 1 + i, 9),
                                 fin=paris(2026, 12, 1 + i, 12))
            realisation(realisations, f"Réalisation {i}", image)

    ajouter(2)
    get(client, url)  # the renditions are made, the process's caches warm
    ajouter(1)
    avec_3 = count_queries(lambda: get(client, url))
    ajouter(7)
    assert count_queries(lambda: get(client, url)) == avec_3
