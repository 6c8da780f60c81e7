"""manage.py import_territoire: summary in French, options, dry run, errors as CommandError."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from site_collectivites.territoire.importer import FICHIERS_PAR_DEFAUT
from site_collectivites.territoire.models import Canton, Commune, Epci

from .fichiers_officiels import V_CANTON, ecrire, v_commune


def lancer(*args):
    sortie = StringIO()
    call_command("import_territoire", *args, stdout=sortie)
    return sortie.getvalue()


@pytest.mark.django_db
def test_sans_option_importe_les_fichiers_livres():
    sortie = lancer()

    assert "19 cantons (19 créés, 0 mis à jour, 0 inchangés)" in sortie
    assert "16 EPCI (16 créés, 0 mis à jour, 0 inchangés)" in sortie
    assert "362 communes (362 créées, 0 mises à jour, 0 inchangées)" in sortie
    assert "Import terminé." in sortie
    assert (Commune.objects.count(), Canton.objects.count(), Epci.objects.count()) == (362, 19, 16)

    sortie = lancer()
    assert "362 communes (0 créées, 0 mises à jour, 362 inchangées)" in sortie
    assert "déjà à jour" in sortie
    assert Commune.objects.count() == 362


@pytest.mark.django_db
def test_dry_run():
    sortie = lancer("--dry-run")

    assert "Simulation" in sortie
    assert "362 communes (362 créées" in sortie
    assert (Commune.objects.count(), Canton.objects.count(), Epci.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_options_de_fichier_au_format_officiel(tmp_path):
    lancer()
    sortie = lancer(
        "--cantons",
        str(ecrire(tmp_path / "v_canton_2026.csv", V_CANTON)),
        "--communes-cantons",
        str(ecrire(tmp_path / "v_commune_2026.csv", v_commune())),
    )

    assert "Insee COG, fichier des cantons (v_canton)" in sortie
    assert "Insee COG, fichier des communes (v_commune)" in sortie
    assert "2 cantons (0 créés, 0 mis à jour, 2 inchangés)" in sortie
    assert "3 communes (0 créées, 2 mises à jour, 1 inchangée)" in sortie
    assert "pseudo-canton" in sortie
    assert "… et " in sortie  # long warning lists are cut without --verbosity 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("option", "contenu", "message"),
    [
        ("--communes", None, "Fichier introuvable"),
        ("--cantons", "foo,bar\n1,2\n", "Format de fichier non reconnu"),
        ("--epci", "[{]", "JSON invalide"),
        ("--communes-cantons", '[{"code": "26001", "nom": "X", "departement": "26"}]', "ne convient pas"),
    ],
)
def test_erreurs_en_commanderror(tmp_path, option, contenu, message):
    chemin = tmp_path / "fichier"
    if contenu is not None:
        ecrire(chemin, contenu)
    with pytest.raises(CommandError, match=message):
        lancer(option, str(chemin))
    assert not Commune.objects.exists()


@pytest.mark.django_db
def test_dossier_au_lieu_d_un_fichier(tmp_path):
    with pytest.raises(CommandError, match="dossier"):
        lancer("--epci", str(tmp_path))


def test_fichiers_livres_presents():
    for chemin in FICHIERS_PAR_DEFAUT.values():
        assert chemin.is_file()
