import pytest

from tests.agenda.factories import ActualiteIndexPageFactory, AgendaIndexPageFactory


@pytest.fixture
def agenda(home):
    return AgendaIndexPageFactory(parent=home)


@pytest.fixture
def actualites(home):
    return ActualiteIndexPageFactory(parent=home)
