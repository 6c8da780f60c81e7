"""Freezing a published year again replaces what the public reads: the coordination first sees a page saying
what will change, and only its confirmation re-freezes. Anyone else gets 403."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from demandes.bilan.models import BilanFige
from demandes.bilan.publication import figer
from tests.bilan.factories import DemandeFactory

URL = "/admin/bilan/figer/"


@pytest.fixture
def annee_publiee(referentiel, coordination):
    """2025 frozen with 3 demandes; a correction since then added 2 more (and one to a new thématique)."""
    energie, habitat = referentiel["thematiques"]["energie"], referentiel["thematiques"]["habitat"]
    for _ in range(3):
        DemandeFactory(thematiques=[energie])
    fige = figer(2025, coordination)
    DemandeFactory(thematiques=[energie])
    DemandeFactory(thematiques=[habitat], type_collectivite="epci", territoire_epci="CC du Diois",
                   territoire_epci_siren="242600534")
    return fige


def publie(annee=2025):
    return BilanFige.objects.get(annee=annee).donnees["bilan"]["total"]


def test_the_first_freeze_of_a_year_takes_one_click(client, referentiel, coordination):
    DemandeFactory(thematiques=[referentiel["thematiques"]["energie"]])
    client.force_login(coordination)
    reponse = client.post(URL, {"annee": 2025})
    assert reponse.status_code == 302 and reponse.url == "/admin/bilan/?annee=2025"
    assert publie() == 1


def test_the_dashboard_leads_to_the_confirmation_instead_of_refreezing(client, annee_publiee, coordination):
    client.force_login(coordination)
    html = client.get("/admin/bilan/?annee=2025").content.decode()
    assert f'href="{URL}?annee=2025"' in html and "Mettre à jour les chiffres publiés de 2025" in html
    assert f'action="{URL}"' not in html  # no one-click form any more


def test_a_post_without_confirmation_does_not_refreeze(client, annee_publiee, coordination):
    client.force_login(coordination)
    reponse = client.post(URL, {"annee": 2025})
    assert reponse.status_code == 302 and reponse.url == f"{URL}?annee=2025"
    assert publie() == 3
    assert BilanFige.objects.get(annee=2025).fige_le == annee_publiee.fige_le
    client.post(URL, {"annee": 2025, "confirmer": "peut-être"})
    assert publie() == 3


def test_the_confirmation_page_says_what_will_change(client, annee_publiee, coordination):
    client.force_login(coordination)
    reponse = client.get(URL, {"annee": 2025})
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "Mettre à jour les chiffres publiés de 2025 ?" in html
    quand = date_format(timezone.localtime(annee_publiee.fige_le), "j F Y à H:i")
    assert f"figés le {quand} par Coordinatrice" in html
    assert "<td>Chiffres clés</td><td>Demandes reçues en 2025</td><td>3</td><td>5</td>" in html
    assert "<td>Demandes par thématique</td><td>Habitat</td><td>0 (0,0 %)</td><td>1 (20,0 %)</td>" in html
    assert "<td>Demandes par thématique</td><td>Énergie</td><td>3 (100,0 %)</td><td>4 (80,0 %)</td>" in html
    assert "<td>Intercommunalités (EPCI) ayant fait une demande</td><td>0</td><td>1</td>" in html
    assert "<td>Demandes par thématique</td><td>Numérique</td>" not in html  # unchanged lines are left out
    assert 'name="confirmer" value="oui"' in html and 'href="/admin/bilan/?annee=2025"' in html  # and « Annuler »
    assert publie() == 3  # looking changes nothing


def test_the_confirmed_post_refreezes(client, annee_publiee, coordination):
    client.force_login(coordination)
    reponse = client.post(URL, {"annee": 2025, "confirmer": "oui"}, follow=True)
    assert reponse.redirect_chain == [("/admin/bilan/?annee=2025", 302)]
    assert "Les chiffres publiés de 2025 sont mis à jour" in reponse.content.decode()
    assert publie() == 5
    assert BilanFige.objects.get(annee=2025).fige_le > annee_publiee.fige_le


def test_a_refreeze_without_any_change_says_so(client, referentiel, coordination):
    DemandeFactory(thematiques=[referentiel["thematiques"]["energie"]])
    figer(2025, coordination)
    client.force_login(coordination)
    html = client.get(URL, {"annee": 2025}).content.decode()
    assert "Les chiffres actuels sont ceux qui sont publiés" in html and 'class="listing"' not in html


@pytest.mark.parametrize("qui", ["agent_caue", "redacteur"])
def test_anybody_else_gets_403(client, annee_publiee, qui, request):
    client.force_login(request.getfixturevalue(qui))
    assert client.get(URL, {"annee": 2025}).status_code == 403
    assert client.post(URL, {"annee": 2025}).status_code == 403
    assert client.post(URL, {"annee": 2025, "confirmer": "oui"}).status_code == 403
    assert publie() == 3
