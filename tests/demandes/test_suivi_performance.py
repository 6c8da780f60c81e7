"""The back office costs the same number of queries with 5 or 40 demandes on the page."""

from django.urls import reverse

from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.utils import count_queries


def _remplir(n, referentiel):
    for _ in range(n):
        demande = DemandeFactory()
        demande.thematiques.set([referentiel["energie"], referentiel["habitat"]])
        AffectationFactory(demande=demande, partenaire=referentiel["sded"], prestation_realisee=referentiel["amo"])
        AffectationFactory(demande=demande, partenaire=referentiel["service"])


def test_listing_and_export_query_counts_do_not_grow_with_the_rows(client, comptes, referentiel):
    for qui in ("coordination", "agent_sded"):
        client.force_login(comptes[qui])
        url = reverse("demandes:index")
        _remplir(5, referentiel)
        client.get(url)
        peu = count_queries(lambda: client.get(url))
        peu_export = count_queries(lambda: b"".join(client.get(url, {"export": "csv"}).streaming_content))
        _remplir(35, referentiel)
        beaucoup = count_queries(lambda: client.get(url))
        beaucoup_export = count_queries(lambda: b"".join(client.get(url, {"export": "csv"}).streaming_content))
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
