"""The site's identity as site settings (#19 item 4): the organisation's and the site's names and the logo,
with its text alternative, in the header of every page; the standalone error pages keep the defaults."""

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from site_collectivites.models import ParametresSite

pytestmark = pytest.mark.django_db


def marque(client, chemin="/"):
    return BeautifulSoup(client.get(chemin).content.decode(), "html.parser").find("a", class_="entete__marque")


def test_the_header_shows_the_names_and_logo_of_the_settings(client, home):
    lien = marque(client)
    assert lien.find("img")["alt"] == "" and lien.find("img")["src"].endswith(".svg")  # the emblem, decorative
    assert lien.find(class_="entete__departement").get_text() == "Département de la Drôme"

    parametres = ParametresSite.for_site(home.get_site())
    parametres.nom_organisation, parametres.nom_site = "Département de la Drôme", "Ingénierie territoriale"
    parametres.logo = ImageFactory(title="Logo du Département")
    parametres.logo_texte_alternatif = "La Drôme, le Département"
    parametres.save()
    lien = marque(client)
    assert lien.find(class_="entete__site").get_text() == "Ingénierie territoriale"
    image = lien.find("img")
    assert image["alt"] == "La Drôme, le Département" and "/media/images/" in image["src"]
    assert lien.get_text(" ", strip=True).endswith("– accueil")  # the visible name, then « accueil »


def test_the_editors_find_the_identity_in_the_settings(admin_client, home):
    html = admin_client.get(f"/admin/settings/site_collectivites/parametressite/{home.get_site().pk}/").content.decode()
    for libelle in ("Identité (en-tête de chaque page)", "Nom de l&#x27;organisation", "Texte alternatif du logo"):
        assert libelle in html
