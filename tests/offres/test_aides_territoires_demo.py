"""The demo site's feed read by aides-territoires' importer (tests/offres/importeur_aides_territoires.py): every
published offer and every open aid of the site is imported, with its beneficiaries, categories, type and
recurrence, a complete eligibility, and names its tables know; the closed 2020 call for projects is not."""

import re

import pytest
from django.utils import timezone

from offres import aides_territoires, statut_aides
from offres.models import AidePage, OffreIndexPage, OffrePage
from tests.instantanes import demo_en_transaction
from tests.offres.importeur_aides_territoires import erreurs_html, importer, noms_inconnus, tables
from tests.utils import count_queries


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


@pytest.fixture
def lecture(demo, db, client):
    """One GET of the demo's feed, and what the importer makes of it."""
    catalogue = OffreIndexPage.objects.live().get()
    url = catalogue.url + catalogue.reverse_subpage("flux_aides_territoires")
    client.get(url)  # the routing table of this database (routage.py), then the request the importer makes
    reponse = client.get(url)
    assert reponse.status_code == 200
    donnees = reponse.json()
    return {"url": url, "donnees": donnees,
            "importees": importer(donnees, tables(aides_territoires.VOCABULAIRE))}


def test_chaque_offre_publiee_et_chaque_aide_ouverte_importee(lecture):
    aujourdhui = timezone.localdate()
    offres = OffrePage.objects.live().public()
    aides = [a for a in AidePage.objects.live().public() if a.statut(aujourdhui) != statut_aides.CLOTUREE]
    attendus = {f"CDDr_{p.identifiant_aides_territoires}" for p in [*offres, *aides]}
    assert len(offres) == 54 and len(aides) >= 9
    importees = lecture["importees"]
    assert lecture["donnees"]["next"] is None
    assert {i.import_uniqueid for i in importees} == attendus and len(importees) == len(attendus)
    for importee in importees:
        assert importee.audiences and importee.categories and importee.types and importee.recurrence, importee
    assert all(re.fullmatch(r"CDDr_(OFF|AIDE)-\d{4,}", i.import_uniqueid) for i in importees)


def test_l_appel_a_projets_clos_en_2020_reste_dans_la_demo_mais_pas_dans_le_flux(lecture):
    session_2020 = AidePage.objects.live().get(slug="appel-a-projets-centres-villes-villages-2020")
    assert session_2020.statut() == statut_aides.CLOTUREE
    ids = {i.import_uniqueid for i in lecture["importees"]}
    assert f"CDDr_{session_2020.identifiant_aides_territoires}" not in ids
    assert all("session 2020" not in i.name for i in lecture["importees"])


def test_eligibilite_non_vide_et_bien_formee(lecture):
    for importee in lecture["importees"]:
        assert importee.eligibility.startswith("Opérations éligibles\n"), importee.import_uniqueid
        texte = re.sub(r"<[^>]+>", " ", importee.eligibility.removeprefix("Opérations éligibles"))
        assert len(texte.split()) >= 3, importee.eligibility  # more than the marker: the conditions at least
        for html in (importee.eligibility, importee.description, importee.contact):
            assert erreurs_html(html) == [], (importee.import_uniqueid, html)


def test_les_noms_envoyes_sont_ceux_des_tables_d_aides_territoires(lecture):
    assert noms_inconnus(lecture["donnees"]["results"], aides_territoires.VOCABULAIRE) == set()


def test_nombre_de_requetes_de_la_demo(lecture, client):
    assert count_queries(lambda: client.get(lecture["url"])) <= 12
