"""Personal data of registrations is not kept after the event (docs/donnees-personnelles.md).

AGENDA_CONSERVATION_INSCRIPTIONS_JOURS after an event ended, its registrations lose the person (name, first
name, function, e-mail, accessibility needs); the row stays with its collectivité, number of persons and
status, so the event's attendance figures remain. Run nightly by `manage.py anonymiser_inscriptions`.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Inscription


def inscriptions_a_anonymiser(jours, maintenant=None):
    limite = (maintenant or timezone.now()) - timedelta(days=jours)
    return Inscription.objects.filter(evenement__fin__lt=limite).exclude(email="")


def anonymiser_inscriptions(jours, maintenant=None):
    """Erase the persons of the registrations to events ended more than `jours` days ago; return how many."""
    return inscriptions_a_anonymiser(jours, maintenant).update(
        nom="", prenom="", fonction="", email="", besoins_accessibilite=""
    )
