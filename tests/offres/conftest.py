import pytest

from tests.factories import PartenaireFactory, ThematiqueFactory, TypePrestationFactory
from tests.offres.factories import OffreIndexPageFactory, offre


@pytest.fixture
def catalogue(home):
    index = OffreIndexPageFactory(parent=home)
    home.page_catalogue = index
    home.save()
    return index


@pytest.fixture
def ref(db):
    """A small reference set: 3 thématiques, 2 partners, 2 types."""

    class Ref:
        energie = ThematiqueFactory(nom="Énergie", slug="energie", pictogramme="energie")
        eau = ThematiqueFactory(nom="Eau et environnement", slug="eau-et-environnement", pictogramme="eau")
        habitat = ThematiqueFactory(nom="Habitat", slug="habitat", pictogramme="habitat")
        sded = PartenaireFactory(nom="Territoire d'énergie Drôme – SDED", sigle="SDED", slug="sded")
        caue = PartenaireFactory(nom="CAUE de la Drôme", sigle="CAUE", slug="caue", nature="externe")
        conseil = TypePrestationFactory(nom="Conseil", slug="conseil")
        amo = TypePrestationFactory(nom="Assistance à maîtrise d'ouvrage", sigle="AMO", slug="amo")

    return Ref


@pytest.fixture
def offres(catalogue, ref):
    """Five offers spread over the facets (see each test for the expected subsets)."""
    return {
        "renovation": offre(catalogue, "Conseil en énergie des communes", ref.sded, [ref.energie], [ref.conseil],
                            resume="Hiérarchiser les travaux d'économie d'énergie."),
        "eclairage": offre(catalogue, "Éclairage public", ref.sded, [ref.energie], [ref.amo],
                           beneficiaires=("communes", "epci")),
        "batiments": offre(catalogue, "Bâtiments publics économes", ref.caue, [ref.energie, ref.habitat],
                           [ref.conseil], beneficiaires=("communes",)),
        "riviere": offre(catalogue, "Restauration de rivière", ref.caue, [ref.eau], [ref.amo],
                         beneficiaires=("syndicats",), resume="Un cours d'eau plus vivant."),
        "logement": offre(catalogue, "Logements en centre-bourg", ref.caue, [ref.habitat], [ref.amo, ref.conseil],
                          beneficiaires=("communes", "epci")),
    }
