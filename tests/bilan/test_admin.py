"""The bilan in the admin: the coordination sees everything and freezes a year, a partner's agent sees only
its own demandes, anybody else gets 403 and no menu item or panel."""

import re

import pytest

from demandes.bilan.models import BilanFige
from tests.bilan.factories import chiffre
from tests.utils import lire_csv

URL = "/admin/bilan/"


def tableau(client, user, parametres="?annee=2025"):
    """The dashboard's HTML as `user` sees it (a 200 is required)."""
    client.force_login(user)
    reponse = client.get(URL + parametres)
    assert reponse.status_code == 200
    return reponse.content.decode()


def test_la_coordination_voit_tout(client, jeu, coordination):
    html = tableau(client, coordination)
    assert chiffre("9", "demandes en 2025, +50\u00a0%") in html
    assert "Figer les chiffres de 2025" in html
    assert re.search(r'<th scope="row">CAUE</th>\s*<td>2</td>', html)
    assert re.search(r'<th scope="row">DAH</th>\s*<td>1</td>', html)


def test_filtres_canton_et_epci(client, jeu, coordination):
    assert chiffre("4", "demandes en 2025") in tableau(client, coordination, "?annee=2025&canton=2604")
    # CC du Diois: Solaure ×2, the EPCI's own 2 demandes, the syndicat seated at Die.
    assert chiffre("5", "demandes en 2025") in tableau(client, coordination, "?annee=2025&epci=242600534")
    # Unknown codes are ignored.
    assert chiffre("9", "demandes en 2025") in tableau(client, coordination, "?annee=2025&canton=9999")


def test_l_agent_ne_voit_que_ses_demandes(client, jeu, agent_caue):
    html = tableau(client, agent_caue)
    assert chiffre("2", "demandes en 2025") in html
    assert "Chiffres des demandes confiées à CAUE" in html
    assert "Figer les chiffres" not in html
    assert "DAH" not in html  # another partenaire's assignment on the same demande
    lignes = lire_csv(client.get(URL + "?annee=2025&format=csv"))
    assert ["total", "2025", "Demandes reçues en 2025", "2", ""] in lignes
    assert [ligne[1] for ligne in lignes if ligne[0] == "Demandes par partenaire"] == ["caue"]


def test_l_agent_ne_peut_pas_figer(client, jeu, agent_caue):
    client.force_login(agent_caue)
    assert client.post("/admin/bilan/figer/", {"annee": 2025}).status_code == 403
    assert not BilanFige.objects.exists()


def test_le_redacteur_est_refuse(client, jeu, redacteur):
    client.force_login(redacteur)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?format=csv").status_code == 403
    assert client.post("/admin/bilan/figer/", {"annee": 2025}).status_code == 403
    accueil = client.get("/admin/").content.decode()
    assert 'href="/admin/bilan/"' not in accueil
    assert "Voir le bilan" not in accueil


@pytest.mark.parametrize("qui", ["coordination", "agent_caue"])
def test_menu_et_panneau_d_accueil(client, jeu, qui, request):
    client.force_login(request.getfixturevalue(qui))
    accueil = client.get("/admin/").content.decode()
    assert "/admin/bilan/" in accueil  # the menu item
    assert "Voir le bilan" in accueil  # the home panel


def test_figer_une_annee(client, jeu, coordination):
    client.force_login(coordination)
    reponse = client.post("/admin/bilan/figer/", {"annee": 2025})
    assert reponse.status_code == 302
    fige = BilanFige.objects.get(annee=2025)
    assert fige.donnees["bilan"]["total"] == 9
    assert fige.donnees["cantons"]["2604"]["total"] == 4
    assert fige.fige_par == coordination
    html = client.get(URL + "?annee=2025").content.decode()
    assert "Chiffres de 2025 figés le" in html
    assert "Mettre à jour les chiffres publiés de 2025" in html
    # A year without demandes cannot be frozen.
    client.post("/admin/bilan/figer/", {"annee": 1990})
    assert not BilanFige.objects.filter(annee=1990).exists()
    assert client.delete("/admin/bilan/figer/").status_code == 405


def test_nombre_de_requetes_du_tableau_de_bord(client, jeu, coordination, territoire):
    from tests.bilan.factories import DemandeFactory
    from tests.utils import count_queries, max_queries

    tableau(client, coordination)
    requetes = count_queries(lambda: client.get(URL + "?annee=2025"))
    for _ in range(30):
        DemandeFactory(commune=territoire["26113"])
    with max_queries(requetes):
        html = client.get(URL + "?annee=2025").content.decode()
    assert chiffre("39", "demandes en 2025") in html
    assert requetes <= 30
