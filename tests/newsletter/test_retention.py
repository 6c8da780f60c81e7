"""Retention commands: unconfirmed requests purged, inactive subscribers asked to renew then removed."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Abonne, PreuveConsentement, StatutAbonne
from tests.newsletter.factories import AbonneFactory

pytestmark = pytest.mark.django_db


def _il_y_a(jours):
    return timezone.now() - datetime.timedelta(days=jours)


def test_unconfirmed_requests_are_purged_after_n_days(home):
    vieux = AbonneFactory(statut=StatutAbonne.EN_ATTENTE, cree_le=_il_y_a(31))
    recent = AbonneFactory(statut=StatutAbonne.EN_ATTENTE, cree_le=_il_y_a(5))
    confirme = AbonneFactory(cree_le=_il_y_a(400))
    from newsletter import services

    services.noter_preuve(vieux, "demande")
    call_command("purger_abonnes_non_confirmes", verbosity=0)
    assert set(Abonne.objects.values_list("pk", flat=True)) == {recent.pk, confirme.pk}
    assert not PreuveConsentement.objects.filter(abonne_id=vieux.pk).exists()


def test_inactive_subscribers_are_asked_then_removed_unless_they_renew(client, home):
    inactif = AbonneFactory(derniere_activite=_il_y_a(3 * 365 + 1))
    fidele = AbonneFactory(derniere_activite=_il_y_a(3 * 365 + 2))
    actif = AbonneFactory(derniere_activite=_il_y_a(100))
    call_command("relancer_abonnes_inactifs", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([inactif.email, fidele.email])
    message = next(m for m in mail.outbox if m.to == [fidele.email])
    assert "List-Unsubscribe" in message.extra_headers
    lien = re.search(r"http://testserver(/lettre/renouveler/[^\s]+/)", message.body).group(1)
    assert "Je reste abonné" in client.get(lien).content.decode()
    client.post(lien)
    # A second run the next day asks nobody twice.
    call_command("relancer_abonnes_inactifs", verbosity=0)
    assert len(mail.outbox) == 2
    # Thirty-one days later, the one who did not answer is removed.
    Abonne.objects.filter(relance_le__isnull=False).update(relance_le=_il_y_a(31))
    call_command("relancer_abonnes_inactifs", verbosity=0)
    assert set(Abonne.objects.values_list("pk", flat=True)) == {fidele.pk, actif.pk}
