import pytest

from site_collectivites.territoire.models import Commune, TranchePopulation, tranche_population


@pytest.mark.parametrize(
    ("population", "tranche"),
    [
        (0, TranchePopulation.MOINS_1000),
        (999, TranchePopulation.MOINS_1000),
        (1000, TranchePopulation.DE_1000_A_5000),
        (5000, TranchePopulation.DE_1000_A_5000),
        (5001, TranchePopulation.PLUS_5000),
        (None, ""),
    ],
)
def test_tranche_population_bornes(population, tranche):
    assert tranche_population(population) == tranche
    assert Commune(insee="26999", nom="Essai", population=population).tranche_population == tranche


def test_liste_codes_postaux():
    assert Commune(codes_postaux="26000;26500").liste_codes_postaux == ["26000", "26500"]
    assert Commune(codes_postaux="").liste_codes_postaux == []
