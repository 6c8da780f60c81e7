"""deploy/sauvegarder.sh: a failed pg_dump fails the script loudly and leaves no file that looks like a backup.

A failed pg_dump used to leave a 0-byte base-….dump behind (issue #21), which the retention would have kept as
the newest backup. The script runs as cron runs it, with a PATH where pg_dump is a stub (failing, silent or
succeeding): no database needed, the real tar, find and mv.
"""

import os
import subprocess  # nosec B404: the project's own script, fixed arguments
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "sauvegarder.sh"

# What pg_dump does when the connection drops halfway: part of the file written, an error, a non-zero status.
EN_PANNE = """#!/bin/sh
for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
printf 'PGDMP début du fichier' > "$f"
echo 'pg_dump: error: connection to server lost' >&2
exit 1
"""
MUET = """#!/bin/sh
for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
: > "$f"
"""
EN_ETAT = """#!/bin/sh
for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
printf 'PGDMP une base entière' > "$f"
"""


def sauvegarder(tmp_path, pg_dump):
    outils = tmp_path / "outils"
    outils.mkdir(exist_ok=True)
    (outils / "pg_dump").write_text(pg_dump)
    (outils / "pg_dump").chmod(0o755)
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "cr.txt").write_text("compte rendu")
    env = {"PATH": f"{outils}:{os.environ['PATH']}", "DATABASE_URL": "postgres://essai@127.0.0.1:1/essai",
           "MEDIA_ROOT": str(media), "RETENTION_JOURS": "30"}
    return subprocess.run([str(SCRIPT), str(tmp_path / "sauvegardes")], env=env, capture_output=True,  # nosec B603
                          text=True, timeout=60)


@pytest.fixture
def ancienne(tmp_path):
    """Last night's backup, which a failure must never delete nor hide."""
    dossier = tmp_path / "sauvegardes"
    dossier.mkdir()
    fichier = dossier / "base-20261204-0300.dump"
    fichier.write_text("PGDMP hier")
    hier = time.time() - 86400
    os.utime(fichier, (hier, hier))
    return fichier


@pytest.mark.parametrize("pg_dump, message", [(EN_PANNE, "pg_dump a échoué (code 1)"),
                                              (MUET, "pg_dump n'a rien écrit")], ids=["en_panne", "muet"])
def test_a_failed_dump_fails_loudly_and_leaves_nothing(tmp_path, ancienne, pg_dump, message):
    resultat = sauvegarder(tmp_path, pg_dump)
    assert resultat.returncode != 0
    assert f"ERREUR : {message}" in resultat.stderr and "la base n'est pas sauvegardée" in resultat.stderr
    assert "Sauvegarde :" not in resultat.stdout
    # No new file, partial or renamed; last night's backup untouched.
    assert sorted(p.name for p in ancienne.parent.iterdir()) == [ancienne.name]
    assert ancienne.read_text() == "PGDMP hier"


def test_a_successful_dump_is_renamed_once_complete(tmp_path, ancienne):
    resultat = sauvegarder(tmp_path, EN_ETAT)
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stderr == ""
    fichiers = {p.name for p in ancienne.parent.iterdir()}
    [base] = [n for n in fichiers if n.startswith("base-") and n != ancienne.name]
    [archive] = [n for n in fichiers if n.startswith("media-")]
    assert fichiers == {ancienne.name, base, archive}  # nothing partial left beside them
    assert (ancienne.parent / base).read_text() == "PGDMP une base entière"
    assert f"Sauvegarde : {ancienne.parent / base}" in resultat.stdout
    assert (ancienne.parent.stat().st_mode & 0o777) == 0o700
