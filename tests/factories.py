"""Factories for the shared models and pages (wagtail-factories / factory_boy)."""

import factory
import wagtail_factories
from wagtail.models import Site

from site_collectivites.models import HomePage, PlanDuSitePage, StandardPage
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation


class ThematiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thematique
        django_get_or_create = ("nom",)

    nom = factory.Sequence(lambda n: f"Thématique {n}")
    description_courte = "Une thématique de test."
    ordre = factory.Sequence(int)


class TypePrestationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TypePrestation
        django_get_or_create = ("nom",)

    nom = factory.Sequence(lambda n: f"Prestation {n}")
    definition = "Définition de test."


class PartenaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partenaire
        django_get_or_create = ("nom",)

    nom = factory.Sequence(lambda n: f"Partenaire {n}")
    sigle = factory.Sequence(lambda n: f"P{n}")
    email_contact = factory.Sequence(lambda n: f"contact{n}@partenaire.example")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Accueil"
    hero_titre = "L'ingénierie publique au service des collectivités drômoises"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page standard {n}")
    intro = "Un chapô de test."


class PlanDuSitePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanDuSitePage

    title = "Plan du site"


def make_site_with_home(**home_kwargs):
    """Replace Wagtail's default welcome page by our HomePage as the default site's root."""
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, **home_kwargs)
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.hostname = "testserver"
        site.port = 80
        site.save()
    else:
        Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home
