import pytest

from tests.agenda.factories import ActualiteIndexPageFactory, AgendaIndexPageFactory


@pytest.fixture
def agenda(home):
    return AgendaIndexPageFactory(parent=home)


@pytest.fixture
def actualites(home):
    return ActualiteIndexPageFactory(parent=home)


@pytest.fixture
def territoire_mini(db):
    """Two communes and their EPCI: enough for the registration form's list (the full import takes seconds)."""
    from site_collectivites.territoire.models import Commune, Epci

    epci = Epci.objects.create(siren="200040715", nom="Communauté de communes du Crestois", nature="CC")
    crest = Commune.objects.create(insee="26108", nom="Crest", epci=epci)
    die = Commune.objects.create(insee="26113", nom="Die")
    return {"epci": epci, "crest": crest, "die": die}


@pytest.fixture
def organisateur(db):
    from tests.factories import PartenaireFactory

    return PartenaireFactory(nom="Service relations collectivités", email_contact="relations@ladrome.example")


@pytest.fixture
def evenement(agenda, organisateur):
    """Upcoming, registration on this site, 10 seats, organised by a partner with a contact e-mail."""
    from tests.agenda.factories import EvenementInscriptionFactory

    page = EvenementInscriptionFactory(parent=agenda, title="Rencontre des secrétaires de mairie")
    page.partenaires.set([organisateur])
    page.save()
    return page
