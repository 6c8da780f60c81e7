"""site_collectivites/cache/liens.py: a page's relations in one query, resolved in tables shared per generation."""

import json
import re

import pytest
from django.contrib.auth.models import Group

from offres.models import Beneficiaire
from site_collectivites.cache import liens
from tests.agenda.factories import EvenementPageFactory
from tests.factories import PartenaireFactory, ThematiqueFactory, TypePrestationFactory
from tests.offres.factories import OffreIndexPageFactory, offre
from tests.utils import count_queries


@pytest.fixture
def catalogue(home):
    return OffreIndexPageFactory(parent=home)


def test_every_relation_in_one_query_and_in_each_models_order(catalogue):
    eau = ThematiqueFactory(nom="Eau", slug="eau", ordre=2)
    energie = ThematiqueFactory(nom="Énergie", slug="energie", ordre=1)
    amo = TypePrestationFactory(nom="AMO", slug="amo", ordre=2)
    conseil = TypePrestationFactory(nom="Conseil", slug="conseil", ordre=1)
    page = offre(catalogue, "Rivières", PartenaireFactory(), [eau, energie], [amo, conseil],
                 beneficiaires=("syndicats", "communes"))
    relations = ("thematiques", "types_prestation", "beneficiaires")
    liens.objets_lies(page, relations)  # the shared tables filled
    lies = {}
    assert count_queries(lambda: lies.update(liens.objets_lies(page, relations))) == 1
    assert [t.nom for t in lies["thematiques"]] == ["Énergie", "Eau"]
    assert [t.nom for t in lies["types_prestation"]] == ["Conseil", "AMO"]
    assert lies["beneficiaires"] == list(page.beneficiaires.all())  # the model's order (ordre, nom)
    assert len(lies["beneficiaires"]) == 2


def test_a_model_whose_changes_do_not_refresh_the_pages_is_refused(db):
    # A table kept per generation must be refreshed when its rows change: groups bump nothing.
    with pytest.raises(ValueError, match="CACHE_PAGES_MODELES"):
        liens.instances(Group)


def test_a_renamed_beneficiary_is_shown_at_once(client, catalogue):
    page = offre(catalogue, "Voirie", PartenaireFactory(), [ThematiqueFactory()], beneficiaires=("communes",))
    client.get(page.url)
    communes = Beneficiaire.objects.get(slug="communes")
    communes.nom = "Communes et communes nouvelles"
    communes.save()
    assert "Communes et communes nouvelles" in client.get(page.url).content.decode()


def test_an_event_shows_its_organisers_and_gives_them_to_search_engines(client, home):
    from tests.agenda.factories import AgendaIndexPageFactory

    caue = PartenaireFactory(nom="CAUE de la Drôme", sigle="CAUE", slug="caue", site_web="https://www.caue26.fr")
    evenement = EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Visite de chantier")
    evenement.partenaires.set([caue])
    evenement.thematiques.set([ThematiqueFactory(nom="Habitat", slug="habitat")])
    evenement.save_revision().publish()
    html = client.get(evenement.url).content.decode()
    assert "<dt>Organisé par</dt>\n      <dd>CAUE de la Drôme</dd>" in html
    assert "<dt>Thématiques</dt>\n      <dd>Habitat</dd>" in html
    donnees = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert donnees["organizer"] == [{"@type": "Organization", "name": "CAUE de la Drôme", "url": "https://www.caue26.fr"}]
    caue.nom = "CAUE 26"
    caue.save()
    assert "<dd>CAUE 26</dd>" in client.get(evenement.url).content.decode()
