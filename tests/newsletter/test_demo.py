"""The newsletter's demo content: archive page set as the site's newsletter page, issues, subscribers in every
status; loading twice changes nothing."""

import io

import pytest

from newsletter import demo
from newsletter.models import Abonne, Envoi, NewsletterIndexPage, NewsletterPage, StatutAbonne
from site_collectivites.models import ParametresSite
from site_collectivites.squelette.socle import construire

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(client, home):
    construire(io.StringIO())  # the skeleton the demo builds on (initialiser_site): the newsletter page
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    index = NewsletterIndexPage.objects.get()
    assert index.title == "La lettre d'information" and index.live
    assert ParametresSite.for_site(home.get_site()).page_lettre_id == index.pk
    assert NewsletterPage.objects.live().count() == 3
    assert Envoi.objects.count() == 2
    assert Abonne.objects.count() == 36
    assert set(Abonne.objects.values_list("statut", flat=True)) == set(StatutAbonne.values)
    for page in [index, *NewsletterPage.objects.all()]:
        assert client.get(page.url).status_code == 200
