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
        client.get(url_flux)  # the first request after a publication rebuilds the routing table (routage.py)
        assert count_queries(lambda: client.get(url_flux)) == avant


def test_libelles_du_vocabulaire_d_aides_territoires():
    assert set(aides_territoires.PUBLICS.values()) <= aides_territoires.LIBELLES_PUBLICS
    assert {c for cs in aides_territoires.CATEGORIES.values() for c in cs} <= aides_territoires.LIBELLES_CATEGORIES
    assert aides_territoires.TYPE_INGENIERIE_TECHNIQUE in aides_territoires.LIBELLES_TYPES
    assert aides_territoires.RECURRENCE_PERMANENTE in aides_territoires.LIBELLES_RECURRENCES


def test_toutes_les_thematiques_ont_des_categories():
    from site_collectivites.demo.referentiel import THEMATIQUES

    assert {slug for slug, *_ in THEMATIQUES} == set(aides_territoires.CATEGORIES)


@pytest.mark.django_db
class TestFluxAides:
    @pytest.fixture
    def aides(self, home, ref):
        import datetime

        from tests.offres.factories import AideIndexPageFactory, aide

        index = AideIndexPageFactory(parent=home)
        return {
            "dst": aide(index, "Dotation de solidarité territoriale", [ref.habitat], ("communes", "epci"),
                        taux_min=20, taux_max=70, objectifs="<p>Équiper les communes.</p>",
                        service_instructeur="<p>Service des relations avec les collectivités</p>",
                        demat_url="https://demat.example.org/"),
            "riviere": aide(index, "Matériel de mesure rivières", [ref.eau], ("syndicats",), taux_max=30,
                            calendrier="date_limite", date_limite=datetime.date(2027, 10, 31)),
            "appel": aide(index, "Appel à projets centres-bourgs", [ref.habitat], ("communes",),
                          calendrier="appel_a_projets", date_ouverture=datetime.date(2020, 7, 15),
                          date_cloture=datetime.date(2020, 11, 15)),
        }

    def records(self, client, url_flux):
        return {r["slug"]: r for r in client.get(url_flux).json()["results"]}

    def test_aides_apres_les_offres_meme_forme(self, client, offres, aides, url_flux):
        data = client.get(url_flux).json()
        assert data["count"] == 8
        ids = [r["id"] for r in data["results"]]
        assert ids[:5] == sorted(ids[:5]) and all(i.startswith("OFF-") for i in ids[:5])
        assert all(i.startswith("AIDE-") for i in ids[5:])
        for record in data["results"]:
            assert CLES <= set(record)

    def test_enregistrement_d_une_aide(self, client, catalogue, aides, url_flux):
        records = self.records(client, url_flux)
        dst = records[aides["dst"].slug]
        assert dst["aid_types"] == ["Subvention"]
        assert dst["recurrence"] == "Permanente" and dst["is_call_for_project"] is False
        assert dst["targeted_audiences"] == ["Communes", "Intercommunalités / Pays"]
        assert dst["categories"] == ["Logement et habitat", "Revitalisation"]
        assert dst["financers"] == ["Département de la Drôme"]
        assert dst["subvention_rate"] == [20, 70]
        assert dst["subvention_rate_lower_bound"] == 20 and dst["subvention_rate_upper_bound"] == 70
        assert dst["submission_deadline"] is None and dst["start_date"] is None
        assert "Équiper les communes" in dst["description"]
        assert "Service des relations" in dst["contact"]
        assert dst["origin_url"] == f"http://testserver{aides['dst'].url}"
        assert dst["application_url"] == "https://demat.example.org/"  # Drôme Démat'

        riviere = records[aides["riviere"].slug]
        assert riviere["recurrence"] == "Récurrente"
        assert riviere["submission_deadline"] == "2027-10-31"
        assert riviere["subvention_rate"] == [30, 30]
        assert riviere["targeted_audiences"] == ["Intercommunalités / Pays"]

        appel = records[aides["appel"].slug]
        assert appel["recurrence"] == "Ponctuelle" and appel["is_call_for_project"] is True
        assert (appel["start_date"], appel["submission_deadline"]) == ("2020-07-15", "2020-11-15")
        assert appel["subvention_rate"] is None
        assert appel["application_url"] == appel["origin_url"]

    def test_pagination_a_cheval(self, client, offres, aides, url_flux, monkeypatch):
        monkeypatch.setattr(aides_territoires, "ELEMENTS_PAR_PAGE", 3)
        pages = [client.get(url_flux, {"page": n}).json()["results"] for n in (1, 2, 3)]
        ids = [r["id"] for page in pages for r in page]
        assert len(ids) == 8 and len(set(ids)) == 8
        assert [r["id"][:4] for r in pages[1]] == ["OFF-", "OFF-", "AIDE"]

    def test_nombre_de_requetes_constant_avec_les_aides(self, client, catalogue, aides, ref, url_flux):
        from tests.offres.factories import aide

        client.get(url_flux)
        avant = count_queries(lambda: client.get(url_flux))
        index = aides["dst"].get_parent()
        for i in range(10):
            aide(index, f"Aide {i}", [ref.energie, ref.eau], ("communes", "syndicats"))
        client.get(url_flux)  # the first request after a publication rebuilds the routing table (routage.py)
        assert count_queries(lambda: client.get(url_flux)) == avant

    def test_libelles(self):
        assert set(aides_territoires.RECURRENCES.values()) <= aides_territoires.LIBELLES_RECURRENCES
        assert aides_territoires.TYPE_SUBVENTION in aides_territoires.LIBELLES_TYPES
