"""Lookups the offer and partner pages share: the demande form page, the partner routes, listings."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from wagtail.models import Page

from site_collectivites import cartes, par_generation
from site_collectivites.taxonomie.models import Partenaire

from .filters import cartes as offres_des_cartes
from .models import OffrePage, PartenaireIndexPage, RealisationPage

# The demande form arrives with its own app (demandes/), which offres must not import: the form page is
# found by its slug, so editors keep control and no setting is needed. Change it here only.
SLUG_PAGE_DEMANDE = "faire-une-demande"


def page_demande():
    """The first live public page whose slug is "faire-une-demande", or None."""
    return Page.objects.live().public().filter(slug=SLUG_PAGE_DEMANDE).order_by("path").first()


def url_page_demande(request=None):
    return par_generation.url_de_page(request, "demande", page_demande)


def url_demande_pour_offre(offre, request=None):
    """Link of the button "Faire une demande pour cette offre" (None hides the button)."""
    url = url_page_demande(request)
    return f"{url}?{urlencode({'offre': offre.slug})}" if url else None


def page_partenaires():
    return PartenaireIndexPage.objects.live().public().order_by("path").first()


def url_partenaire(partenaire, request=None, index=None):
    """URL of the partner's route on the partners page (`index`, else the first one), or None without one."""
    if partenaire is None:
        return None
    if index is not None:
        return index.url_partenaire(partenaire, request)
    url = par_generation.url_de_page(request, "partenaires", page_partenaires)
    return PartenaireIndexPage.url_de_route(url, partenaire) if url else None


def offres_publiees():
    return par_generation.publiques(OffrePage.objects.live())


def cartes_offres_du_partenaire(request, partenaire):
    """The cards of the partner's live offers, by title: one query for their ids, then the cards kept per
    generation (site_collectivites/cartes.py), the same the catalogue shows."""
    pks = list(offres_publiees().filter(partenaire=partenaire).order_by("title", "pk").values_list("pk", flat=True))
    return cartes.cartes(request, "offres/includes/carte_offre.html", "offre", pks, offres_des_cartes)


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


def url_aides_pour(criteres, request=None):
    """The financial aids listing filtered on the catalogue's thématiques and bénéficiaires, or None.

    From "offers in Énergie for a commune" to "open aids in Énergie for a commune" in one click.
    """
    from urllib.parse import urlencode

    from .models import AideIndexPage

    url = par_generation.url_de_page(
        request, "aides", lambda: AideIndexPage.objects.live().public().order_by("path").first())
    if url is None:
        return None
    paires = [(param, slug) for param in ("thematique", "beneficiaire") for slug in criteres.valeurs.get(param, [])]
    return url + ("?" + urlencode(paires) if paires else "")


REALISATIONS_LIEES = 6


def realisations_liees(request, **filtre):
    """The cards of the latest live réalisations matching `filtre` (e.g. offres=offre, partenaires=partenaire).

    One query for their ids (view restrictions: par_generation.publiques); the cards come from those rendered
    once per generation (filtres_realisations.cartes).
    """
    from .filtres_realisations import cartes

    correspondantes = RealisationPage.objects.filter(**filtre).values("pk")
    realisations = par_generation.publiques(RealisationPage.objects.live()).filter(pk__in=correspondantes)
    pks = realisations.order_by("-annee", "title").values_list("pk", flat=True)[:REALISATIONS_LIEES]
    return cartes(request, list(pks))


# --- Home page section ------------------------------------------------------------------------------

def realisations_accueil(nombre=3):
    """Featured réalisations first ("à la une"), then the latest years, for the home page (rendered as HTML
    once per generation of the page cache by site_collectivites.models.pages.home_sections)."""
    return list(
        par_generation.publiques(RealisationPage.objects.live())
        .select_related("commune", "epci")
        .defer_streamfields()
        .order_by("-mise_en_avant", "-annee", "-first_published_at")[:nombre]
    )
