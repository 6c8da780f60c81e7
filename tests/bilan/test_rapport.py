"""A partner's activity report (#20 item 7): the year beside the year before, by thématique, prestation, canton
and type of collectivité; a page, a page to print and an XLSX; a partner sees only its own."""

import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.bilan.factories import AffectationFactory, DemandeFactory

URL = "/admin/bilan/rapport/"


@pytest.fixture
def activite(jeu, referentiel):
    """On top of the bilan's data set (where SDED has one energy demande in 2025): SDED got two demandes in 2026
    (one in March, one in May), one more in 2025."""
    sded = referentiel["partenaires"]["sded"]
    energie = referentiel["thematiques"]["energie"]
    for annee, mois in ((2026, 3), (2026, 5), (2025, 3)):
        demande = DemandeFactory(annee=annee, mois=mois)
        demande.thematiques.set([energie])
        AffectationFactory(demande=demande, partenaire=sded, prestation_realisee=referentiel["prestations"]["amo"])
    return sded


def tableaux(html):
    soupe = BeautifulSoup(html, "html.parser")
    return {t.caption.get_text(strip=True): {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
                                             for tr in t.tbody("tr") if tr.th}
            for t in soupe.select("table.rapport__tableau")}, soupe


def test_the_coordination_reads_a_partners_year_beside_the_year_before(client, coordination, activite):
    client.force_login(coordination)
    reponse = client.get(URL, {"partenaire": activite.pk, "annee": 2026})
    assert reponse.status_code == 200
    series, soupe = tableaux(reponse.content.decode())
    assert "2 demandes reçues en 2026" in soupe.get_text(" ", strip=True)
    assert series["Par thématique"]["Énergie"][0] == "2"
    assert series["Par prestation réalisée"]
    assert set(series) == {"Par thématique", "Par prestation réalisée", "Par canton", "Par type de collectivité"}
    # A quarter: January to March, beside January to March 2025.
    series, soupe = tableaux(client.get(URL, {"partenaire": activite.pk, "annee": 2026, "trimestre": 1}).content.decode())
    assert series["Par thématique"]["Énergie"][:1] == ["1"]
    assert "1er trimestre 2026" in soupe.get_text()


def test_printable_page_and_xlsx(client, coordination, activite):
    client.force_login(coordination)
    impression = client.get(URL, {"partenaire": activite.pk, "annee": 2026, "format": "impression"})
    soupe = BeautifulSoup(impression.content.decode(), "html.parser")
    assert soupe.title.get_text().startswith("Rapport d'activité") and not soupe.select(".w-header, nav")
    assert soupe.h1.get_text() == f"Rapport d'activité 2026 : {activite.nom}"

    fichier = client.get(URL, {"partenaire": activite.pk, "annee": 2026, "format": "xlsx"})
    assert fichier["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert fichier["Content-Disposition"].endswith('.xlsx"')
    feuille = load_workbook(io.BytesIO(fichier.content)).active
    lignes = list(feuille.iter_rows(values_only=True))
    assert lignes[2] == ("Série", "Libellé", "2026", "2025")
    assert ("Demandes reçues", "Total", 2, 2) in lignes
    assert ("Par thématique", "Énergie", 2, 2) in lignes


def test_a_partner_sees_only_its_own_report(client, agent_caue, activite, redacteur):
    client.force_login(agent_caue)
    html = client.get(URL, {"partenaire": activite.pk, "annee": 2026}).content.decode()
    titre = BeautifulSoup(html, "html.parser").find("h2", class_="rapport__titre").get_text()
    assert titre.startswith("Conseil d'architecture") and "SDED" not in titre
    assert 'id="partenaire"' not in html  # no choice of partner
    fichier = client.get(URL, {"partenaire": activite.pk, "annee": 2026, "format": "xlsx"})
    assert "SDED" not in str(load_workbook(io.BytesIO(fichier.content)).active["A1"].value)
    client.force_login(redacteur)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "xlsx"}).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_odd_parameters_never_break_it(client, coordination, activite):
    client.force_login(coordination)
    for parametres in ({"annee": "99999999999"}, {"annee": "abc", "trimestre": "9"}, {"partenaire": "x"}):
        assert client.get(URL, parametres).status_code == 200
