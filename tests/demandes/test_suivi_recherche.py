"""The demandes listing's search ignores accents and case, as people type (« eclairage » on a phone), and stays
within what the user may see."""

import pytest
from django.urls import reverse

from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.utils import lire_csv


@pytest.fixture
def demandes(referentiel):
    eclairage = DemandeFactory(titre="Éclairage public de la place", territoire_commune="Montélimar")
    AffectationFactory(demande=eclairage, partenaire=referentiel["sded"])
    ecole = DemandeFactory(titre="Rénovation de l'ECOLE", territoire_commune="Saillans", nom="Lefèvre")
    AffectationFactory(demande=ecole, partenaire=referentiel["service"])
    DemandeFactory(titre="Question sur le PLU", territoire_commune="Crest")
    return {"eclairage": eclairage, "ecole": ecole}


def trouvees(client, user, requete, **params):
    client.force_login(user)
    reponse = client.get(reverse("demandes:index"), {"q": requete, **params})
    assert reponse.status_code == 200
    return {demande.titre for demande in reponse.context["object_list"]}


@pytest.mark.parametrize("requete", ["éclairage", "eclairage", "Eclairage", "ÉCLAIRAGE", "ECLAIRAGE", "éCLAIRAGE"])
def test_a_title_is_found_with_or_without_accents_in_any_case(client, comptes, demandes, requete):
    assert trouvees(client, comptes["coordination"], requete) == {"Éclairage public de la place"}


@pytest.mark.parametrize(
    "requete, titre",
    [
        ("montelimar", "Éclairage public de la place"),  # the commune
        ("MONTÉLIMAR", "Éclairage public de la place"),
        ("école", "Rénovation de l'ECOLE"),  # accents typed where the title has none
        ("renovation ecole", "Rénovation de l'ECOLE"),  # every word, in any field and any order
        ("ecole saillans", "Rénovation de l'ECOLE"),
        ("lefevre", "Rénovation de l'ECOLE"),  # the requester's name
    ],
)
def test_every_searched_field_ignores_accents(client, comptes, demandes, requete, titre):
    assert trouvees(client, comptes["coordination"], requete) == {titre}


def test_words_that_do_not_all_match_find_nothing(client, comptes, demandes):
    assert trouvees(client, comptes["coordination"], "eclairage saillans") == set()


def test_the_search_stays_within_the_agents_demandes(client, comptes, demandes):
    assert trouvees(client, comptes["agent_sded"], "eclairage") == {"Éclairage public de la place"}
    assert trouvees(client, comptes["agent_src"], "eclairage") == set()
    assert trouvees(client, comptes["agent_src"], "ECOLE") == {"Rénovation de l'ECOLE"}


def test_the_export_follows_the_search(client, comptes, demandes):
    client.force_login(comptes["coordination"])
    entete, *lignes = lire_csv(client.get(reverse("demandes:index"), {"q": "eclairage", "export": "csv"}))
    assert [ligne[entete.index("Projet")] for ligne in lignes] == ["Éclairage public de la place"]
