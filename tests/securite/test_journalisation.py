"""Logs: no e-mail address or phone number, plain or JSON lines (LOG_FORMAT)."""

import io
import json
import logging
import logging.config

import pytest
from django.core.exceptions import ImproperlyConfigured

from site_collectivites.exploitation.journalisation import masquer
from site_collectivites.settings.base import configuration_journaux


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Demande de marie.dupont@mairie-crest.fr reçue", "Demande de [courriel masqué] reçue"),
        ("Rappeler le 04 75 79 26 26 demain", "Rappeler le [téléphone masqué] demain"),
        ("tél. 0475792626.", "tél. [téléphone masqué]."),
        ("portable +33 6 12 34 56 78", "portable [téléphone masqué]"),
        ("Référence DEM-2026-00042, commune 26108, SIREN 200040715", "Référence DEM-2026-00042, commune 26108, SIREN 200040715"),
        ("2026-12-01 10:15:00 durée 1234567890 ms", "2026-12-01 10:15:00 durée 1234567890 ms"),
    ],
)
def test_masquer(texte, attendu):
    assert masquer(texte) == attendu


def journal(format_journal):
    """A logger configured by the project's LOGGING for `format_journal`, writing into a buffer."""
    configuration = configuration_journaux(format_journal)
    tampon = io.StringIO()
    configuration["handlers"]["console"]["stream"] = tampon
    configuration["root"]["level"] = "INFO"
    logging.config.dictConfig(configuration)
    return tampon


@pytest.fixture
def restaurer_journaux():
    gestionnaires, niveau = logging.root.handlers[:], logging.root.level
    yield
    logging.root.handlers[:] = gestionnaires
    logging.root.setLevel(niveau)


def test_json_lines_without_personal_data(restaurer_journaux):
    tampon = journal("json")
    logging.getLogger("demandes").info("Accusé envoyé à %s (tél. %s)", "jean@exemple.fr", "04 75 00 00 00")
    try:
        raise ValueError("adresse refusée : jean@exemple.fr")
    except ValueError:
        logging.getLogger("demandes").exception("Échec")
    lignes = [json.loads(ligne) for ligne in tampon.getvalue().splitlines()]
    assert lignes[0]["message"] == "Accusé envoyé à [courriel masqué] (tél. [téléphone masqué])"
    assert lignes[0]["level"] == "INFO" and lignes[0]["logger"] == "demandes" and lignes[0]["timestamp"]
    assert "jean@exemple.fr" not in lignes[1]["exception"] and "ValueError" in lignes[1]["exception"]


def test_plain_text_without_personal_data(restaurer_journaux):
    tampon = journal("plain")
    logging.getLogger("newsletter").warning("Rebond pour %s", "abonne@exemple.fr")
    sortie = tampon.getvalue()
    assert "WARNING newsletter Rebond pour [courriel masqué]" in sortie and "abonne@" not in sortie


def test_unknown_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT doit valoir plain ou json"):
        configuration_journaux("xml")
