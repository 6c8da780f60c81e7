"""The admin home's panel « Ce qui vous attend ce matin » (#20 item 6): the coordination's figures, an agent's
share of them, each linking to the list that shows them; nobody else gets the panel."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from demandes.models import CourrielDemande, Statut, StatutAffectation
from site_collectivites.models import CourrielEnFile
from tests.demandes.factories import AffectationFactory, DemandeFactory


def il_y_a(jours):
    return timezone.now() - timedelta(days=jours)


@pytest.fixture
def matinee(comptes, referentiel):
    """Two demandes to route (one received, one under analysis), one already routed; SDED: two assignments
    unanswered for 12 and 30 days and a recent one; the Département's service: one unanswered for 20 days;
    one e-mail abandoned."""
    DemandeFactory(statut=Statut.RECUE)
    DemandeFactory(statut=Statut.ANALYSE)
    for jours, partenaire in ((12, "sded"), (30, "sded"), (2, "sded"), (20, "service")):
        AffectationFactory(partenaire=referentiel[partenaire], statut=StatutAffectation.A_TRAITER,
                           statut_modifie_le=il_y_a(jours))
    AffectationFactory(partenaire=referentiel["sded"], statut=StatutAffectation.ACCEPTEE, statut_modifie_le=il_y_a(40))
    demande = DemandeFactory(statut=Statut.CLOSE)
    CourrielDemande.objects.create(demande=demande, nature="notification", destinataire="x@sded.example",
                                   etat=CourrielDemande.Etat.ABANDONNE)
    CourrielEnFile.objects.create(nature="inscription", destinataires="y@mairie.example", sujet="Inscription",
                                  message={}, etat=CourrielEnFile.Etat.ABANDONNE)
    return referentiel


def panneau(client, user):
    client.force_login(user)
    soupe = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    section = soupe.find(id="matinee-content")
    if section is None:
        return None
    return {" ".join(a.get_text(" ", strip=True).split()): a["href"] for a in section.select("ul.matinee a")}


def test_the_coordination_sees_what_waits_and_each_figure_leads_to_its_list(client, comptes, matinee):
    liens = panneau(client, comptes["coordination"])
    assert liens["2 demandes à orienter"] == "/admin/demandes/demandes/?statut=recue"
    sded = next(cle for cle in liens if cle.endswith(": SDED"))
    assert sded.startswith("2 affectations sans réponse depuis plus de 10 jours")
    assert any(cle.startswith("1 affectation sans réponse") and cle.endswith(matinee["service"].nom_court)
               for cle in liens)
    assert liens["1 courriel abandonné après plusieurs essais"] == "/admin/demandes/courriels/?etat=abandonne"
    assert liens["1 autre courriel du site abandonné (inscriptions, lettre, relances, mots de passe)"] == \
        "/admin/courriels/?etat=abandonne"
    for url in liens.values():
        assert client.get(url).status_code == 200
    assert re.search(rf"partenaire={matinee['sded'].pk}", liens[sded])


def test_an_agent_sees_its_partners_share_only(client, comptes, matinee):
    liens = panneau(client, comptes["agent_sded"])
    assert list(liens) == ["2 affectations sans réponse depuis plus de 10 jours : SDED",
                           "0 commentaire des demandeurs cette semaine"]
    assert client.get(liens[list(liens)[0]]).status_code == 200


def test_an_editor_gets_no_panel(client, matinee):
    from tests.demandes.factories import compte

    assert panneau(client, compte("redactrice", "Rédacteurs")) is None
