"""Import of the territory reference: shipped CSVs, re-runs, newer official files, mergers, split communes."""

import pytest
from wagtail.search.backends import get_search_backend

from site_collectivites.cache.pages import generation
from site_collectivites.territoire.importer import (
    COG_CANTON,
    COG_COMMUNE,
    CSV_COMMUNES,
    ETALAB_COMMUNES,
    ETALAB_EPCI,
    FICHIERS_PAR_DEFAUT,
    ErreurImport,
    importer_territoire,
)
from site_collectivites.territoire.models import Canton, Commune, Epci
from tests.utils import max_queries

from .fichiers_officiels import COMMUNES_JSON, EPCI_JSON, V_CANTON, ecrire, v_commune

CANTONS_DES_COMMUNES_REPARTIES = {
    "26198": {"2608", "2609"},  # Montélimar
    "26281": {"2601", "2611"},  # Romans-sur-Isère
    "26362": {"2615", "2616", "2617", "2618"},  # Valence
}


def codes_cantons(insee):
    return set(Commune.objects.get(insee=insee).cantons.values_list("code", flat=True))


def avertissements_contenant(rapport, *fragments):
    return [a for a in rapport.avertissements if all(f in a for f in fragments)]


@pytest.mark.django_db
def test_import_des_fichiers_livres(territoire):
    assert Commune.objects.count() == 362
    assert Canton.objects.count() == 19
    assert Epci.objects.count() == 16
    assert (territoire.communes.crees, territoire.cantons.crees, territoire.epci.crees) == (362, 19, 16)
    assert territoire.avertissements == []

    for insee, cantons in CANTONS_DES_COMMUNES_REPARTIES.items():
        assert codes_cantons(insee) == cantons
    # Every commune has an EPCI and at least one canton; 362 + 5 extra memberships of the split communes.
    assert not Commune.objects.filter(epci=None).exists()
    assert not Commune.objects.filter(cantons=None).exists()
    assert Commune.cantons.through.objects.count() == 367
    assert set(Canton.objects.values_list("code", flat=True)) == {str(code) for code in range(2601, 2620)}

    valence = Commune.objects.select_related("epci").get(insee="26362")
    assert (valence.nom, valence.population, valence.codes_postaux) == ("Valence", 64458, "26000")
    assert (valence.epci.siren, valence.epci.nature) == ("200068781", Epci.Nature.CA)
    diois = Canton.objects.get(code="2604")
    assert (diois.nom, diois.slug, diois.bureau_centralisateur) == ("Le Diois", "le-diois", "26113")
    assert diois.communes.count() == 61
    assert Epci.objects.get(siren="200073096").population == 60730  # CA Arche Agglo, populationTotale


@pytest.mark.django_db
def test_second_import_ne_cree_ni_ne_modifie_rien(territoire):
    avant = {c.insee: (c.pk, c.nom, c.population, c.codes_postaux, c.epci_id) for c in Commune.objects.all()}

    with max_queries(30):  # a handful of bulk queries, not one (or more) per commune
        rapport = importer_territoire(**FICHIERS_PAR_DEFAUT)

    assert (rapport.communes.crees, rapport.communes.mis_a_jour, rapport.communes.inchanges) == (0, 0, 362)
    assert (rapport.cantons.crees, rapport.cantons.mis_a_jour, rapport.cantons.inchanges) == (0, 0, 19)
    assert (rapport.epci.crees, rapport.epci.mis_a_jour, rapport.epci.inchanges) == (0, 0, 16)
    assert rapport.modifications == 0
    assert rapport.avertissements == []
    assert (Commune.objects.count(), Canton.objects.count(), Epci.objects.count()) == (362, 19, 16)
    assert avant == {c.insee: (c.pk, c.nom, c.population, c.codes_postaux, c.epci_id) for c in Commune.objects.all()}
    for insee, cantons in CANTONS_DES_COMMUNES_REPARTIES.items():
        assert codes_cantons(insee) == cantons


@pytest.mark.django_db
def test_fichier_modifie_met_a_jour_sans_doublon(territoire, tmp_path):
    lignes = FICHIERS_PAR_DEFAUT["communes"].read_text(encoding="utf-8").splitlines()
    assert lignes[1].startswith("26001,Solaure en Diois,456,")
    lignes[1] = lignes[1].replace("26001,Solaure en Diois,456,", "26001,Solaure-en-Diois,470,")
    fichier = ecrire(tmp_path / "drome_communes_2027.csv", "\n".join(lignes) + "\n")
    pk = Commune.objects.get(insee="26001").pk

    rapport = importer_territoire(communes=fichier)

    assert rapport.fichiers[0].format == CSV_COMMUNES
    assert (rapport.communes.crees, rapport.communes.mis_a_jour, rapport.communes.inchanges) == (0, 1, 361)
    commune = Commune.objects.get(insee="26001")
    assert (commune.pk, commune.nom, commune.population) == (pk, "Solaure-en-Diois", 470)
    assert codes_cantons("26001") == {"2604"}  # untouched by a communes file
    assert Commune.objects.count() == 362


@pytest.mark.django_db
def test_un_import_qui_modifie_renouvelle_les_pages(territoire, tmp_path):
    """Pages keep the territory they show for one generation of the page cache (a réalisation's commune, the
    cantons a listing offers); the communes and their cantons are written with bulk queries, which send no
    post_save signal: the import itself starts a new generation when it changed something."""
    lignes = FICHIERS_PAR_DEFAUT["communes"].read_text(encoding="utf-8").splitlines()
    lignes[1] = lignes[1].replace("26001,Solaure en Diois,", "26001,Solaure-en-Diois,")
    fichier = ecrire(tmp_path / "communes.csv", "\n".join(lignes) + "\n")
    avant = generation()

    importer_territoire(**FICHIERS_PAR_DEFAUT)  # nothing to change
    importer_territoire(communes=fichier, dry_run=True)
    assert generation() == avant

    importer_territoire(communes=fichier)
    assert generation() != avant


@pytest.mark.django_db
def test_commune_absente_d_un_fichier_plus_recent_conservee_avec_avertissement(territoire, tmp_path):
    """A merger: the absorbed commune is no longer listed; it is kept (demandes may refer to it) and reported."""
    lignes = [
        ligne
        for ligne in FICHIERS_PAR_DEFAUT["communes"].read_text(encoding="utf-8").splitlines()
        if not ligne.startswith("26003,")
    ]
    fichier = ecrire(tmp_path / "communes.csv", "\n".join(lignes) + "\n")

    rapport = importer_territoire(communes=fichier)

    assert Commune.objects.filter(insee="26003").exists()
    assert Commune.objects.count() == 362
    assert avertissements_contenant(rapport, "26003", "Aleyrac", "fusion", "conservée")
    assert rapport.communes.inchanges == 361


@pytest.mark.django_db
def test_simulation_annule_tout(tmp_path):
    rapport = importer_territoire(**FICHIERS_PAR_DEFAUT, dry_run=True)

    assert rapport.dry_run
    assert rapport.communes.crees == 362
    assert (Commune.objects.count(), Canton.objects.count(), Epci.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_v_canton_insee(tmp_path):
    fichier = ecrire(tmp_path / "v_canton_2026.csv", V_CANTON)

    rapport = importer_territoire(cantons=fichier)

    assert rapport.fichiers[0].format == COG_CANTON
    # DEP 26 and TYPECT C only: the "ville" pseudo-canton 2699 and the Ardèche row are left out.
    assert dict(Canton.objects.values_list("code", "nom")) == {"2601": "Bourg-de-Péage", "2604": "Le Diois"}
    assert Canton.objects.get(code="2604").bureau_centralisateur == "26113"


@pytest.mark.django_db
def test_v_canton_met_a_jour_les_cantons_existants(territoire, tmp_path):
    fichier = ecrire(tmp_path / "v_canton_2026.csv", V_CANTON.replace(",Le Diois,C", ",Diois,C"))

    rapport = importer_territoire(cantons=fichier)

    assert (rapport.cantons.crees, rapport.cantons.mis_a_jour, rapport.cantons.inchanges) == (0, 1, 1)
    assert Canton.objects.get(code="2604").nom == "Diois"
    assert Canton.objects.count() == 19  # the 17 cantons missing from the extract are kept, with a warning
    assert avertissements_contenant(rapport, "Canton 2602", "absent", "conservé")


@pytest.mark.django_db
@pytest.mark.parametrize("ancien_format", [False, True], ids=["v_commune_2026", "commune2019"])
def test_v_commune_insee(territoire, tmp_path, ancien_format):
    fichier = ecrire(tmp_path / "v_commune_2026.csv", v_commune(ancien_format))

    rapport = importer_territoire(communes_cantons=fichier)

    assert rapport.fichiers[0].format == COG_COMMUNE
    assert Commune.objects.count() == 362  # COMD row and other département ignored, nothing deleted
    assert Commune.objects.get(insee="26001").nom == "Solaure-en-Diois"  # LIBELLE
    assert codes_cantons("26001") == {"2604"}
    assert codes_cantons("26002") == {"2601"}  # was 2612: the file wins
    assert (rapport.communes.crees, rapport.communes.mis_a_jour, rapport.communes.inchanges) == (0, 2, 1)
    # Valence carries the "ville" pseudo-canton 2699 in the COG: its 4 real cantons are kept, with a warning.
    assert codes_cantons("26362") == CANTONS_DES_COMMUNES_REPARTIES["26362"]
    assert avertissements_contenant(rapport, "26362", "2699", "pseudo-canton", "2615, 2616, 2617, 2618")
    # Communes absent from the extract are reported, not deleted.
    assert avertissements_contenant(rapport, "26198", "absente", "conservée")


@pytest.mark.django_db
def test_v_commune_pseudo_canton_pour_une_commune_nouvelle(territoire, tmp_path):
    """Montélimar with its pseudo-canton 2697: cantons kept too, whatever the commune."""
    fichier = ecrire(
        tmp_path / "v_commune_2026.csv",
        "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\n"
        "COM,26198,84,26,26D,262,0,MONTELIMAR,Montélimar,Montélimar,2697,\n",
    )

    rapport = importer_territoire(communes=fichier)

    assert codes_cantons("26198") == {"2608", "2609"}
    assert avertissements_contenant(rapport, "26198", "2697", "pseudo-canton", "2608, 2609")
    assert rapport.communes.inchanges == 1


@pytest.mark.django_db
def test_communes_json_etalab(territoire, tmp_path):
    fichier = ecrire(tmp_path / "communes.json", COMMUNES_JSON)

    rapport = importer_territoire(communes=fichier)

    assert rapport.fichiers[0].format == ETALAB_COMMUNES
    assert Commune.objects.get(insee="26001").population == 470
    assert Commune.objects.get(insee="26216").codes_postaux == "26240;26330"
    # commune-deleguee and other départements are ignored; a new commune-actuelle is created.
    assert not Commune.objects.filter(insee__in=["26219", "07010"]).exists()
    nouvelle = Commune.objects.get(insee="26999")
    assert (nouvelle.nom, nouvelle.population, nouvelle.epci, nouvelle.cantons.count()) == (
        "Commune-Nouvelle-d'Essai",
        1200,
        None,
        0,
    )
    assert Commune.objects.count() == 363
    assert (rapport.communes.crees, rapport.communes.mis_a_jour, rapport.communes.inchanges) == (1, 2, 0)
    assert avertissements_contenant(rapport, "26999", "créée sans EPCI, canton")
    assert avertissements_contenant(rapport, "26362", "Valence", "absente", "conservée")
    assert Commune.objects.get(insee="26362").epci.siren == "200068781"  # untouched


@pytest.mark.django_db
def test_epci_json_etalab(territoire, tmp_path):
    fichier = ecrire(tmp_path / "epci.json", EPCI_JSON)

    rapport = importer_territoire(epci=fichier)

    assert rapport.fichiers[0].format == ETALAB_EPCI
    assert Epci.objects.count() == 16  # the Haute-Savoie EPCI has no member in the Drôme
    diois = Epci.objects.get(siren="242600534")
    assert (diois.nom, diois.population, diois.nature) == ("Communauté de communes du Diois", 12000, "CC")
    assert diois.slug == "cc-du-diois"  # URL identifier kept on renaming
    # membres: Albon moves to this EPCI (test data), Solaure-en-Diois was already a member.
    assert Commune.objects.get(insee="26002").epci == diois
    assert Commune.objects.get(insee="26001").epci == diois
    assert rapport.epci.mis_a_jour == 1
    assert (rapport.communes.mis_a_jour, rapport.communes.inchanges) == (1, 1)
    assert avertissements_contenant(rapport, "EPCI 200040459", "absent", "conservé")


@pytest.mark.django_db
def test_import_complet_depuis_les_seuls_formats_officiels(tmp_path):
    rapport = importer_territoire(
        cantons=ecrire(tmp_path / "v_canton_2026.csv", V_CANTON),
        epci=ecrire(tmp_path / "epci.json", EPCI_JSON),
        communes=ecrire(tmp_path / "communes.json", COMMUNES_JSON),
        communes_cantons=ecrire(tmp_path / "v_commune_2026.csv", v_commune()),
    )

    assert [f.format for f in rapport.fichiers] == [COG_CANTON, ETALAB_EPCI, ETALAB_COMMUNES, COG_COMMUNE]
    assert (Canton.objects.count(), Epci.objects.count()) == (2, 1)
    assert set(Commune.objects.values_list("insee", flat=True)) == {"26001", "26002", "26216", "26362", "26999"}
    solaure = Commune.objects.get(insee="26001")
    assert (solaure.nom, solaure.population, solaure.epci.siren) == ("Solaure-en-Diois", 470, "242600534")
    assert codes_cantons("26001") == {"2604"}
    assert Commune.objects.get(insee="26002").epci.siren == "242600534"  # membership applied after the communes
    assert codes_cantons("26362") == set()
    assert avertissements_contenant(rapport, "26362", "pseudo-canton", "(aucun)")
    assert rapport.communes.crees == 5


@pytest.mark.django_db
def test_erreurs_de_fichier(tmp_path):
    with pytest.raises(ErreurImport, match="introuvable"):
        importer_territoire(communes=tmp_path / "absent.csv")
    with pytest.raises(ErreurImport, match="non reconnu"):
        importer_territoire(cantons=ecrire(tmp_path / "x.csv", "foo,bar\n1,2\n"))
    with pytest.raises(ErreurImport, match="ne convient pas"):
        importer_territoire(epci=FICHIERS_PAR_DEFAUT["communes"])
    with pytest.raises(ErreurImport, match="JSON invalide"):
        importer_territoire(epci=ecrire(tmp_path / "epci.json", '[{"code": '))
    with pytest.raises(ErreurImport, match="JSON non reconnu"):
        importer_territoire(epci=ecrire(tmp_path / "autre.json", {"code": "1"}))
    with pytest.raises(ErreurImport, match="vide"):
        importer_territoire(communes=ecrire(tmp_path / "vide.csv", "\n"))
    # Every file is checked before anything is written.
    with pytest.raises(ErreurImport):
        importer_territoire(cantons=FICHIERS_PAR_DEFAUT["cantons"], communes=tmp_path / "absent.csv")
    assert not Canton.objects.exists()


@pytest.mark.django_db
def test_lignes_invalides_signalees(territoire, tmp_path):
    fichier = ecrire(
        tmp_path / "communes.csv",
        "insee_code,name,population,postal_codes,epci_siren,epci_name,epci_type\n"
        "26001,Solaure en Diois,beaucoup,26150,242600534,CC du Diois,CC\n"
        "ABCDE,Nulle part,10,26000,242600534,CC du Diois,CC\n"
        "26003,Aleyrac,50,26770,999999999,Inconnue,CC\n",
    )

    rapport = importer_territoire(communes=fichier)

    assert Commune.objects.get(insee="26001").population == 456  # unreadable value: current one kept
    assert avertissements_contenant(rapport, "ligne 2", "population illisible")
    assert avertissements_contenant(rapport, "ligne 3", "code INSEE")
    assert avertissements_contenant(rapport, "26003", "EPCI 999999999 inconnu")
    assert Commune.objects.get(insee="26003").epci.siren == "242600492"
    assert Commune.objects.count() == 362


@pytest.mark.django_db
def test_index_de_recherche_a_jour(territoire, tmp_path):
    """Bulk writes send no post_save: the importer indexes the communes itself (autocomplete on the name)."""
    recherche = get_search_backend()
    assert [c.insee for c in recherche.autocomplete("Montélimar", Commune)] == ["26198"]

    lignes = FICHIERS_PAR_DEFAUT["communes"].read_text(encoding="utf-8").splitlines()
    lignes[1] = lignes[1].replace("Solaure en Diois", "Solaure-Renommée")
    importer_territoire(communes=ecrire(tmp_path / "communes.csv", "\n".join(lignes) + "\n"))

    assert [c.insee for c in recherche.autocomplete("Solaure-Renomm", Commune)] == ["26001"]
