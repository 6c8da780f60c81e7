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


def dans(jours, heure=9):
    """A moment `jours` days from the real now, at `heure` o'clock in Paris (registration tests need the future)."""
    jour = timezone.localtime(timezone.now()).date() + datetime.timedelta(days=jours)
    return datetime.datetime(jour.year, jour.month, jour.day, heure, tzinfo=PARIS)


class EvenementInscriptionFactory(EvenementPageFactory):
    """An upcoming event with registration open on this site."""

    inscription = "sur_le_site"
    capacite = 10
    debut = factory.LazyFunction(lambda: dans(30, 9))
    fin = factory.LazyFunction(lambda: dans(30, 17))
    lieu_nom = "Salle des fêtes de Crest"


class InscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agenda.Inscription"

    evenement = None
    autre_structure = "Syndicat des eaux de test"
    nom = factory.Sequence(lambda n: f"Nom{n}")
    prenom = "Camille"
    fonction = "Secrétaire de mairie"
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    nombre_personnes = 1
