"""manage.py import_aides_etat on recorded JSON (tests/offres/fixtures/): the HTTP layer
(offres.aides_etat.requete_json) is replaced, the network is never used."""

import json
import urllib.error
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from offres import aides_etat
from offres.models import AideEtat
from tests.factories import ThematiqueFactory

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://aides-territoires.test"


def fixture(nom):
    return json.loads((FIXTURES / nom).read_text(encoding="utf-8"))


class FauxServeur:
    """Answers like aides-territoires from the fixtures and records every request."""

    def __init__(self, pages=("aides_territoires_aids_page1.json", "aides_territoires_aids_page2.json")):
        self.pages = [fixture(p) for p in pages]
        self.requetes = []

    def __call__(self, url, headers=None, methode="GET"):
        self.requetes.append((methode, url, dict(headers or {})))
        if url.endswith("/api/connexion/"):
            assert methode == "POST"
            if headers.get("X-AUTH-TOKEN") != "jeton-secret":
                raise urllib.error.HTTPError(url, 401, "Unauthorized", {}, None)
            return fixture("aides_territoires_connexion.json")
        assert "/api/aids/" in url
        if headers.get("Authorization") != "Bearer jeton-porteur-de-test":
            raise urllib.error.HTTPError(url, 401, "Unauthorized", {}, None)
        return self.pages[1] if "page=2" in url else self.pages[0]


@pytest.fixture
def thematiques(db):
    return {
        "energie": ThematiqueFactory(nom="Énergie", slug="energie"),
        "amenagement": ThematiqueFactory(nom="Aménagement", slug="amenagement"),
        "eau": ThematiqueFactory(nom="Eau et environnement", slug="eau-et-environnement"),
    }


@pytest.fixture
def serveur(monkeypatch):
    faux = FauxServeur()
    monkeypatch.setattr(aides_etat, "requete_json", faux)
    return faux


def importer(**options):
    call_command("import_aides_etat", url=BASE, token="jeton-secret", **options)


@pytest.mark.django_db
class TestImport:
    def test_authentification_puis_pages(self, serveur, thematiques):
        importer()
        methodes_urls = [(m, u) for m, u, _h in serveur.requetes]
        assert methodes_urls[0] == ("POST", f"{BASE}/api/connexion/")
        assert serveur.requetes[0][2]["X-AUTH-TOKEN"] == "jeton-secret"
        assert methodes_urls[1][1].startswith(f"{BASE}/api/aids/?targeted_audiences=commune")
        assert methodes_urls[2][1].endswith("page=2")
        assert all(h["Authorization"] == "Bearer jeton-porteur-de-test" for _m, _u, h in serveur.requetes[1:])
        assert len(serveur.requetes) == 3

    def test_enregistrements_et_thematiques(self, serveur, thematiques):
        importer()
        # 104 (export) matches none of our thématiques: left out.
        assert sorted(AideEtat.objects.values_list("identifiant", flat=True)) == ["101", "102", "103"]
        fonds_vert = AideEtat.objects.get(identifiant="101")
        assert fonds_vert.url == f"{BASE}/aides/fonds-vert-renovation-energetique-des-batiments-publics-locaux/"
        assert fonds_vert.financeurs == "Ministère de la Transition écologique"
        assert str(fonds_vert.date_limite) == "2030-03-31"
        assert {t.slug for t in fonds_vert.thematiques.all()} == {"energie", "amenagement"}
        dsil = AideEtat.objects.get(identifiant="102")
        assert dsil.financeurs == "Préfecture de la Drôme" and dsil.date_limite is None
        riviere = AideEtat.objects.get(identifiant="103")
        assert str(riviere.date_limite) == "2030-06-30"
        assert "Agence de l'eau" in riviere.financeurs and "Office français" in riviere.financeurs

    def test_idempotent_et_suppression_des_disparues(self, serveur, thematiques, monkeypatch):
        importer()
        importer()
        assert AideEtat.objects.count() == 3
        page1 = fixture("aides_territoires_aids_page1.json")
        page1["results"][0]["name"] = "Fonds vert : bâtiments publics (nouveau nom)"
        page1["next"] = None
        monkeypatch.setattr(aides_etat, "requete_json", FauxServeur.__new__(FauxServeur))
        faux = aides_etat.requete_json
        faux.pages, faux.requetes = [page1], []
        importer()
        assert sorted(AideEtat.objects.values_list("identifiant", flat=True)) == ["101", "102"]
        assert AideEtat.objects.get(identifiant="101").nom.endswith("(nouveau nom)")

    def test_mauvais_jeton(self, serveur, thematiques):
        with pytest.raises(CommandError, match="401"):
            call_command("import_aides_etat", url=BASE, token="faux")

    def test_jeton_manquant(self, thematiques, monkeypatch, settings):
        settings.AIDES_TERRITOIRES_TOKEN = ""
        monkeypatch.delenv("AIDES_TERRITOIRES_TOKEN", raising=False)
        with pytest.raises(CommandError, match="AIDES_TERRITOIRES_TOKEN"):
            call_command("import_aides_etat", url=BASE)

    def test_jeton_des_reglages(self, serveur, thematiques, settings):
        settings.AIDES_TERRITOIRES_URL = BASE
        settings.AIDES_TERRITOIRES_TOKEN = "jeton-secret"
        call_command("import_aides_etat")
        assert AideEtat.objects.count() == 3

    def test_erreur_reseau_ne_touche_pas_au_cache(self, serveur, thematiques, monkeypatch):
        importer()

        def panne(url, headers=None, methode="GET"):
            raise urllib.error.URLError("Name or service not known")

        monkeypatch.setattr(aides_etat, "requete_json", panne)
        with pytest.raises(CommandError, match="injoignable"):
            importer()
        assert AideEtat.objects.count() == 3

    def test_erreur_http_en_cours_de_pagination(self, thematiques, monkeypatch):
        faux = FauxServeur()

        def erreur_page_2(url, headers=None, methode="GET"):
            if "page=2" in url:
                raise urllib.error.HTTPError(url, 503, "Service Unavailable", {}, None)
            return faux(url, headers, methode)

        monkeypatch.setattr(aides_etat, "requete_json", erreur_page_2)
        with pytest.raises(CommandError, match="503"):
            importer()
        assert AideEtat.objects.count() == 0  # nothing written from a partial answer

    def test_reponse_illisible(self, thematiques, monkeypatch):
        monkeypatch.setattr(aides_etat, "requete_json", lambda url, headers=None, methode="GET": ["pas", "un", "objet"])
        with pytest.raises(CommandError):
            importer()


@pytest.mark.django_db
def test_aides_etat_sur_la_page_des_aides(client, home, serveur, thematiques):
    from tests.offres.factories import AideIndexPageFactory

    importer()
    index = AideIndexPageFactory(parent=home)
    html = client.get(index.url).content.decode()
    assert "Fonds vert : rénovation énergétique" in html
    html = client.get(index.url, {"thematique": "eau-et-environnement"}).content.decode()
    assert "Restauration des cours d&#x27;eau" in html
    assert "Fonds vert" not in html


@pytest.mark.django_db
def test_un_nouvel_import_rafraichit_la_page_des_aides(client, home, serveur, thematiques, monkeypatch):
    """The listing keeps the State aids for a generation of the page cache: saving and deleting them (the
    import) starts a new one (settings.CACHE_PAGES_MODELES)."""
    from tests.offres.factories import AideIndexPageFactory

    importer()
    index = AideIndexPageFactory(parent=home)
    html = client.get(index.url).content.decode()
    assert "Fonds vert : rénovation énergétique" in html and "Restauration des cours d&#x27;eau" in html
    page1 = fixture("aides_territoires_aids_page1.json")
    page1["results"][0]["name"] = "Fonds vert : bâtiments publics (nouveau nom)"
    page1["next"] = None
    faux = FauxServeur.__new__(FauxServeur)
    faux.pages, faux.requetes = [page1], []
    monkeypatch.setattr(aides_etat, "requete_json", faux)
    importer()
    html = client.get(index.url).content.decode()
    assert "Fonds vert : bâtiments publics (nouveau nom)" in html
    assert "Restauration des cours d&#x27;eau" not in html  # no longer returned by the API: deleted


@pytest.mark.django_db
def test_liste_en_lecture_seule_dans_l_admin(admin_client, serveur, thematiques):
    importer()
    response = admin_client.get("/admin/aides_etat/")
    assert response.status_code == 200
    assert "Fonds vert" in response.content.decode()
    assert admin_client.get("/admin/aides_etat/?q=DSIL").status_code == 200
    aide = AideEtat.objects.get(identifiant="101")
    assert admin_client.get(f"/admin/aides_etat/inspect/{aide.pk}/").status_code == 200
    # No edit or delete, even for a superuser: the import owns the rows.
    assert admin_client.get(f"/admin/aides_etat/edit/{aide.pk}/").status_code in (302, 403)
    assert admin_client.post(f"/admin/aides_etat/delete/{aide.pk}/").status_code in (302, 403)
    assert AideEtat.objects.filter(pk=aide.pk).exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://aides.example/x.json", "/chemin/local.json"])
def test_only_http_urls_are_opened(url):
    """A mistyped AIDES_TERRITOIRES_URL never makes urlopen read a local file (bandit B310)."""
    with pytest.raises(aides_etat.ErreurImport, match="http ou https seulement"):
        aides_etat.requete_json(url)
