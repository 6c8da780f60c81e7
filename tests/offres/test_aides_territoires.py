"""The JSON feed for aides-territoires: shape, labels from their vocabulary, pagination, query bound."""

import pytest

from offres import aides_territoires
from offres.models import OffrePage
from tests.offres.factories import offre
from tests.utils import count_queries

CLES = {
    "id", "slug", "name", "short_title", "description", "eligibility", "origin_url", "application_url",
    "targeted_audiences", "aid_types", "categories", "recurrence", "is_call_for_project", "perimeter",
    "financers", "contact", "start_date", "predeposit_date", "submission_deadline", "date_created",
    "date_updated", "subvention_rate",
}


@pytest.fixture
def url_flux(catalogue):
    return catalogue.url + "flux/aides-territoires/"


@pytest.mark.django_db
class TestFlux:
    def test_forme(self, client, offres, url_flux):
        response = client.get(url_flux)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert set(data) == {"count", "next", "previous", "results"}
        assert data["count"] == 5 and data["next"] is None and data["previous"] is None
        for record in data["results"]:
            assert CLES <= set(record)

    def test_enregistrement(self, client, offres, url_flux, ref):
        page = offres["eclairage"]
        record = next(r for r in client.get(url_flux).json()["results"] if r["slug"] == page.slug)
        assert record["id"] == page.reference
        assert record["name"] == "Éclairage public"
        assert record["origin_url"] == record["application_url"] == f"http://testserver{page.url}"
        assert record["targeted_audiences"] == ["Communes", "Intercommunalités / Pays"]
        assert record["aid_types"] == ["Ingénierie technique"]
        assert record["categories"] == ["Economie d'énergie et rénovation énergétique", "Transition énergétique"]
        assert record["recurrence"] == "Permanente"
        assert record["is_call_for_project"] is False
        assert record["perimeter"] == "Drôme"
        assert record["financers"] == ["Territoire d'énergie Drôme – SDED"]  # the real partner
        assert "<p>" in record["description"] and "<p>" in record["contact"]

    def test_syndicats_et_autres_organismes(self, client, catalogue, ref, url_flux):
        offre(catalogue, "Offre", ref.caue, [ref.eau], beneficiaires=("syndicats", "epci", "autres-organismes-publics"))
        record = client.get(url_flux).json()["results"][0]
        assert record["targeted_audiences"] == [
            "Intercommunalités / Pays", "Établissements publics (écoles, bibliothèques…) / Services de l'État",
        ]

    def test_identifiant_stable_et_non_publiees_exclues(self, client, offres, url_flux):
        offres["riviere"].unpublish()
        ids = [r["id"] for r in client.get(url_flux).json()["results"]]
        assert len(ids) == 4 and offres["riviere"].reference not in ids
        assert ids == sorted(ids)

    def test_pagination(self, client, catalogue, ref, url_flux, monkeypatch):
        monkeypatch.setattr(aides_territoires, "ELEMENTS_PAR_PAGE", 2)
        for i in range(5):
            offre(catalogue, f"Offre {i}", ref.sded, [ref.energie])
        data = client.get(url_flux).json()
        assert data["count"] == 5 and len(data["results"]) == 2
        assert data["next"] == f"http://testserver{url_flux}?page=2"
        data = client.get(data["next"]).json()
        assert data["previous"] == f"http://testserver{url_flux}?page=1"
        assert client.get(url_flux + "?page=abc").json()["previous"] is None
        assert client.get(url_flux + "?page=999").json()["next"] is None

    def test_nombre_de_requetes_constant(self, client, catalogue, ref, url_flux):
        for i in range(3):
            offre(catalogue, f"Offre {i}", ref.sded, [ref.energie, ref.habitat], beneficiaires=("communes", "epci"))
        client.get(url_flux)
        avant = count_queries(lambda: client.get(url_flux))
        for i in range(3, 20):
            offre(catalogue, f"Offre {i}", ref.caue, [ref.eau], beneficiaires=("syndicats",))
        assert OffrePage.objects.count() == 20
        assert count_queries(lambda: client.get(url_flux)) == avant


def test_libelles_du_vocabulaire_d_aides_territoires():
    assert set(aides_territoires.PUBLICS.values()) <= aides_territoires.LIBELLES_PUBLICS
    assert {c for cs in aides_territoires.CATEGORIES.values() for c in cs} <= aides_territoires.LIBELLES_CATEGORIES
    assert aides_territoires.TYPE_INGENIERIE_TECHNIQUE in aides_territoires.LIBELLES_TYPES
    assert aides_territoires.RECURRENCE_PERMANENTE in aides_territoires.LIBELLES_RECURRENCES


def test_toutes_les_thematiques_ont_des_categories():
    from site_collectivites.demo.referentiel import THEMATIQUES

    assert {slug for slug, *_ in THEMATIQUES} == set(aides_territoires.CATEGORIES)
