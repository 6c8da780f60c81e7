"""The bilan's map of the 19 cantons (a choropleth drawn on the server) and the shipped contours it is drawn from."""

import io
import json
import re

from bs4 import BeautifulSoup
from django.core.management import call_command

from demandes.bilan.graphiques import carte_des_cantons
from site_collectivites.territoire import geographie
from site_collectivites.territoire.models import Canton


def test_the_map_names_each_canton_with_its_figure_and_links_to_its_page(client, jeu, page_bilan):
    soupe = BeautifulSoup(client.get("/bilan/?annee=2025").content.decode(), "html.parser")
    carte = soupe.find("figure", class_="carte-cantons")
    assert carte.find("figcaption").get_text(strip=True) == "Carte des demandes par canton en 2025"
    liens = carte.find("svg").find_all("a")
    assert len(liens) == Canton.objects.count() == 19
    # The same figures as the table beside it, and the canton's page behind each shape.
    tableau = {th.get_text(strip=True): th.find_next("td").get_text(strip=True)
               for th in soupe.find(id="legende-cantons").find_parent("table").select("tbody th")}
    for lien in liens:
        nom, nombre = re.fullmatch(r"(.+) : (\d+)\xa0demandes?", lien["aria-label"]).groups()
        assert tableau[nom] == nombre
        assert lien["href"].startswith("/bilan/canton/") and lien["href"].endswith("?annee=2025")
        assert client.get(lien["href"]).status_code == 200
        assert lien.find("path")["d"].startswith("M")
    # No canton without a demande shares a colour with one that has some; the legend says the classes in words.
    zones = {lien["aria-label"]: lien.find("path")["class"][-1] for lien in liens}
    assert {classe for label, classe in zones.items() if label.endswith(": 0\xa0demande")} == {"carte__zone--0"}
    assert "carte__zone--0" not in {classe for label, classe in zones.items() if not label.endswith(": 0\xa0demande")}
    legende = [li.get_text(" ", strip=True) for li in carte.select(".legende li")]
    assert legende[0] == "0" and legende[-1].endswith(str(max(int(n) for n in tableau.values())))
    assert "IGN, Admin Express, Licence Ouverte" in carte.get_text()


def test_classes_split_the_figures_and_keep_zero_apart():
    bornes = geographie.classes([0, 3, 7, 25, 40])
    assert bornes == [10, 20, 30, 40]
    assert [geographie.classe_de(v, bornes) for v in (0, 1, 10, 11, 40)] == [0, 1, 1, 2, 4]
    assert geographie.classes([0, 0]) == [] and geographie.classe_de(0, []) == 0
    assert geographie.legende([1, 2]) == [(0, "0"), (1, "1"), (2, "2")]


def test_a_canton_the_contours_do_not_know_stays_in_the_table_not_on_the_map():
    lignes = [{"cle": "2601", "libelle": "Bourg-de-Péage", "nombre": 4, "url": "/a/"},
              {"cle": "9999", "libelle": "Ancien canton", "nombre": 2, "url": ""}]
    assert [zone["libelle"] for zone in carte_des_cantons(lignes)["zones"]] == ["Bourg-de-Péage"]


def test_the_shipped_contours_cover_the_19_cantons_and_every_commune():
    fond = geographie.fond_de_carte()
    assert sorted(fond["cantons"]) == [f"26{n:02d}" for n in range(1, 20)]
    x, y = geographie.point_de_commune("26362")  # Valence, in the west of the département
    assert 0 < x < fond["largeur"] / 2 and 0 < y < fond["hauteur"]
    assert geographie.point_de_commune("00000") is None


def test_preparer_contours_simplifies_and_renumbers(tmp_path):
    """The command that made the shipped copy, on a small source: a canton with many points on a straight
    edge keeps its corners only, its code becomes INSEE's, a commune becomes its centre."""
    carre = [[4.0 + i / 100, 44.0] for i in range(100)] + [[5.0, 44.0], [5.0, 45.0], [4.0, 45.0], [4.0, 44.0]]

    def entite(code, anneau):
        return {"type": "Feature", "properties": {"code": code, "nom": code},
                "geometry": {"type": "Polygon", "coordinates": [anneau]}}

    (tmp_path / "drome_cantons.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": [entite("26005", carre)]}))
    (tmp_path / "drome_communes.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": [entite("26100", carre)]}))
    (tmp_path / "drome_departement.geojson").write_text(json.dumps(entite("26", carre)))
    destination = tmp_path / "sortie"
    geographie_dossier = geographie.DOSSIER_CONTOURS
    try:
        import site_collectivites.territoire.management.commands.preparer_contours as commande

        commande.DOSSIER_CONTOURS = destination
        call_command("preparer_contours", str(tmp_path), stdout=io.StringIO())
    finally:
        commande.DOSSIER_CONTOURS = geographie_dossier
    resultat = json.loads((destination / "drome.json").read_text())
    assert list(resultat["cantons"]) == ["2605"]
    (anneau,) = resultat["cantons"]["2605"][0]
    assert anneau == [[4.0, 44.0], [5.0, 44.0], [5.0, 45.0], [4.0, 45.0], [4.0, 44.0]]
    assert resultat["centres_communes"] == {"26100": [4.5, 44.5]}
    assert "Licence Ouverte" in resultat["source"]
