"""Lookups the offer and partner pages share: the demande form page, the partner routes, listings."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from wagtail.models import Page

from site_collectivites.taxonomie.models import Partenaire

from .filters import pour_cartes
from .models import OffrePage, PartenaireIndexPage

# The demande form arrives with its own app (demandes/), which offres must not import: the form page is
# found by its slug, so editors keep control and no setting is needed. Change it here only.
SLUG_PAGE_DEMANDE = "faire-une-demande"


def page_demande():
    """The first live public page whose slug is "faire-une-demande", or None."""
    return Page.objects.live().public().filter(slug=SLUG_PAGE_DEMANDE).order_by("path").first()


def url_page_demande(request=None):
    page = page_demande()
    return page.get_url(request) if page else None


def url_demande_pour_offre(offre, request=None):
    """Link of the button "Faire une demande pour cette offre" (None hides the button)."""
    url = url_page_demande(request)
    return f"{url}?{urlencode({'offre': offre.slug})}" if url else None


def page_partenaires():
    return PartenaireIndexPage.objects.live().public().order_by("path").first()


def url_partenaire(partenaire, request=None, index=None):
    """URL of the partner's route on the partners page, or None when there is no such page."""
    index = index or page_partenaires()
    return index.url_partenaire(partenaire, request) if index and partenaire else None


def offres_publiees():
    return OffrePage.objects.live().public()


def offres_du_partenaire(partenaire):
    return list(pour_cartes(offres_publiees().filter(partenaire=partenaire)).order_by("title"))


def partenaires_groupes():
    """Partners grouped as the site presents them: the Département's directions, then external partners.

    Each partner carries `nb_offres`, its number of live offers (one query for the whole list).
    """
    publiees = offres_publiees().values("pk")
    partenaires = list(
        Partenaire.objects.annotate(nb_offres=Count("offres", filter=Q(offres__in=publiees), distinct=True))
        .order_by("nom")
    )
    return [
        {
            "nature": nature,
            "titre": titre,
            "partenaires": [p for p in partenaires if p.nature == nature],
        }
        for nature, titre in (
            (Partenaire.Nature.DIRECTION, "Les directions du Département"),
            (Partenaire.Nature.EXTERNE, "Les partenaires extérieurs"),
        )
    ]
