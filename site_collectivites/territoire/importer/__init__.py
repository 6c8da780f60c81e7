"""Import of the Drôme territory reference: cantons, EPCI and communes.

Plain functions, used by `manage.py import_territoire` and by the tests. Each file is read, its format is
detected from its header (CSV) or its contents (JSON), then the rows are upserted in one transaction, keyed by
canton code, SIREN and code INSEE: a second run updates, it never duplicates, and nothing is ever deleted
(a commune missing from a newer file, e.g. after a merger, is reported as a warning).

Accepted formats (see territoire/data/SOURCES.md):

* the project's CSVs (drome_cantons.csv, drome_epci.csv, drome_communes.csv, drome_communes_cantons.csv);
* INSEE COG `v_canton_20XX.csv` (cantons) and `v_commune_20XX.csv` / `commune20XX.csv` (commune names and the
  commune → canton link);
* `@etalab/decoupage-administratif` `communes.json` (names, populations, postal codes) and `epci.json` (EPCI
  and their members).

The package, one module per step: formats.py (natures of file, accepted formats, reading and format detection),
lecture.py (rows → validated records), ecriture.py (records → database), rapport.py (ErreurImport and the
report). This module holds the entry points and re-exports the names the command and the tests import.
"""

from pathlib import Path

from django.db import transaction

from site_collectivites.cache.invalidation import invalider

from ..models import Commune
from .ecriture import (
    ecrire_cantons,
    ecrire_communes,
    ecrire_epci,
    ecrire_membres_epci,
    mettre_a_jour_index,
    signaler_communes_incompletes,
)
from .formats import (
    COG_CANTON,
    COG_COMMUNE,
    CSV_CANTONS,
    CSV_COMMUNES,
    CSV_COMMUNES_CANTONS,
    CSV_EPCI,
    ETALAB_COMMUNES,
    ETALAB_EPCI,
    FORMATS_ACCEPTES,
    LIBELLES_FICHIERS,
    LIBELLES_FORMATS,
    FichierLu,
    lire_fichier,
)
from .lecture import (
    DEPARTEMENT,
    PSEUDO_CANTONS_VILLE,
    cantons_depuis_fichier,
    communes_depuis_fichier,
    epci_depuis_fichier,
)
from .rapport import CREE, INCHANGE, MIS_A_JOUR, Compteurs, ErreurImport, RapportImport

__all__ = [
    "COG_CANTON",
    "COG_COMMUNE",
    "CREE",
    "CSV_CANTONS",
    "CSV_COMMUNES",
    "CSV_COMMUNES_CANTONS",
    "CSV_EPCI",
    "DEPARTEMENT",
    "DOSSIER_DONNEES",
    "ETALAB_COMMUNES",
    "ETALAB_EPCI",
    "FICHIERS_PAR_DEFAUT",
    "FORMATS_ACCEPTES",
    "INCHANGE",
    "LIBELLES_FICHIERS",
    "LIBELLES_FORMATS",
    "MIS_A_JOUR",
    "PSEUDO_CANTONS_VILLE",
    "Compteurs",
    "ErreurImport",
    "FichierLu",
    "RapportImport",
    "importer_fichiers_par_defaut",
    "importer_territoire",
    "lire_fichier",
]

# territoire/data/, next to this package (one level up from importer/).
DOSSIER_DONNEES = Path(__file__).resolve().parent.parent / "data"

#: The files shipped with the project, imported when no file is given.
FICHIERS_PAR_DEFAUT = {
    "cantons": DOSSIER_DONNEES / "drome_cantons.csv",
    "epci": DOSSIER_DONNEES / "drome_epci.csv",
    "communes": DOSSIER_DONNEES / "drome_communes.csv",
    "communes_cantons": DOSSIER_DONNEES / "drome_communes_cantons.csv",
}


def importer_territoire(*, cantons=None, epci=None, communes=None, communes_cantons=None, dry_run=False):
    """Import the files given (paths; None = not imported) in one transaction and return a RapportImport.

    Every file is read and its format checked before anything is written. Order: cantons, EPCI, communes,
    communes → cantons, then the EPCI membership of epci.json. With `dry_run`, everything is rolled back.
    Raises ErreurImport (French message) when a file is missing, unreadable or of an unknown format.
    """
    chemins = {"cantons": cantons, "epci": epci, "communes": communes, "communes_cantons": communes_cantons}
    chemins = {nature: chemin for nature, chemin in chemins.items() if chemin}
    if not chemins:
        raise ErreurImport("Aucun fichier à importer.")
    fichiers = {nature: lire_fichier(chemin, nature) for nature, chemin in chemins.items()}

    rapport = RapportImport(dry_run=dry_run, fichiers=list(fichiers.values()))
    pseudo_cantons = set(PSEUDO_CANTONS_VILLE)
    with transaction.atomic():
        codes_initiaux = set(Commune.objects.values_list("insee", flat=True))
        a_indexer = {}  # insee → Commune written with bulk queries, to index at the end
        enregistrements_epci = None
        if "cantons" in fichiers:
            fichier = fichiers["cantons"]
            ecrire_cantons(fichier, cantons_depuis_fichier(fichier, rapport, pseudo_cantons), rapport)
        if "epci" in fichiers:
            fichier = fichiers["epci"]
            enregistrements_epci = epci_depuis_fichier(fichier, rapport)
            ecrire_epci(fichier, enregistrements_epci, rapport)
        for nature in ("communes", "communes_cantons"):
            if nature in fichiers:
                fichier = fichiers[nature]
                enregistrements = communes_depuis_fichier(fichier, rapport)
                ecrire_communes(fichier, enregistrements, rapport, pseudo_cantons, codes_initiaux, a_indexer)
        if enregistrements_epci and fichiers["epci"].format == ETALAB_EPCI:
            ecrire_membres_epci(fichiers["epci"], enregistrements_epci, rapport, a_indexer)
        signaler_communes_incompletes(rapport)
        if dry_run:
            transaction.set_rollback(True)
        else:
            mettre_a_jour_index(list(a_indexer.values()))
            if rapport.modifications:
                # Pages show the territory (a réalisation's commune, the cantons offered as filters) and keep
                # what they read for one generation of the page cache; the communes and their cantons are
                # written with bulk queries, which send no post_save signal to refresh it.
                invalider()
    return rapport


def importer_fichiers_par_defaut(*, dry_run=False):
    """Import the files shipped in territoire/data/."""
    return importer_territoire(**FICHIERS_PAR_DEFAUT, dry_run=dry_run)
