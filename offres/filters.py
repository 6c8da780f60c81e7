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

Queries: one per facet for the values, one per facet for the counts, whatever the number of offers.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count

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


def charger_options():
    """{param: [objects]} for every facet, in display order (one query per facet)."""
    return {f.param: list(f.modele.objects.all()) for f in FACETTES}


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


def filtrer(offres, criteres, sauf=None):
    """`offres` narrowed by every facet (but `sauf`) and by the words of `q`.

    Each facet filters through a subquery on the offer ids, so an offer matching two values of a facet
    is not listed twice and facets on different relations do not multiply rows.
    """
    for facette in FACETTES:
        slugs = criteres.valeurs.get(facette.param)
        if not slugs or facette.param == sauf:
            continue
        correspondantes = OffrePage.objects.filter(**{f"{facette.champ}__slug__in": slugs}).values("pk")
        offres = offres.filter(pk__in=correspondantes)
    for mot in criteres.mots():
        offres = offres.filter(texte_recherche__contains=mot)
    return offres


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


def nombres_par_valeur(pages, champ):
    """{value's pk: number of `pages` with that value} for the relation `champ` (one query).

    For a many-to-many relation the rows of its through table are counted, restricted to `pages` by a
    semi-join: a (page, value) pair is unique there, so this is the number of distinct pages, without
    joining every page to its values and sorting them to remove duplicates (COUNT DISTINCT).
    """
    relation = pages.model._meta.get_field(champ) if "__" not in champ else None
    if relation is not None and relation.many_to_many:
        valeur = relation.m2m_reverse_field_name()
        liens = relation.remote_field.through.objects.filter(**{f"{relation.m2m_field_name()}__in": pages.values("pk")})
        return dict(liens.order_by().values_list(valeur).annotate(nombre=Count("*")).values_list(valeur, "nombre"))
    return dict(
        pages.filter(**{f"{champ}__isnull": False})
        .order_by()
        .values_list(champ)
        .annotate(nombre=Count("pk", distinct=True))
        .values_list(champ, "nombre")
    )


def compter_facettes(offres, criteres, options):
    """For each facet, its values with the number of offers each would give (one query per facet)."""
    resultat = []
    for facette in FACETTES:
        autres = filtrer(offres, criteres, sauf=facette.param).order_by()
        nombres = nombres_par_valeur(autres, facette.champ)
        coches = set(criteres.valeurs.get(facette.param, []))
        resultat.append(
            FacetteAffichee(
                param=facette.param,
                legende=facette.legende,
                options=[
                    Option(slug=o.slug, nom=getattr(o, "nom_court", None) or o.nom, nombre=nombres.get(o.pk, 0),
                           coche=o.slug in coches)
                    for o in options[facette.param]
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


def filtres_actifs(criteres, options, offres=None):
    """Every active filter with the query string that removes it.

    With `offres` (the empty state), each filter also says how many offers its removal would give:
    one count query per active filter, only when the listing is empty.
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
        if offres is not None:
            filtre.nombre_sans = filtrer(offres, sans(criteres, param, valeur)).count()
    return [filtre for _param, _valeur, filtre in actifs]
