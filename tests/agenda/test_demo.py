"""The agenda's demo content: what the issue asks for is there, loading twice changes nothing."""

import io
from unittest import mock

import pytest

from agenda import demo
from agenda.models import ActualitePage, AgendaIndexPage, EvenementPage, ReplayIndexPage
from site_collectivites.demo import socle
from site_collectivites.models import Navigation
from tests.agenda.factories import paris

NOW = paris(2026, 11, 23, 10, 0)  # the date the demo was written for


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(client):
    socle.load(io.StringIO())
    demo.load(io.StringIO())
    evenements = EvenementPage.objects.live()
    assert evenements.count() >= 15
    assert ActualitePage.objects.live().count() >= 12
    assert evenements.filter(statut="annule").exists() and evenements.filter(statut="reporte").exists()
    assert evenements.filter(debut__date="2026-09-18", inscription="sur_le_site").exists()
    assert evenements.filter(slug__startswith="atelier-sispea-", debut__year=2025).count() == 3
    assert evenements.filter(fin__gte=NOW).exclude(statut="annule").count() >= 3
    assert evenements.filter(type_evenement="webinaire", debut__year=2025).exclude(replay_video="").count() == 6
    assert ReplayIndexPage.objects.live().exists()

    navigation = Navigation.objects.get()
    menu = {bloc.value["page"].pk for bloc in navigation.menu_principal if bloc.value.get("page")}
    assert {AgendaIndexPage.objects.get().pk, ActualitePage.objects.first().get_parent().pk} <= menu

    revisions = {e.pk: (e.sequence, e.latest_revision_id) for e in evenements}
    demo.load(io.StringIO())
    assert EvenementPage.objects.count() == len(revisions)
    assert {e.pk: e.sequence for e in EvenementPage.objects.all()} == {pk: s for pk, (s, _) in revisions.items()}

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        html = client.get("/").content.decode()
    assert "Prochains rendez-vous" in html and "Dernières actualités" in html


@pytest.mark.django_db
def test_demo_registrations(territoire_mini):
    """Past event kept with its registrations; an upcoming one open, 40 seats, full, waiting list, one cancelled."""
    from django.core import mail

    from agenda import inscriptions
    from agenda.models import Inscription

    socle.load(io.StringIO())
    demo.load(io.StringIO())
    passe = EvenementPage.objects.get(slug="rencontres-ingenierie-publique-2026")
    assert passe.inscriptions.count() == 12
    a_venir = EvenementPage.objects.get(slug="rencontre-revitalisation-centres-bourgs")
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        assert inscriptions.inscriptions_ouvertes(a_venir)
    assert a_venir.capacite == 40
    statuts = list(a_venir.inscriptions.values_list("statut", flat=True))
    assert len(statuts) == 30
    assert statuts.count("annulee") == 1 and statuts.count("attente") >= 2
    assert inscriptions.places_confirmees(a_venir) == 40
    assert all(e.endswith("@example.org") for e in Inscription.objects.values_list("email", flat=True))
    assert a_venir.inscriptions.filter(commune=territoire_mini["crest"]).exists()  # from the territory reference
    demo.load(io.StringIO())
    assert Inscription.objects.count() == 42
    assert mail.outbox == []
