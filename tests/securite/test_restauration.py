"""deploy/restaurer.sh: a pg_dump of the test database restored into an empty database, and the site serves."""

import io
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import make_site_with_home
from tests.instantanes import base_restauree  # noqa: F401 (fixture)

RACINE = Path(__file__).resolve().parents[2]


def url_base(nom):
    reglages = connection.settings_dict
    utilisateur = reglages["USER"] + (f":{reglages['PASSWORD']}" if reglages["PASSWORD"] else "")
    return f"postgres://{utilisateur}@{reglages['HOST'] or '127.0.0.1'}:{reglages['PORT'] or 5432}/{nom}"


def psql(requete):
    subprocess.run(["psql", url_base("postgres"), "-qc", requete], check=True, capture_output=True)


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_then_the_site_serves(base_restauree, tmp_path):  # noqa: F811
    make_site_with_home(title="Accueil sauvegardé")  # committed: transactional test
    dump = tmp_path / "base.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", url_base(connection.settings_dict["NAME"])],
                   check=True)
    archive = tmp_path / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        contenu = b"compte rendu"
        info = tarfile.TarInfo("./documents/cr.txt")
        info.size = len(contenu)
        tar.addfile(info, io.BytesIO(contenu))

    cible = f"{connection.settings_dict['NAME']}_restauree"
    psql(f'drop database if exists "{cible}"')
    psql(f'create database "{cible}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_collectivites.settings.test",
           "MEDIA_ROOT": str(tmp_path / "media"), "PYTHON": str(RACINE / ".venv" / "bin" / "python")}
    try:
        commande = [str(RACINE / "deploy" / "restaurer.sh"), str(dump), url_base(cible), str(archive)]
        resultat = subprocess.run(commande, env=env, capture_output=True, text=True, timeout=120)
        assert resultat.returncode == 0, resultat.stdout + resultat.stderr
        assert "accueil : 200 ; /healthz : 200, base de données joignable : True" in resultat.stdout
        assert (tmp_path / "media" / "documents" / "cr.txt").read_bytes() == b"compte rendu"
        titre = subprocess.run(["psql", url_base(cible), "-tAc", "select title from wagtailcore_page where depth = 2"],
                               capture_output=True, text=True, check=True).stdout
        assert "Accueil sauvegardé" in titre

        # A second restore into the now populated database is refused, and changes nothing.
        encore = subprocess.run(commande[:3], env=env, capture_output=True, text=True, timeout=60)
        assert encore.returncode == 2 and "exige une base vide" in encore.stderr
    finally:
        psql(f'drop database if exists "{cible}"')
