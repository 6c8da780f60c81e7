"""Filtering and counting rules of the réalisations listing, as plain functions.

Same rules as the catalogue (offres/filters.py): repeated GET parameters
(?thematique=…&partenaire=…&canton=…&annee=2024), OR within a facet, AND across facets, counts that
ignore the facet's own selection, unknown values ignored. Only values that have at least one
réalisation are offered (the canton and partner lists would otherwise be long and mostly empty).
The canton comes from the maître d'ouvrage's commune (territory reference).

Queries: the facets are answered by the listing's index (site_collectivites/cache/facettes.py), read once per
generation of the page cache; a request then reads only the cards of its page of results, themselves
rendered once per generation (site_collectivites/cache/cartes.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from site_collectivites.cache import cartes as cartes_html
from site_collectivites.cache import par_generation
from site_collectivites.cache.facettes import IndexFacettes, OptionIndex
from site_collectivites.taxonomie.models import Partenaire, Thematique
from site_collectivites.territoire.models import Canton

from . import filters, photos
from .filters import SLUG, VALEURS_MAX_PAR_FACETTE, paires_par_page
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


@dataclass
class Criteres:
    valeurs: dict = field(default_factory=dict)

    @property
    def est_filtre(self):
        return any(self.valeurs.values())


def options_utilisees(modele, paires):
    """The values of `modele` found in `paires` (page id, slug), in the model's order, labelled by their name."""
    utilisees = {slug for _pk, slug in paires}
    return [OptionIndex(o.slug, o.nom, o.nom) for o in modele.objects.filter(slug__in=utilisees)]


def construire_index(realisations):
    """The index of `realisations` (the live réalisations of one listing), in the listing's order: the most
    recent years first, then the title. Only the values used by at least one of them are offered."""
    lignes = list(realisations.order_by("-annee", "title", "pk").values_list("pk", "annee"))
    valeurs, options = {}, {}
    for facette in FACETTES:
        if facette.modele is None:
            valeurs[facette.param] = [(pk, str(annee)) for pk, annee in lignes]
            annees = sorted({annee for _pk, annee in lignes}, reverse=True)
            options[facette.param] = [OptionIndex(str(a), str(a), str(a)) for a in annees]
        else:
            valeurs[facette.param] = list(paires_par_page(realisations, facette.champ))
            options[facette.param] = options_utilisees(facette.modele, valeurs[facette.param])
    return IndexFacettes.construire([pk for pk, _annee in lignes], valeurs, options)


def index_de_la_liste(liste):
    """The index of a RealisationIndexPage for the current generation (computed at most once per change)."""
    return par_generation.valeur(par_generation.cle("facettes", "realisations", liste.pk),
                                 lambda: construire_index(liste.realisations()))


def lire_criteres(params, options):
    valeurs = {}
    for facette in FACETTES:
        demandes = {v for v in params.getlist(facette.param)[:VALEURS_MAX_PAR_FACETTE] if SLUG.match(v)}
        valeurs[facette.param] = [o.slug for o in options[facette.param] if o.slug in demandes]
    return Criteres(valeurs=valeurs)


def pour_cartes(realisations):
    """What a réalisation card shows, in a fixed number of queries: its gallery's stored data (not its images)
    gives the card's photo, read with the others' (photos.avec_photos)."""
    return photos.avec_photos(
        realisations.select_related("commune", "epci")
        .prefetch_related("thematiques")
        .defer("corps", "financement", "temoignage")
    )


GABARIT_CARTE = "offres/includes/carte_realisation.html"


def cartes(request, pks):
    """The HTML of the cards of `pks`, in that order (site_collectivites/cache/cartes.py: rendered once per generation)."""
    return cartes_html.cartes(request, GABARIT_CARTE, "realisation", pks,
                              lambda manquants: pour_cartes(RealisationPage.objects.filter(pk__in=manquants)))


def compter_facettes(index, criteres):
    """For each facet, its values with the number of réalisations each would give (no query: the index)."""
    return filters.compter_facettes(index, criteres, facettes=FACETTES)


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
