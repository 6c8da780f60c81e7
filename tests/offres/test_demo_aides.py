"""Demo content of aids and réalisations: coverage, every status, idempotent, pages render."""

import io

import pytest
from django.core.management import call_command

from offres import demo, statut_aides
from offres.models import AideEtat, AideIndexPage, AidePage, RealisationIndexPage, RealisationPage
from site_collectivites.demo import socle
from site_collectivites.models import Navigation
from site_collectivites.territoire.models import Canton


@pytest.mark.django_db
def test_demo_aides_et_realisations(client):
    call_command("import_territoire", verbosity=0)
    socle.load(io.StringIO())
    demo.load(io.StringIO())
    assert AidePage.objects.live().count() >= 8
    statuts = {a.statut() for a in AidePage.objects.live()}
    assert statuts == set(statut_aides.LIBELLES_STATUT)  # every status shows (illustrative call dates relative to today)
    assert AideEtat.objects.count() >= 3
    assert RealisationPage.objects.live().count() >= 12
    cantons = Canton.objects.filter(communes__realisations__isnull=False).distinct().count()
    assert cantons >= 8
    nombres = (AidePage.objects.count(), RealisationPage.objects.count(), AideEtat.objects.count())

    demo.load(io.StringIO())
    assert (AidePage.objects.count(), RealisationPage.objects.count(), AideEtat.objects.count()) == nombres

    aides = AideIndexPage.objects.get()
    realisations = RealisationIndexPage.objects.get()
    menu = [bloc.value["page"].pk for bloc in Navigation.for_site(aides.get_site()).menu_principal
            if bloc.value.get("page")]
    assert aides.pk in menu and realisations.pk in menu
    assert aides.slug == "aides-financieres"

    html = client.get(aides.url).content.decode()
    assert "Toutes les aides de l&#x27;État pour les communes de la Drôme" in html
    assert "Voir aussi les aides clôturées" in html
    for page in list(AidePage.objects.live()) + list(RealisationPage.objects.live()):
        assert client.get(page.url).status_code == 200, page.url
    assert client.get(realisations.url, {"canton": "le-diois"}).context["page_obj"].paginator.count >= 2
