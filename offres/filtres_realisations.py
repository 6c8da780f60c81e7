"""Filtering and counting rules of the réalisations listing, as plain functions.

Same rules as the catalogue (offres/filters.py): repeated GET parameters
(?thematique=…&partenaire=…&canton=…&annee=2024), OR within a facet, AND across facets, counts that
ignore the facet's own selection, unknown values ignored. Only values that have at least one
réalisation are offered (the canton and partner lists would otherwise be long and mostly empty).
The canton comes from the maître d'ouvrage's commune (territory reference).
Queries: one per facet for the values and one per facet for the counts, whatever the number of pages.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from site_collectivites.requetes import valeurs_utilisees
from site_collectivites.taxonomie.models import Partenaire, Thematique
from site_collectivites.territoire.models import Canton

from .filters import SLUG, VALEURS_MAX_PAR_FACETTE, FacetteAffichee, Option, nombres_par_valeur
from .models import RealisationPage


@dataclass(frozen=True)
class Facette:
    param: str
    legende: str
    modele: type | None  # None: the year, read from the pages themselves
    champ: str  # from RealisationPage


FACETTES = (
    Facette("thematique", "Thématique", Thematique, "thematiques"),
    Facette("partenaire", "Partenaire", Partenaire, "partenaires"),
    Facette("canton", "Canton", Canton, "commune__cantons"),
    Facette("annee", "Année", None, "annee"),
)


@dataclass(frozen=True)
class Annee:
    pk: int

    @property
    def slug(self):
        return str(self.pk)

    @property
    def nom(self):
        return str(self.pk)


@dataclass
class Criteres:
    valeurs: dict = field(default_factory=dict)

    @property
    def est_filtre(self):
        return any(self.valeurs.values())


def charger_options(realisations):
    """{param: [objects]}: the values used by at least one of `realisations` (one query per facet).

    One EXISTS per value (site_collectivites/requetes.py), not a scan of every réalisation.
    """
    options = {}
    for facette in FACETTES:
        if facette.modele is None:
            annees = realisations.order_by("-annee").values_list("annee", flat=True).distinct()
            options[facette.param] = [Annee(a) for a in annees]
        else:
            options[facette.param] = list(valeurs_utilisees(facette.modele, realisations, facette.champ))
    return options


def lire_criteres(params, options):
    valeurs = {}
    for facette in FACETTES:
        demandes = {v for v in params.getlist(facette.param)[:VALEURS_MAX_PAR_FACETTE] if SLUG.match(v)}
        valeurs[facette.param] = [o.slug for o in options[facette.param] if o.slug in demandes]
    return Criteres(valeurs=valeurs)


def filtrer(realisations, criteres, sauf=None):
    for facette in FACETTES:
        slugs = criteres.valeurs.get(facette.param)
        if not slugs or facette.param == sauf:
            continue
        if facette.modele is None:
            realisations = realisations.filter(annee__in=[int(s) for s in slugs])
        else:
            correspondantes = RealisationPage.objects.filter(**{f"{facette.champ}__slug__in": slugs}).values("pk")
            realisations = realisations.filter(pk__in=correspondantes)
    return realisations


def pour_cartes(realisations):
    return (
        realisations.select_related("commune", "epci")
        .prefetch_related("thematiques")
        .defer_streamfields()
        .defer("financement", "temoignage")
    )


def compter_facettes(realisations, criteres, options):
    resultat = []
    for facette in FACETTES:
        autres = filtrer(realisations, criteres, sauf=facette.param).order_by()
        nombres = nombres_par_valeur(autres, facette.champ)
        coches = set(criteres.valeurs.get(facette.param, []))
        resultat.append(
            FacetteAffichee(
                param=facette.param,
                legende=facette.legende,
                options=[
                    Option(slug=o.slug, nom=o.nom, nombre=nombres.get(o.pk, 0), coche=o.slug in coches)
                    for o in options[facette.param]
                ],
            )
        )
    return resultat


def querystring(criteres, sans=None):
    paires = [
        (facette.param, slug)
        for facette in FACETTES
        for slug in criteres.valeurs.get(facette.param, [])
        if sans != (facette.param, slug)
    ]
    return "?" + urlencode(paires) if paires else ""


@dataclass
class FiltreActif:
    legende: str
    libelle: str
    url_retrait: str


def filtres_actifs(criteres, options):
    actifs = []
    for facette in FACETTES:
        noms = {o.slug: o.nom for o in options[facette.param]}
        for slug in criteres.valeurs.get(facette.param, []):
            actifs.append(FiltreActif(facette.legende, noms[slug], querystring(criteres, sans=(facette.param, slug))))
    return actifs
