"""The back office costs the same number of queries with 5 or 40 demandes on the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.utils import count_queries


def _remplir(n, referentiel):
    """Demandes of every kind the listing's columns and filters tell apart: waiting for the SDED (for 0 to 39
    days), waiting for no partenaire, accepted."""
    for i in range(n):
        attente = timedelta(days=i * 7 % 40)  # 0, 7, 14… days: some rows of every page match every filter
        demande = DemandeFactory(cree_le=timezone.now() - attente - timedelta(days=1))
        demande.thematiques.set([referentiel["energie"], referentiel["habitat"]])
        AffectationFactory(demande=demande, partenaire=referentiel["sded"], prestation_realisee=referentiel["amo"],
                           statut_modifie_le=timezone.now() - attente)
        AffectationFactory(demande=demande, partenaire=referentiel["service"], statut="acceptee")
        DemandeFactory(cree_le=timezone.now() - attente)  # no partenaire yet


# The listing as the coordination looks at the work: plain, filtered on what waits, sorted by the longest wait.
VUES = [
    {},
    {"partenaire": "aucun", "attente": "7"},
    {"statut_affectation": "a_traiter", "attente": "10", "ordering": "attente_depuis"},
]


@pytest.mark.parametrize("filtres", VUES)
def test_listing_and_export_query_counts_do_not_grow_with_the_rows(client, comptes, referentiel, filtres):
    for qui in ("coordination", "agent_sded"):
        client.force_login(comptes[qui])
        if qui == "agent_sded":  # an agent has no demande without partenaire
            filtres = {cle: valeur for cle, valeur in filtres.items() if cle != "partenaire"}
        url = reverse("demandes:index")
        _remplir(5, referentiel)
        assert client.get(url, filtres).context["object_list"], (qui, filtres)  # rows to prefetch for
        peu = count_queries(lambda: client.get(url, filtres))
        peu_export = count_queries(lambda: b"".join(client.get(url, {**filtres, "export": "csv"}).streaming_content))
        _remplir(35, referentiel)
        reponse = client.get(url, filtres)
        assert "Affectation en attente depuis" in reponse.content.decode(), qui
        beaucoup = count_queries(lambda: client.get(url, filtres))
        beaucoup_export = count_queries(lambda: b"".join(client.get(url, {**filtres, "export": "csv"}).streaming_content))
        assert peu == beaucoup, qui
        assert peu_export == beaucoup_export, qui
        assert beaucoup <= 30


def test_detail_query_count_does_not_grow_with_its_history(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["coordination"])
    url = reverse("demandes:inspect", args=[demande.pk])
    client.get(url)
    peu = count_queries(lambda: client.get(url))
    for i in range(10):
        client.post(reverse("demandes:note", args=[demande.pk]), {"texte": f"Note {i}"})
    AffectationFactory(demande=demande, partenaire=referentiel["service"])
    beaucoup = count_queries(lambda: client.get(url))
    assert peu == beaucoup
