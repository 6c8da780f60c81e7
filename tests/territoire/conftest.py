import pytest

from site_collectivites.territoire.importer import importer_fichiers_par_defaut


@pytest.fixture
def territoire(db):
    """The shipped files, imported (takes a second or two)."""
    return importer_fichiers_par_defaut()
