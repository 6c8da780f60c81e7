"""The demo content of the catalogue: coverage of the reference data, idempotent, wired to the home page."""

import io

import pytest

from offres import demo
from offres.models import IdentifiantOffre, OffreIndexPage, OffrePage, PartenaireIndexPage
from site_collectivites.demo import socle
from site_collectivites.demo.utils import home_page
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation


@pytest.mark.django_db
def test_demo_couvre_tout_et_est_idempotente(client):
    socle.load(io.StringIO())
    demo.load(io.StringIO())
    assert OffrePage.objects.live().count() >= 40
    assert not Partenaire.objects.filter(offres__isnull=True).exists()
    assert not Thematique.objects.filter(offres__isnull=True).exists()
    assert not TypePrestation.objects.filter(offres__isnull=True).exists()
    catalogue = OffreIndexPage.objects.get(slug="offre-ingenierie")
    assert home_page().page_catalogue_id == catalogue.pk
    assert PartenaireIndexPage.objects.child_of(catalogue).live().exists()
    nombre = IdentifiantOffre.objects.count()

    demo.load(io.StringIO())
    assert IdentifiantOffre.objects.count() == nombre  # same offers, same numbers

    html = client.get("/").content.decode()
    assert 'href="/offre-ingenierie/?thematique=energie"' in html
    response = client.get("/offre-ingenierie/?thematique=energie&beneficiaire=communes")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count > 0
    assert client.get("/offre-ingenierie/partenaires/sded/").status_code == 200
