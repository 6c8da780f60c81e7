"""Registrations lose the person's data some time after their event; the attendance figures stay."""

import io

from django.core.management import call_command

from agenda.models import Inscription
from tests.agenda.factories import EvenementInscriptionFactory, dans
from tests.agenda.test_inscriptions_regles import inscrire


def test_registrations_are_anonymised_after_the_retention_period(agenda, settings):
    settings.AGENDA_CONSERVATION_INSCRIPTIONS_JOURS = 92
    ancien = EvenementInscriptionFactory(parent=agenda, title="Rencontre 2025", slug="rencontre-2025",
                                         capacite=None, debut=dans(30), fin=dans(30, 17))
    recent = EvenementInscriptionFactory(parent=agenda, title="Atelier récent", slug="atelier-recent",
                                         capacite=None, debut=dans(30), fin=dans(30, 17))
    inscrire(ancien, 3, "Durand")
    inscrire(recent, 1, "Petit")
    # The events took place: one 100 days ago, one 10 days ago.
    type(ancien).objects.filter(pk=ancien.pk).update(debut=dans(-100, 9), fin=dans(-100, 17))
    type(recent).objects.filter(pk=recent.pk).update(debut=dans(-10, 9), fin=dans(-10, 17))

    sortie = io.StringIO()
    call_command("anonymiser_inscriptions", stdout=sortie)
    assert "1 inscription(s) anonymisée(s)." in sortie.getvalue()

    ancienne = Inscription.objects.get(evenement=ancien)
    assert (ancienne.nom, ancienne.prenom, ancienne.email, ancienne.fonction) == ("", "", "", "")
    assert ancienne.nombre_personnes == 3 and ancienne.statut == "confirmee"  # the figures stay
    assert Inscription.objects.get(evenement=recent).nom == "Petit"
    sortie = io.StringIO()
    call_command("anonymiser_inscriptions", stdout=sortie)
    assert "0 inscription(s) anonymisée(s)." in sortie.getvalue()
