"""Factories of the newsletter: subscribers and issues."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from newsletter.models import Abonne, NewsletterIndexPage, NewsletterPage, StatutAbonne


class AbonneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Abonne

    email = factory.Sequence(lambda n: f"abonne{n}@commune.example")
    statut = StatutAbonne.CONFIRME
    confirme_le = factory.LazyFunction(timezone.now)


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "La lettre d'information"
    slug = "lettre-information"
    intro = "Une lettre par mois pour les collectivités."


class NewsletterPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterPage

    title = factory.Sequence(lambda n: f"Lettre n° {n}")
    date_lettre = datetime.date(2026, 11, 15)
    chapo = "Les nouvelles du mois pour les communes."
    corps = [{"type": "texte", "value": "<p>Bonjour à toutes et à tous, voici <a href=\"https://www.ladrome.fr/\">le site</a>.</p>"}]
