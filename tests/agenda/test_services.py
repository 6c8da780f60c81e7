"""Plain rules of the agenda: upcoming/past around a frozen "now", grouping, filters, SEQUENCE."""

import datetime
from types import SimpleNamespace

import pytest

from agenda import services
from agenda.models import EvenementPage
from tests.agenda.factories import EvenementPageFactory, paris
from tests.factories import PartenaireFactory, ThematiqueFactory

NOW = paris(2026, 11, 23, 10, 0)


def test_upcoming_until_the_end():
    en_cours = SimpleNamespace(fin=paris(2026, 11, 23, 12, 0))
    fini = SimpleNamespace(fin=paris(2026, 11, 23, 9, 59))
    assert services.est_a_venir(en_cours, NOW)
    assert not services.est_a_venir(fini, NOW)


@pytest.mark.django_db
def test_split_and_order(agenda):
    futur_lointain = EvenementPageFactory(parent=agenda, debut=paris(2027, 3, 1, 9), fin=paris(2027, 3, 1, 12))
    futur_proche = EvenementPageFactory(parent=agenda, debut=paris(2026, 12, 1, 9), fin=paris(2026, 12, 1, 12))
    en_cours = EvenementPageFactory(parent=agenda, debut=paris(2026, 11, 23, 9), fin=paris(2026, 11, 23, 17))
    passe_2026 = EvenementPageFactory(parent=agenda, debut=paris(2026, 6, 1, 9), fin=paris(2026, 6, 1, 12))
    passe_2025 = EvenementPageFactory(parent=agenda, debut=paris(2025, 10, 1, 9), fin=paris(2025, 10, 1, 12))
    qs = EvenementPage.objects.all()
    assert list(services.evenements_a_venir(qs, NOW)) == [en_cours, futur_proche, futur_lointain]
    assert list(services.evenements_passes(qs, NOW)) == [passe_2026, passe_2025]

    # page_agenda takes the events in start order, as the agenda's index keeps them.
    en_ordre = list(qs.order_by("debut", "pk"))
    page_obj, a_venir, passes = services.page_agenda(en_ordre, 1, now=NOW, par_page=4)
    assert a_venir == [en_cours, futur_proche, futur_lointain]
    assert passes == [(2026, [passe_2026])]
    page_obj, a_venir, passes = services.page_agenda(en_ordre, 2, now=NOW, par_page=4)
    assert a_venir == [] and passes == [(2025, [passe_2025])]
    assert page_obj.paginator.count == 5

    # The same events a day later: the one under way has become past.
    lendemain = NOW + datetime.timedelta(days=1)
    assert en_cours not in services.evenements_a_venir(qs, lendemain)


def test_grouping_uses_the_paris_year():
    # 31 Dec 2025 23:30 in Paris is still 2025 there (22:30 UTC).
    reveillon = SimpleNamespace(debut=paris(2025, 12, 31, 23, 30))
    nouvel_an = SimpleNamespace(debut=paris(2026, 1, 1, 10, 0))
    assert services.grouper_par_annee([nouvel_an, reveillon]) == [(2026, [nouvel_an]), (2025, [reveillon])]


def test_all_day_bounds_are_whole_paris_days():
    debut, fin = services.bornes_journee_entiere(paris(2026, 9, 18, 14, 0), paris(2026, 9, 19, 10, 0))
    assert debut == paris(2026, 9, 18, 0, 0)
    assert fin == paris(2026, 9, 19, 23, 59, 59)


def test_month_parsing():
    assert services.lire_mois("2026-09") == (2026, 9)
    for mauvais in ["", "2026-13", "2026-9", "septembre", "2026-09-01"]:
        assert services.lire_mois(mauvais) is None


@pytest.mark.django_db
def test_filters(agenda):
    eau = ThematiqueFactory(nom="Eau")
    caue = PartenaireFactory(nom="CAUE test")
    webinaire = EvenementPageFactory(
        parent=agenda, type_evenement="webinaire", mode="en_ligne", lieu_nom="",
        debut=paris(2026, 12, 31, 20), fin=paris(2027, 1, 1, 1),
    )
    webinaire.thematiques.add(eau)
    webinaire.partenaires.add(caue)
    webinaire.save()
    atelier = EvenementPageFactory(parent=agenda, type_evenement="atelier", debut=paris(2026, 11, 5, 9),
                                   fin=paris(2026, 11, 5, 12))
    qs = EvenementPage.objects.all()
    assert list(services.filtrer_evenements(qs, type_evenement="webinaire")) == [webinaire]
    assert list(services.filtrer_evenements(qs, type_evenement="n-importe-quoi")) == list(qs)
    assert list(services.filtrer_evenements(qs, thematique=eau.slug)) == [webinaire]
    assert list(services.filtrer_evenements(qs, partenaire=caue.slug)) == [webinaire]
    assert list(services.filtrer_evenements(qs, mois="2026-11")) == [atelier]
    # An event across New Year's Eve belongs to both months.
    assert list(services.filtrer_evenements(qs, mois="2026-12")) == [webinaire]
    assert list(services.filtrer_evenements(qs, mois="2027-01")) == [webinaire]
    assert list(services.filtrer_evenements(qs, mois="2027-02")) == []

    # The agenda answers the same filters from its index (per generation of the page cache): same events.
    index = services.construire_index_agenda(agenda.evenements())
    cas = [{"type": "webinaire"}, {"type": "n-importe-quoi"}, {"thematique": eau.slug}, {"partenaire": caue.slug},
           {"thematique": "n-existe-pas"}, {"mois": "2026-11"}, {"mois": "2026-12"}, {"mois": "2027-01"},
           {"mois": "2027-02"}, {"mois": "2026-13"}, {"type": "atelier", "mois": "2026-11"}, {}]
    for valeurs in cas:
        attendus = services.filtrer_evenements(qs, **{"type_evenement" if k == "type" else k: v
                                                      for k, v in valeurs.items()})
        assert ([e.pk for e in services.evenements_selectionnes(index, valeurs)]
                == list(attendus.order_by("debut", "pk").values_list("pk", flat=True))), valeurs


@pytest.mark.django_db
def test_sequence_bumped_on_published_change_of_date_place_or_status(agenda):
    evenement = EvenementPageFactory(parent=agenda)
    evenement.save_revision().publish()
    evenement.refresh_from_db()
    assert evenement.sequence == 0

    evenement.title = "Nouveau titre"  # not a calendar change
    evenement.save_revision().publish()
    evenement.refresh_from_db()
    assert evenement.sequence == 0

    evenement.debut = evenement.debut + datetime.timedelta(hours=1)
    evenement.fin = evenement.fin + datetime.timedelta(hours=1)
    evenement.save_revision().publish()
    evenement.refresh_from_db()
    assert evenement.sequence == 1

    # A draft does not bump (the live version has not changed) …
    evenement.statut = "annule"
    revision = evenement.save_revision()
    evenement.refresh_from_db()
    assert evenement.sequence == 1 and evenement.statut == "programme"
    # … its publication does, even though the revision carries the old counter.
    revision.publish()
    evenement.refresh_from_db()
    assert (evenement.statut, evenement.sequence) == ("annule", 2)

    evenement.lieu_nom = "Autre salle"
    evenement.save_revision().publish()
    evenement.refresh_from_db()
    assert evenement.sequence == 3


@pytest.mark.django_db
def test_end_before_start_is_refused(agenda):
    from django.core.exceptions import ValidationError

    evenement = EvenementPageFactory.build(debut=paris(2026, 12, 2, 10), fin=paris(2026, 12, 2, 9))
    with pytest.raises(ValidationError) as erreur:
        evenement.clean()
    assert "fin" in erreur.value.message_dict


@pytest.mark.django_db
def test_in_person_needs_a_place_and_outside_registration_a_link(agenda):
    from django.core.exceptions import ValidationError

    evenement = EvenementPageFactory.build(lieu_nom="", inscription="lien_externe")
    with pytest.raises(ValidationError) as erreur:
        evenement.clean()
    assert {"lieu_nom", "lien_inscription"} <= set(erreur.value.message_dict)
