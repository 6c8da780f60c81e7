"""The import of past demandes from a CSV export: frozen territory, assignments, rejections, idempotence."""

import pytest
from django.core.management import CommandError, call_command

from demandes.bilan.statistiques import calculer_bilan
from demandes.models import Affectation, Demande, Source, Statut, StatutAffectation

CSV = """date;type;collectivite;thematique;prestation;partenaire;statut;id;nom_structure
12/03/2022;Commune;26001;Énergie|Habitat;Conseil;SDED;Close;A-1;
2022-05-20;commune;26362;amenagement;AMO;caue;close;A-2;
01/06/2022;EPCI;242600534;Eau et environnement;;;Sans suite;A-3;
15/09/2022;syndicat;26113;eau-et-environnement;MOe;Gestion de l'eau;close;;SIVU des eaux du Diois
31/02/2022;commune;26001;energie;;;close;A-5;
10/10/2022;commune;26998;energie;;;close;A-6;
10/10/2022;mairie;26001;energie;;;close;A-7;
10/10/2022;commune;26001;Sport;;;close;A-8;
10/10/2022;commune;26001;energie;Conseil;;close;A-9;
10/10/2022;commune;26001;energie;;ADEME;close;A-10;
10/10/2022;epci;123456789;energie;;;close;A-11;
10/10/2022;commune;26001;energie;;;perdue;A-12;
10/10/2030;commune;26001;energie;;;close;A-13;
10/10/2022;commune;;energie;;;close;A-14;
"""


@pytest.fixture
def fichier(tmp_path):
    chemin = tmp_path / "historique.csv"
    chemin.write_text(CSV, encoding="utf-8")
    return chemin


def importer(fichier, *options):
    from io import StringIO

    sortie = StringIO()
    call_command("importer_historique", str(fichier), *options, stdout=sortie)
    return sortie.getvalue()


def test_import_et_rejets(fichier, territoire, referentiel):
    sortie = importer(fichier)
    assert "4 demande(s) importée(s), 0 déjà présente(s), 10 ligne(s) rejetée(s)." in sortie
    for attendu in [
        "ligne 6 : date illisible « 31/02/2022 » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)",
        "ligne 7 : commune inconnue (code INSEE « 26998 »)",
        "ligne 8 : type de collectivité inconnu (commune, epci, syndicat ou autre) : « mairie »",
        "ligne 9 : thématique inconnue « Sport »",
        "ligne 10 : prestation sans partenaire : on ne sait pas qui l'a réalisée",
        "ligne 11 : partenaire inconnu « ADEME »",
        "ligne 12 : intercommunalité inconnue (SIREN « 123456789 »)",
        "ligne 13 : statut inconnu « perdue »",
        "ligne 14 : date dans le futur (10/10/2030)",
        "ligne 15 : code INSEE de la commune manquant",
    ]:
        assert attendu in sortie
    demandes = Demande.objects.order_by("cree_le")
    assert [d.reference for d in demandes] == ["DEM-2022-00001", "DEM-2022-00002", "DEM-2022-00003", "DEM-2022-00004"]
    assert all(d.source == Source.HISTORIQUE and d.annee == 2022 for d in demandes)
    solaure = demandes[0]
    assert solaure.cle_import == "hist-A-1"
    assert (solaure.territoire_insee, solaure.territoire_canton_code, solaure.territoire_epci_siren,
            solaure.territoire_tranche) == ("26001", "2604", "242600534", "moins_1000")
    assert sorted(solaure.thematiques.values_list("slug", flat=True)) == ["energie", "habitat"]
    affectation = Affectation.objects.get(demande=solaure)
    assert affectation.statut == StatutAffectation.TERMINEE
    assert affectation.prestation_realisee.slug == "conseil"
    assert solaure.statut == Statut.CLOSE and not solaure.statut_manuel
    epci = demandes[2]
    assert epci.statut == Statut.SANS_SUITE and not epci.statut_manuel  # no assignment: the status stays
    assert demandes[1].territoire_canton_code == "2615"  # Valence, frozen in Valence-1
    assert demandes[3].nom_structure == "SIVU des eaux du Diois"
    assert demandes[3].cle_import.startswith("hist-") and len(demandes[3].cle_import) == 45  # hash of the row
    bilan = calculer_bilan(2022)
    assert bilan["total"] == 4
    assert {ligne["cle"]: ligne["nombre"] for ligne in bilan["prestations"]}["maitrise-d-oeuvre"] == 1


def test_import_idempotent(fichier, territoire, referentiel):
    importer(fichier)
    sortie = importer(fichier)
    assert "0 demande(s) importée(s), 4 déjà présente(s), 10 ligne(s) rejetée(s)." in sortie
    assert Demande.objects.count() == 4
    assert Affectation.objects.count() == 3


def test_simulation(fichier, territoire, referentiel):
    sortie = importer(fichier, "--dry-run")
    assert sortie.startswith("Simulation (rien n'est enregistré) : 4 demande(s) importée(s)")
    assert not Demande.objects.exists()


def test_fichier_invalide(tmp_path, territoire, referentiel):
    chemin = tmp_path / "mauvais.csv"
    chemin.write_text("date,commune\n01/01/2022,26001\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonnes manquantes : type, collectivite, thematique"):
        importer(chemin)
    with pytest.raises(CommandError, match="Fichier illisible"):
        importer(tmp_path / "absent.csv")


def test_fichier_windows_1252_avec_virgules(tmp_path, territoire, referentiel):
    chemin = tmp_path / "export-tableur.csv"
    chemin.write_bytes("date,type,collectivite,thematique,prestation,partenaire,statut\n"
                       "03/04/2023,Commune,26289,Énergie,,,Réorientée\n".encode("cp1252"))
    assert "1 demande(s) importée(s)" in importer(chemin)
    demande = Demande.objects.get()
    assert demande.statut == Statut.REORIENTEE
    assert demande.thematiques.get().slug == "energie"
    assert demande.reference == "DEM-2023-00001"
