"""Filtering, counting and sorting rules of the financial aids listing, as plain functions.

Same conventions as the catalogue of offers (offres/filters.py):
- three facets from repeated GET parameters: ?thematique=energie&beneficiaire=communes&statut=ouverte;
- several values of one facet combine with OR, facets combine with AND;
- without a `statut` parameter, closed aids are left out (the default view shows what one can still
  apply for); `?statut=cloturee` shows them, and the listing offers a link to it;
- a value's count is the number of aids the listing would show with that value, given the other facets;
- unknown values are ignored, never an error.
Sort: nearest deadline first; permanent aids after dated ones; closed aids last.
Queries: a fixed number (options, counts, one page of cards), whatever the number of aids.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from site_collectivites.taxonomie.models import Thematique

from . import statut_aides
from .filters import (  # noqa: F401
    SLUG,
    VALEURS_MAX_PAR_FACETTE,
    FacetteAffichee,
    Option,
    nombres_par_valeur,
    numero_page,
)
from .models import AideEtat, AidePage, Beneficiaire

PARAM_STATUT = "statut"
AIDES_ETAT_AFFICHEES = 10


@dataclass(frozen=True)
class Facette:
    param: str
    legende: str
    modele: type | None  # None: the status facet (values from statut_aides)
    champ: str = ""


FACETTES = (
    Facette("thematique", "Thématique", Thematique, "thematiques"),
    Facette("beneficiaire", "Bénéficiaire", Beneficiaire, "beneficiaires"),
    Facette(PARAM_STATUT, "Statut", None),
)


@dataclass(frozen=True)
class OptionStatut:
    slug: str
    nom: str


@dataclass
class Criteres:
    valeurs: dict = field(default_factory=dict)

    @property
    def est_filtre(self):
        return any(self.valeurs.values())

    @property
    def statuts(self):
        """The statuses shown: the ones asked for, or every status but "clôturée"."""
        return self.valeurs.get(PARAM_STATUT) or list(statut_aides.STATUTS_PAR_DEFAUT)


def charger_options():
    options = {f.param: list(f.modele.objects.all()) for f in FACETTES if f.modele}
    options[PARAM_STATUT] = [OptionStatut(s, nom) for s, nom in statut_aides.LIBELLES_STATUT.items()]
    return options


def lire_criteres(params, options):
    valeurs = {}
    for facette in FACETTES:
        demandes = {v for v in params.getlist(facette.param)[:VALEURS_MAX_PAR_FACETTE] if SLUG.match(v)}
        valeurs[facette.param] = [o.slug for o in options[facette.param] if o.slug in demandes]
    return Criteres(valeurs=valeurs)


def q_statuts(statuts, today=None):
    q = Q(pk__in=[])
    for valeur in statuts:
        q |= statut_aides.q_statut(valeur, today)
    return q


def filtrer(aides, criteres, sauf=None, today=None):
    for facette in FACETTES:
        if facette.param == sauf:
            continue
        if facette.param == PARAM_STATUT:
            aides = aides.filter(q_statuts(criteres.statuts, today))
            continue
        slugs = criteres.valeurs.get(facette.param)
        if slugs:
            aides = aides.filter(pk__in=AidePage.objects.filter(**{f"{facette.champ}__slug__in": slugs}).values("pk"))
    return aides


def trier(aides, today=None):
    """Nearest deadline first, permanent aids after the dated ones, closed aids at the end."""
    today = today or timezone.localdate()
    return aides.annotate(
        fin=Coalesce("date_limite", "date_cloture"),
        close=Case(When(Q(fin__lt=today), then=Value(1)), default=Value(0), output_field=IntegerField()),
    ).order_by("close", F("fin").asc(nulls_last=True), "title")


def pour_cartes(aides):
    return aides.prefetch_related("thematiques").defer_streamfields().only(
        "title", "slug", "url_path", "depth", "path", "locale_id", "resume", "calendrier", "date_limite",
        "date_ouverture", "date_cloture", "taux_min", "taux_max", "plafond",
    )


def compter_facettes(aides, criteres, options, today=None):
    """For each facet, its values and the number of aids each would give (one query per facet)."""
    resultat = []
    for facette in FACETTES:
        autres = filtrer(aides, criteres, sauf=facette.param, today=today).order_by()
        if facette.param == PARAM_STATUT:
            nombres = autres.aggregate(
                **{s: Count("pk", filter=statut_aides.q_statut(s, today)) for s in statut_aides.LIBELLES_STATUT}
            )
            coches = set(criteres.valeurs.get(PARAM_STATUT, []))
        else:
            par_pk = nombres_par_valeur(autres, facette.champ)
            nombres = {o.slug: par_pk.get(o.pk, 0) for o in options[facette.param]}
            coches = set(criteres.valeurs.get(facette.param, []))
        resultat.append(
            FacetteAffichee(
                param=facette.param,
                legende=facette.legende,
                options=[
                    Option(slug=o.slug, nom=o.nom, nombre=nombres.get(o.slug, 0), coche=o.slug in coches)
                    for o in options[facette.param]
                ],
            )
        )
    return resultat


def querystring(criteres, sans=None, ajout=None, page=None):
    paires = []
    for facette in FACETTES:
        for slug in criteres.valeurs.get(facette.param, []):
            if sans != (facette.param, slug):
                paires.append((facette.param, slug))
    if ajout and ajout not in paires:
        paires.append(ajout)
    if page and page > 1:
        paires.append(("page", page))
    return "?" + urlencode(paires) if paires else ""


def url_cloturees(criteres):
    """Query string showing the closed aids too (None when they are already shown)."""
    if statut_aides.CLOTUREE in criteres.statuts:
        return None
    valeurs = dict(criteres.valeurs)
    valeurs[PARAM_STATUT] = list(criteres.statuts) + [statut_aides.CLOTUREE]
    return querystring(Criteres(valeurs=valeurs))


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


def aides_etat(criteres, today=None):
    """State aids for the selected thématiques (all if none), deadline not past, soonest first (one query)."""
    today = today or timezone.localdate()
    aides = AideEtat.objects.filter(Q(date_limite__isnull=True) | Q(date_limite__gte=today))
    slugs = criteres.valeurs.get("thematique")
    if slugs:
        aides = aides.filter(pk__in=AideEtat.objects.filter(thematiques__slug__in=slugs).values("pk"))
    return list(aides.order_by(F("date_limite").asc(nulls_last=True), "nom")[:AIDES_ETAT_AFFICHEES])
