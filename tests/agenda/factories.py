"""Factories of the agenda's pages."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from agenda.models import ActualiteIndexPage, ActualitePage, AgendaIndexPage, EvenementPage

PARIS = timezone.get_default_timezone()


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


class ActualiteIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ActualiteIndexPage

    title = "Actualités"
    slug = "actualites"


class ActualitePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ActualitePage

    title = factory.Sequence(lambda n: f"Actualité {n}")
    resume = "Un résumé d'actualité."
    date_publication = datetime.date(2026, 11, 1)


class AgendaIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AgendaIndexPage

    title = "Agenda"
    slug = "agenda"


class EvenementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EvenementPage

    title = factory.Sequence(lambda n: f"Événement {n}")
    type_evenement = "rencontre"
    debut = paris(2026, 12, 10, 9, 30)
    fin = paris(2026, 12, 10, 12, 0)
    mode = "presentiel"
    lieu_nom = "Salle des fêtes"
    resume = "Un résumé d'événement."
