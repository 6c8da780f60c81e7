"""Filtering and counting rules of the catalogue of offers, as plain functions.

Rules:
- four facets, each read from a repeated GET parameter holding slugs:
  ?thematique=energie&thematique=habitat&partenaire=sded&type=amo&beneficiaire=communes
- several values of one facet combine with OR, facets combine with AND;
- `q` narrows by words found in the title, résumé, partner or operations (every word must match,
  accents and case ignored);
- a value's count is the number of offers the listing would show with that value, given the other
  facets and `q` (the facet's own selection is ignored, the usual faceted-search rule);
- unknown slugs and malformed parameters are ignored, never an error.

Queries: the facets are answered by the catalogue's index (site_collectivites/cache/facettes.py), read once per
generation of the page cache; a request then runs one query for the words of `q` if any, and the queries of
one page of cards, whatever the number of offers.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from site_collectivites.cache import facettes, par_generation
from site_collectivites.cache.facettes import IndexFacettes, paires_par_page
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

from .models import Beneficiaire, OffrePage, normaliser

PARAM_RECHERCHE = "q"
LONGUEUR_MAX_RECHERCHE = 100
MOTS_MAX = 8
VALEURS_MAX_PAR_FACETTE = 20
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


@dataclass(frozen=True)
class Facette:
    param: str  # GET parameter
    legende: str  # legend of the fieldset
    modele: type  # the reference model whose slugs the parameter holds
    champ: str  # relation from OffrePage to the model


FACETTES = (
    Facette("thematique", "Thématique", Thematique, "thematiques"),
    Facette("partenaire", "Partenaire", Partenaire, "partenaire"),
    Facette("type", "Type de prestation", TypePrestation, "types_prestation"),
    Facette("beneficiaire", "Bénéficiaire", Beneficiaire, "beneficiaires"),
)
PARAMS_FILTRES = tuple(f.param for f in FACETTES) + (PARAM_RECHERCHE,)


@dataclass
class Criteres:
    """What the visitor asked for, cleaned: only known slugs, in the order of the options."""

    valeurs: dict = field(default_factory=dict)  # param -> list of slugs
    q: str = ""

    @property
    def est_filtre(self):
        return bool(self.q) or any(self.valeurs.values())

    def mots(self):
        return normaliser(self.q).split()[:MOTS_MAX]


def options_de(modele):
    """A facet's values in display order, as (slug, label) pairs: the short label where the model has one."""
    return facettes.options_de(modele.objects.all())


def construire_index(offres):
    """The index of `offres` (the live offers of one catalogue), in the listing's order: title."""
    return IndexFacettes.construire(
        list(offres.order_by("title", "pk").values_list("pk", flat=True)),
        {f.param: paires_par_page(offres, f.champ) for f in FACETTES},
        {f.param: options_de(f.modele) for f in FACETTES},
    )


def index_du_catalogue(catalogue):
    """The catalogue's index for the current generation (computed at most once per change)."""
    return par_generation.valeur(par_generation.cle("facettes", "offres", catalogue.pk),
                                 lambda: construire_index(catalogue.offres()))


def lire_criteres(params, options):
    """Criteres from a QueryDict (request.GET); anything unknown or malformed is dropped."""
    valeurs = {}
    for facette in FACETTES:
        demandes = {v for v in params.getlist(facette.param)[:VALEURS_MAX_PAR_FACETTE] if SLUG.match(v)}
        valeurs[facette.param] = [o.slug for o in options[facette.param] if o.slug in demandes]
    q = " ".join(params.get(PARAM_RECHERCHE, "").split())[:LONGUEUR_MAX_RECHERCHE]
    return Criteres(valeurs=valeurs, q=q)


def numero_page(params):
    try:
        return max(1, int(params.get("page", "1")))
    except (TypeError, ValueError):
        return 1


def _facette(param):
    return next(f for f in FACETTES if f.param == param)


def masque_recherche(index, offres_du_catalogue, criteres):
    """The index's bits of the offers containing every word of `q` (one query), or None without words.
    `offres_du_catalogue` is called only then: `.public()` costs a query of its own."""
    mots = criteres.mots()
    if not mots:
        return None
    offres = offres_du_catalogue()
    for mot in mots:
        offres = offres.filter(texte_recherche__contains=mot)
    return index.masque_des_pages(offres.values_list("pk", flat=True))


def selection(index, criteres, recherche=None):
    """The ids of the offers the listing shows for `criteres`, in order (`recherche`: masque_recherche)."""
    return index.pages(index.selection(criteres.valeurs, depart=recherche))


def compteur_sans(index, recherche=None):
    """count(criteres): the number of offers other criteria would give (the empty state's suggestions); the
    words' bits apply only while the criteria keep the words."""
    return lambda autres: index.selection(autres.valeurs, depart=recherche if autres.q else None).bit_count()


def cartes(pks):
    """The offers of `pks`, in that order, with what their cards show (three queries)."""
    par_pk = {offre.pk: offre for offre in pour_cartes(OffrePage.objects.filter(pk__in=pks))}
    return [par_pk[pk] for pk in pks if pk in par_pk]


def pour_cartes(offres):
    """What an offer card shows, in a fixed number of queries."""
    return (
        offres.select_related("partenaire")
        .prefetch_related("thematiques", "types_prestation")
        .defer_streamfields()
        .defer("operations_concernees", "niveau_intervention", "modalites", "informations_complementaires",
               "texte_recherche")
    )


@dataclass
class Option:
    slug: str
    nom: str
    nombre: int
    coche: bool


# Facets shown folded unless one of their values is ticked: the partner list is long, and on a phone the
# results must not sit below twenty checkboxes.
FACETTES_REPLIEES = {"partenaire"}


@dataclass
class FacetteAffichee:
    param: str
    legende: str
    options: list

    @property
    def nombre_coches(self):
        return sum(1 for o in self.options if o.coche)

    @property
    def ouverte(self):
        return self.param not in FACETTES_REPLIEES or self.nombre_coches > 0


def compter_facettes(index, criteres, depart=None, facettes=FACETTES):
    """For each facet (those of `facettes`: any listing's, with `param` and `legende`), its values with the
    number of pages each would give (no query: the index)."""
    resultat = []
    for facette in facettes:
        nombres = index.nombres(criteres.valeurs, facette.param, depart)
        coches = set(criteres.valeurs.get(facette.param, []))
        resultat.append(
            FacetteAffichee(
                param=facette.param,
                legende=facette.legende,
                options=[
                    Option(slug=o.slug, nom=o.nom_court, nombre=nombres.get(o.slug, 0), coche=o.slug in coches)
                    for o in index.options[facette.param]
                ],
            )
        )
    return resultat


def querystring(criteres, sans=None, page=None):
    """The URL query ("?…" or "") for these criteria, minus `sans` = (param, value), plus a page number."""
    paires = []
    for facette in FACETTES:
        for slug in criteres.valeurs.get(facette.param, []):
            if sans != (facette.param, slug):
                paires.append((facette.param, slug))
    if criteres.q and sans != (PARAM_RECHERCHE, criteres.q):
        paires.append((PARAM_RECHERCHE, criteres.q))
    if page and page > 1:
        paires.append(("page", page))
    return "?" + urlencode(paires) if paires else ""


@dataclass
class FiltreActif:
    legende: str
    libelle: str
    url_retrait: str  # query string without this filter ("" = unfiltered page)
    nombre_sans: int | None = None  # offers once this filter is removed (empty state only)


def sans(criteres, param, valeur):
    """A copy of `criteres` without one value (or without the words, for `q`)."""
    if param == PARAM_RECHERCHE:
        return Criteres(valeurs=dict(criteres.valeurs), q="")
    valeurs = dict(criteres.valeurs)
    valeurs[param] = [v for v in valeurs.get(param, []) if v != valeur]
    return Criteres(valeurs=valeurs, q=criteres.q)


def filtres_actifs(criteres, options, nombre_sans=None):
    """Every active filter with the query string that removes it.

    With `nombre_sans` (the empty state), each filter also says how many offers its removal would give:
    `nombre_sans(criteres without it)`.
    """
    actifs = []
    for facette in FACETTES:
        noms = {o.slug: o.nom for o in options[facette.param]}
        for slug in criteres.valeurs.get(facette.param, []):
            actifs.append((facette.param, slug, FiltreActif(facette.legende, noms[slug], "")))
    if criteres.q:
        actifs.append((PARAM_RECHERCHE, criteres.q, FiltreActif("Recherche", f"« {criteres.q} »", "")))
    for param, valeur, filtre in actifs:
        filtre.url_retrait = querystring(criteres, sans=(param, valeur))
        if nombre_sans is not None:
            filtre.nombre_sans = nombre_sans(sans(criteres, param, valeur))
    return [filtre for _param, _valeur, filtre in actifs]
