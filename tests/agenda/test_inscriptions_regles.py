"""Registration rules (agenda/inscriptions.py): open or closed, capacity, waiting list, promotion, cancellation."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from agenda import inscriptions
from agenda.models import Inscription, StatutInscription
from site_collectivites.exploitation.exports import neutraliser_formule
from tests.agenda.factories import EvenementInscriptionFactory, dans

pytestmark = pytest.mark.django_db

CONFIRMEE, ATTENTE, ANNULEE = StatutInscription.CONFIRMEE, StatutInscription.ATTENTE, StatutInscription.ANNULEE


def inscrire(evenement, n=1, nom="Durand"):
    return inscriptions.inscrire(
        evenement, nom=nom, prenom="Alex", fonction="Maire", email=f"{nom.lower()}@example.org",
        autre_structure="Mairie de test", nombre_personnes=n,
    )


def test_open_only_for_registration_on_this_site_before_the_closing_date(agenda):
    evenement = EvenementInscriptionFactory(parent=agenda)
    assert inscriptions.inscriptions_ouvertes(evenement)
    evenement.date_limite_inscription = dans(10)
    assert inscriptions.inscriptions_ouvertes(evenement)
    assert not inscriptions.inscriptions_ouvertes(evenement, maintenant=dans(11))
    evenement.date_limite_inscription = None
    assert not inscriptions.inscriptions_ouvertes(evenement, maintenant=dans(30, 10))  # started
    for statut, ouvert in [("annule", False), ("complet", False), ("reporte", True), ("programme", True)]:
        evenement.statut = statut
        assert inscriptions.inscriptions_ouvertes(evenement) is ouvert, statut
    evenement.statut = "programme"
    for mode in ("aucune", "lien_externe"):
        evenement.inscription = mode
        assert not inscriptions.inscriptions_ouvertes(evenement)


def test_closing_date_after_the_end_is_refused_by_the_page(agenda):
    from django.core.exceptions import ValidationError

    evenement = EvenementInscriptionFactory(parent=agenda)
    evenement.date_limite_inscription = evenement.fin + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as erreur:
        evenement.full_clean()
    assert "date_limite_inscription" in erreur.value.message_dict


def test_capacity_counts_people_then_waiting_list(evenement, django_capture_on_commit_callbacks):
    evenement.capacite = 5
    evenement.save()
    with django_capture_on_commit_callbacks(execute=True):
        a = inscrire(evenement, 3, "Alpha")
        b = inscrire(evenement, 3, "Bravo")  # 2 seats left: does not fit
        c = inscrire(evenement, 2, "Charlie")  # fits exactly
        d = inscrire(evenement, 1, "Delta")
    assert [i.statut for i in (a, b, c, d)] == [CONFIRMEE, ATTENTE, CONFIRMEE, ATTENTE]
    assert inscriptions.places_confirmees(evenement) == 5
    assert inscriptions.places_restantes(evenement) == 0
    assert [inscriptions.position_attente(i) for i in (a, b, d)] == [None, 1, 2]
    assert [m.subject.split(" :")[0] for m in mail.outbox] == [
        "Inscription confirmée", "Liste d'attente", "Inscription confirmée", "Liste d'attente"
    ]


def test_unlimited_capacity_confirms_everybody(evenement):
    evenement.capacite = None
    evenement.save()
    assert all(inscrire(evenement, 10, f"N{i}").statut == CONFIRMEE for i in range(5))
    assert inscriptions.places_restantes(evenement) is None


def test_cancellation_promotes_in_order_only_those_that_fit(evenement, django_capture_on_commit_callbacks):
    evenement.capacite = 4
    evenement.save()
    a = inscrire(evenement, 2, "Alpha")
    b = inscrire(evenement, 2, "Bravo")
    c = inscrire(evenement, 3, "Charlie")  # waiting 1st, 3 people
    d = inscrire(evenement, 1, "Delta")  # waiting 2nd
    e = inscrire(evenement, 1, "Echo")  # waiting 3rd
    assert [i.statut for i in (a, b, c, d, e)] == [CONFIRMEE, CONFIRMEE, ATTENTE, ATTENTE, ATTENTE]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promues = inscriptions.annuler(a)  # frees 2 seats: Charlie (3) does not fit, Delta and Echo do
    assert [i.pk for i in promues] == [d.pk, e.pk]
    etats = dict(Inscription.objects.values_list("nom", "statut"))
    assert etats == {"Alpha": ANNULEE, "Bravo": CONFIRMEE, "Charlie": ATTENTE, "Delta": CONFIRMEE, "Echo": CONFIRMEE}
    a.refresh_from_db()
    assert a.cancelled_at is not None
    annulation, *promotions = mail.outbox
    assert annulation.to == ["alpha@example.org"] and annulation.subject.startswith("Inscription annulée")
    assert sorted(m.to[0] for m in promotions) == ["delta@example.org", "echo@example.org"]
    assert all(m.subject.startswith("Une place s'est libérée") for m in promotions)
    # Bravo leaves: 2 seats, still not enough for Charlie's 3
    assert inscriptions.annuler(b) == []
    # Delta leaves too: 3 seats, Charlie comes in
    assert [i.nom for i in inscriptions.annuler(d)] == ["Charlie"]
    assert inscriptions.places_confirmees(evenement) == 4


def test_cancelling_a_waiting_or_cancelled_registration_promotes_nobody(evenement):
    evenement.capacite = 1
    evenement.save()
    inscrire(evenement, 1, "Alpha")
    b = inscrire(evenement, 1, "Bravo")
    c = inscrire(evenement, 1, "Charlie")
    assert inscriptions.annuler(b) == []
    assert inscriptions.annuler(b) == []  # twice: nothing changes
    c.refresh_from_db()
    assert c.statut == ATTENTE and inscriptions.position_attente(c) == 1


def test_larger_capacity_published_promotes_the_waiting_list(evenement, django_capture_on_commit_callbacks):
    evenement.capacite = 1
    evenement.save()
    inscrire(evenement, 1, "Alpha")
    b = inscrire(evenement, 1, "Bravo")
    evenement.capacite = 2
    with django_capture_on_commit_callbacks(execute=True):
        evenement.save_revision().publish()  # after_publish_page hook
    b.refresh_from_db()
    assert b.statut == CONFIRMEE


def test_registration_refuses_out_of_range_numbers_at_database_level(evenement):
    from django.db import IntegrityError, transaction

    for n in (0, 11):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inscription.objects.create(evenement=evenement, nom="X", prenom="Y", fonction="Z", email="x@example.org",
                                       nombre_personnes=n)


@pytest.mark.parametrize(
    "valeur, attendu",
    [("=SOMME(A1)", "'=SOMME(A1)"), ("+33 4 75", "'+33 4 75"), ("-2", "'-2"), ("@cmd", "'@cmd"),
     ("\t=1", "'\t=1"), ("Crest", "Crest"), ("", ""), (3, 3)],
)
def test_formula_injection_is_neutralised(valeur, attendu):
    assert neutraliser_formule(valeur) == attendu


def test_tokens(evenement):
    inscription = inscrire(evenement)
    jeton = inscriptions.jeton_annulation(inscription)
    assert inscriptions.lire_jeton_annulation(jeton) == inscription
    with pytest.raises(inscriptions.JetonInvalide):
        inscriptions.lire_jeton_annulation(jeton[:-2] + "xx")
    with pytest.raises(inscriptions.JetonInvalide):
        inscriptions.lire_jeton_annulation("n'importe-quoi")
    autre = EvenementInscriptionFactory(parent=evenement.get_parent())
    with pytest.raises(inscriptions.JetonInvalide):
        inscriptions.lire_jeton_annulation(jeton, autre)  # token of another event
    with mock.patch("django.utils.timezone.now", return_value=evenement.fin + datetime.timedelta(minutes=1)):
        with pytest.raises(inscriptions.JetonExpire):
            inscriptions.lire_jeton_annulation(jeton)
    # the secret changes (e.g. reset by an organiser): the old link dies
    Inscription.objects.filter(pk=inscription.pk).update(jeton="autre")
    with pytest.raises(inscriptions.JetonInvalide):
        inscriptions.lire_jeton_annulation(jeton)
    assert timezone.now() < evenement.debut


def test_preview_of_a_new_event_with_registration(agenda):
    from agenda.models import EvenementPage

    page = EvenementPage(title="Nouveau", slug="nouveau-inscription", debut=dans(20), fin=dans(20, 12),
                         lieu_nom="Mairie", inscription="sur_le_site", capacite=30)
    page.depth = agenda.depth + 1
    page.path = page._get_path(agenda.path, page.depth, agenda.numchild + 1)
    page.set_url_path(agenda)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "Il reste 30 places" in response.content.decode()
