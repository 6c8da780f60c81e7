"""Factories of the catalogue: the index pages and offers with their thématiques, types and bénéficiaires."""

import factory
import wagtail_factories

from offres.models import (
    AideIndexPage,
    AidePage,
    Beneficiaire,
    OffreIndexPage,
    OffrePage,
    PartenaireIndexPage,
    RealisationIndexPage,
    RealisationPage,
)
from tests.factories import PartenaireFactory, ThematiqueFactory, TypePrestationFactory


class OffreIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OffreIndexPage

    title = "L'offre d'ingénierie"
    slug = "offre-ingenierie"
    intro = "Le catalogue des offres."


class PartenaireIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartenaireIndexPage

    title = "Les partenaires"
    slug = "partenaires"


def _set_m2m(name):
    def hook(page, create, extracted, **kwargs):
        if extracted is None:
            return
        getattr(page, name).set(extracted)
        if create:
            page.save()

    return factory.PostGeneration(hook)


class OffrePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OffrePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Offre {n:03d}")
    resume = "Un accompagnement de test."
    partenaire = factory.SubFactory(PartenaireFactory)
    thematiques = _set_m2m("thematiques")
    types_prestation = _set_m2m("types_prestation")
    beneficiaires = _set_m2m("beneficiaires")


def beneficiaire(slug):
    return Beneficiaire.objects.get(slug=slug)


def offre(index, titre, partenaire, thematiques, types=None, beneficiaires=("communes",), **champs):
    """An offer under `index`; thématiques and types by Thematique/TypePrestation objects."""
    return OffrePageFactory(
        parent=index,
        title=titre,
        partenaire=partenaire,
        thematiques=list(thematiques),
        types_prestation=list(types or [TypePrestationFactory(nom="Conseil", slug="conseil")]),
        beneficiaires=[beneficiaire(slug) for slug in beneficiaires],
        **champs,
    )


class AideIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AideIndexPage

    title = "Aides financières"
    slug = "aides-financieres"


class AidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AidePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Aide {n:03d}")
    resume = "Une aide de test."
    thematiques = _set_m2m("thematiques")
    beneficiaires = _set_m2m("beneficiaires")


def aide(index, titre, thematiques=(), beneficiaires=("communes",), **champs):
    return AidePageFactory(
        parent=index,
        title=titre,
        thematiques=list(thematiques),
        beneficiaires=[beneficiaire(slug) for slug in beneficiaires],
        **champs,
    )


class RealisationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RealisationIndexPage

    title = "Réalisations"
    slug = "realisations"


class RealisationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RealisationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Réalisation {n:03d}")
    resume = "Une réalisation de test."
    annee = 2024
    thematiques = _set_m2m("thematiques")
    partenaires = _set_m2m("partenaires")
    offres = _set_m2m("offres")
    types_prestation = _set_m2m("types_prestation")


__all__ = ["OffreIndexPageFactory", "OffrePageFactory", "PartenaireIndexPageFactory", "ThematiqueFactory", "offre"]
