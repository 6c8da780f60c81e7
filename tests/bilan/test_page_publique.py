"""The public BilanPage: key figures, charts with their tables, year selector, CSV, canton pages."""

import re

from demandes.bilan.publication import figer
from demandes.models import TypeCollectivite
from site_collectivites.territoire.models import Commune
from tests.bilan.factories import DemandeFactory, chiffre
from tests.utils import count_queries, lire_csv, max_queries

DONNEES_PERSONNELLES = ["Durand", "Camille", "mairie.example.org", "confidentielle", "SIVU des eaux"]


def test_chiffres_cles_et_graphiques(client, jeu, page_bilan):
    reponse = client.get("/bilan/")
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "Bilan de l&#x27;ingénierie publique 2025" in html
    assert chiffre("9", "demandes en 2025, +50\u00a0% par rapport à 2024 (6)") in html
    assert "soit 0,8\u00a0% des 362 communes" in html
    assert chiffre("44,4\u00a0%", "des demandes viennent des communes (4)") in html
    assert "demandes de 2 intercommunalités (EPCI)" in html
    assert "Une année de forte activité." in html
    # Each chart is a list whose rows say their label and value in words, its data table folded under it.
    assert html.count('<ul class="barres">') == 7
    assert html.count("données du graphique</caption>") == 7
    assert re.search(r'<span class="barres__libelle">Eau et environnement</span>\s*<span class="barres__mesure">'
                     r'<svg[^>]*><rect width="100.0%"[^>]*></rect></svg>\s*'
                     r'<span class="barres__valeur">4\xa0demandes \(44,4\xa0%\)</span>', html)
    assert re.search(r'<th scope="row">Eau et environnement</th>\s*<td>4</td>', html)
    assert '<a href="/bilan/canton/le-diois/?annee=2025">Le Diois</a>' in html
    assert html.count("/bilan/canton/") == 19 * 3  # on the map, in the chart and in its table
    for texte in DONNEES_PERSONNELLES:
        assert texte not in html


def test_selecteur_d_annee_sans_javascript(client, jeu, page_bilan):
    html = client.get("/bilan/?annee=2024").content.decode()
    assert '<option value="2024" selected>' in html
    assert "demandes en 2024" in html
    # A year with no data or a wrong value: the default year, never an error.
    for valeur in ["1990", "abc", "2025'"]:
        reponse = client.get("/bilan/", {"annee": valeur})
        assert reponse.status_code == 200
        assert '<option value="2025" selected>' in reponse.content.decode()


def test_telechargement_csv(client, jeu, page_bilan):
    reponse = client.get("/bilan/csv/?annee=2025")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bilan-ingenierie-publique-2025.csv"' in reponse["Content-Disposition"]
    contenu = reponse.content.decode("utf-8-sig")
    lignes = lire_csv(reponse)
    assert lignes[0] == ["rubrique", "code", "libellé", "nombre", "part (%)"]
    assert ["total", "2025", "Demandes reçues en 2025", "9", ""] in lignes
    assert ["total", "evolution", "Évolution sur un an (%)", "", "50,0"] in lignes
    assert ["communes", "demandeuses", "Communes ayant fait au moins une demande (sur 362)", "3", "0,8"] in lignes
    assert ["Demandes par thématique", "eau-et-environnement", "Eau et environnement", "4", "44,4"] in lignes
    assert ["Demandes par canton", "2602", "Crest", "0", "0,0"] in lignes
    assert len([ligne for ligne in lignes if ligne[0] == "Demandes par canton"]) == 19
    for texte in DONNEES_PERSONNELLES:
        assert texte not in contenu


def test_page_d_un_canton(client, jeu, page_bilan):
    reponse = client.get("/bilan/canton/le-diois/?annee=2025")
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "<h1>Bilan 2025 par canton : Le Diois</h1>" in html
    assert "<title>Bilan 2025 par canton : Le Diois – Ingénierie publique" in html
    assert '<th scope="row">Solaure en Diois</th><td>2</td><td>1</td><td>1</td>' in html
    assert '<th scope="row">Saillans</th>' in html
    assert chiffre("2", "communes sur 61 ont fait au moins une demande") in html
    for texte in DONNEES_PERSONNELLES:
        assert texte not in html


def test_canton_sans_demande_et_canton_inconnu(client, jeu, page_bilan):
    html = client.get("/bilan/canton/crest/?annee=2025").content.decode()
    assert "Aucune commune de ce canton n'a fait de demande en 2025." in html
    assert client.get("/bilan/canton/atlantide/").status_code == 404


def test_annee_figee_ne_change_pas_en_silence(client, jeu, page_bilan, territoire):
    fige = figer(2025)
    html = client.get("/bilan/?annee=2025").content.decode()
    assert "Chiffres publiés, arrêtés le" in html
    assert "ont changé depuis" not in html
    # A correction in the back office: one more demande of 2025.
    DemandeFactory(commune=territoire["26289"], type_collectivite=TypeCollectivite.COMMUNE)
    html = client.get("/bilan/?annee=2025").content.decode()
    assert chiffre("9", "demandes en 2025") in html  # the published figure
    assert "les chiffres actuels diffèrent de ces chiffres publiés" in html
    assert "/bilan/csv/?annee=2025" in html
    lignes = client.get("/bilan/csv/?annee=2025").content.decode("utf-8-sig")
    assert "Demandes reçues en 2025;9;" in lignes
    # The canton page follows the snapshot too.
    html = client.get("/bilan/canton/le-diois/?annee=2025").content.decode()
    assert chiffre("4", "demandes en 2025 dans le canton") in html
    assert "diffèrent de ces chiffres publiés" in html
    # Freezing again publishes the corrected figures.
    figer(2025)
    assert fige.pk == type(fige).objects.get(annee=2025).pk
    html = client.get("/bilan/?annee=2025").content.decode()
    assert chiffre("10", "demandes en 2025") in html


def test_une_fusion_de_communes_ne_change_pas_la_page(client, jeu, page_bilan):
    Commune.objects.filter(insee="26001").delete()
    html = client.get("/bilan/canton/le-diois/?annee=2025").content.decode()
    assert '<th scope="row">Solaure en Diois</th>' in html


def test_nombre_de_requetes_des_pages(client, jeu, page_bilan, territoire):
    client.get("/bilan/")
    requetes = count_queries(lambda: client.get("/bilan/"))
    for _ in range(30):
        DemandeFactory(commune=territoire["26362"])
    with max_queries(requetes):
        client.get("/bilan/")
    with max_queries(requetes):
        client.get("/bilan/canton/le-diois/")
    assert requetes <= 25


def test_plan_du_site_xml_liste_les_pages_de_canton(client, territoire, page_bilan):
    contenu = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/bilan/</loc>" in contenu
    assert "<loc>http://testserver/bilan/canton/le-diois/</loc>" in contenu
    assert contenu.count("/bilan/canton/") == 19
