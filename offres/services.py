"""Lookups the offer and partner pages share: the demande form page, the partner routes, listings."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from wagtail.models import Page

from site_collectivites.cache import cartes, par_generation
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
    generation (site_collectivites/cache/cartes.py), the same the catalogue shows."""
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


@dataclass(frozen=True)
class OffreEnBref:
    """What a list of offers outside the catalogue shows: the request form's choices, a réalisation's offers."""

    slug: str
    title: str
    url: str
    partenaire: str  # the partner's short name


@dataclass(frozen=True)
class OffresPubliques:
    liste: list  # OffreEnBref of every live public offer, by title
    par_pk: dict  # {pk: (position in liste, OffreEnBref)}


def offres_publiques():
    """The live public offers in brief, by title, read once per generation of the page cache (2,000 offers on
    the large dataset: building them as pages on every request cost tens of milliseconds)."""
    def calculer():
        offres = (offres_publiees().select_related("partenaire").order_by("title", "pk")
                  .only("slug", "title", "url_path", "partenaire__nom", "partenaire__sigle"))
        par_pk = {o.pk: (i, OffreEnBref(o.slug, o.title, o.get_url(), o.partenaire.nom_court))
                  for i, o in enumerate(offres)}
        return OffresPubliques(liste=[bref for _i, bref in par_pk.values()], par_pk=par_pk)

    return par_generation.valeur(par_generation.cle("offres-publiques"), calculer)


REALISATIONS_LIEES = 6


def realisations_liees(request, offres=None, partenaires=None):
    """The cards of the latest live public réalisations linked to an offer (`offres=offre`) or a partner
    (`partenaires=partenaire`): their ids come from a table of every offer's (or partner's) réalisations, kept
    per generation and shared by all the offer (or partner) pages; the cards are those rendered once per
    generation (filtres_realisations.cartes)."""
    from .filtres_realisations import cartes

    relation, objet = ("offres", offres) if offres is not None else ("partenaires", partenaires)
    table = par_generation.valeur(par_generation.cle("realisations-liees", relation),
                                  lambda: _realisations_par(relation))
    return cartes(request, table.get(objet.pk, []))


def _realisations_par(relation):
    """{pk of an offer or partner: ids of its latest live public réalisations (at most REALISATIONS_LIEES)}, in
    one query over the link table of the many-to-many field `relation`."""
    champ = RealisationPage._meta.get_field(relation)
    realisation, lie = champ.m2m_field_name(), champ.m2m_reverse_field_name()
    publiques = par_generation.publiques(RealisationPage.objects.live()).values("pk")
    liens = (champ.remote_field.through.objects.filter(**{f"{realisation}__in": publiques})
             .order_by(f"-{realisation}__annee", f"{realisation}__title", realisation)
             .values_list(lie, realisation))
    table = {}
    for pk_lie, pk_realisation in liens:
        pks = table.setdefault(pk_lie, [])
        if len(pks) < REALISATIONS_LIEES:
            pks.append(pk_realisation)
    return table


# --- Home page section ------------------------------------------------------------------------------

def realisations_accueil(nombre=3):
    """Featured réalisations first ("à la une"), then the latest years, for the home page (rendered as HTML
    once per generation of the page cache by the top floor, portail/accueil.py)."""
    from .photos import avec_photos

    return avec_photos(
        par_generation.publiques(RealisationPage.objects.live())
        .select_related("commune", "epci")
        .defer("corps", "financement", "temoignage")
        .order_by("-mise_en_avant", "-annee", "-first_published_at")[:nombre]
    )
