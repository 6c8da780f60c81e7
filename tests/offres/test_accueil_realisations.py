"""The home page's "Réalisations sur le territoire" section: 3 featured/latest, cached, cleared on publish."""

import pytest
from django.core.cache import cache

from site_collectivites.territoire.models import Epci
from tests.offres.factories import RealisationIndexPageFactory, RealisationPageFactory
from tests.utils import count_queries, titres_de_la_section


@pytest.fixture(autouse=True)
def cache_vide():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_section_realisations_de_l_accueil(client, home, ref):
    epci = Epci.objects.create(siren="242600534", nom="CC du Diois", slug="cc-du-diois", nature="CC")
    index = RealisationIndexPageFactory(parent=home)
    for i in range(4):
        RealisationPageFactory(parent=index, title=f"Projet {i}", annee=2020 + i, type_maitre_ouvrage="epci",
                               epci=epci, thematiques=[ref.energie])
    une = RealisationPageFactory(parent=index, title="Projet à la une", annee=2019, mise_en_avant=True,
                                 type_maitre_ouvrage="epci", epci=epci, thematiques=[ref.energie])
    html = client.get(home.url).content.decode()
    assert "Réalisations sur le territoire" in html
    titres = titres_de_la_section(client.get(home.url).content.decode(), "realisations")
    assert titres == ["Projet à la une", "Projet 3", "Projet 2"]
    assert une.url in html

    # Cached: the second visit costs no query for the section; publishing clears it.
    avant = count_queries(lambda: client.get(home.url))
    RealisationPageFactory(parent=index, title="Nouveau projet", annee=2030, type_maitre_ouvrage="epci",
                           epci=epci, thematiques=[ref.energie])
    titres = titres_de_la_section(client.get(home.url).content.decode(), "realisations")
    assert titres == ["Projet à la une", "Nouveau projet", "Projet 3"]
    assert count_queries(lambda: client.get(home.url)) == avant
