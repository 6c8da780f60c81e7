"""Filtering, counting and sorting rules of the financial aids listing, as plain functions.

Same conventions as the catalogue of offers (offres/filters.py):
- three facets from repeated GET parameters: ?thematique=energie&beneficiaire=communes&statut=ouverte;
- several values of one facet combine with OR, facets combine with AND;
- without a `statut` parameter, closed aids are left out (the default view shows what one can still
  apply for); `?statut=cloturee` shows them, and the listing offers a link to it;
- a value's count is the number of aids the listing would show with that value, given the other facets;
- unknown values are ignored, never an error.
Sort: nearest deadline first; permanent aids after dated ones; closed aids last.

Queries: the facets, the counts and the order are answered by the listing's index (site_collectivites/cache/facettes.py),
built once per generation of the page cache and per day: an aid's status, hence the `statut` facet and the
order, changes at midnight without anything being published. A request then loads only the cards not yet
rendered under that generation and day, whatever the number of aids.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from site_collectivites.cache import par_generation
from site_collectivites.cache.facettes import IndexFacettes, OptionIndex
from site_collectivites.taxonomie.models import Thematique

from . import statut_aides
from .filters import (  # noqa: F401 (numero_page: the listing reads the page number the catalogue's way)
    SLUG,
    VALEURS_MAX_PAR_FACETTE,
    FacetteAffichee,
    Option,
    numero_page,
    options_de,
    paires_par_page,
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

    @property
    def appliquees(self):
        """The values the listing applies: those asked for, and the statuses shown even when none is asked for."""
        return {**self.valeurs, PARAM_STATUT: self.statuts}


def options_de_la_facette(facette):
    """A facet's values in display order (OptionIndex): the model's rows, or the statuses."""
    if facette.modele is None:
        return [OptionIndex(s, nom) for s, nom in statut_aides.LIBELLES_STATUT.items()]
    return options_de(facette.modele)


def lire_criteres(params, options):
    valeurs = {}
    for facette in FACETTES:
        demandes = {v for v in params.getlist(facette.param)[:VALEURS_MAX_PAR_FACETTE] if SLUG.match(v)}
        valeurs[facette.param] = [o.slug for o in options[facette.param] if o.slug in demandes]
    return Criteres(valeurs=valeurs)


def trier(aides, today=None):
    """Nearest deadline first, permanent aids after the dated ones, closed aids at the end."""
    today = today or timezone.localdate()
    return aides.annotate(
        fin=Coalesce("date_limite", "date_cloture"),
        close=Case(When(Q(fin__lt=today), then=Value(1)), default=Value(0), output_field=IntegerField()),
    ).order_by("close", F("fin").asc(nulls_last=True), "title", "pk")


def statut_en_base(today):
    """Each aid's status on `today`, computed by PostgreSQL with the rules of statut_aides.q_statut()."""
    return Case(
        *(When(statut_aides.q_statut(s, today), then=Value(s)) for s in statut_aides.LIBELLES_STATUT),
        default=Value(""), output_field=CharField(),
    )


def construire_index(aides, today):
    """The index of `aides` (the live aids of one listing) on `today`: in the listing's order, with each aid's
    thématiques, bénéficiaires and status of the day (three queries)."""
    statuts = list(trier(aides, today).annotate(statut_du_jour=statut_en_base(today))
                   .values_list("pk", "statut_du_jour"))
    valeurs = {f.param: paires_par_page(aides, f.champ) for f in FACETTES if f.champ}
    valeurs[PARAM_STATUT] = statuts
    return IndexFacettes.construire([pk for pk, _statut in statuts], valeurs,
                                    {f.param: options_de_la_facette(f) for f in FACETTES})


def index_des_aides(liste, today):
    """The index of the aids listing `liste` for the current generation and `today` (computed at most once per
    change and per day)."""
    return par_generation.valeur(par_generation.cle("facettes", "aides", liste.pk, today.isoformat()),
                                 lambda: construire_index(liste.aides(), today))


def selection(index, criteres):
    """The ids of the aids the listing shows for `criteres`, in order."""
    return index.pages(index.selection(criteres.appliquees))


def cartes(pks):
    """The aids of `pks` with what their cards show (two queries)."""
    return pour_cartes(AidePage.objects.filter(pk__in=pks))


def pour_cartes(aides):
    return aides.prefetch_related("thematiques").defer_streamfields().only(
        "title", "slug", "url_path", "depth", "path", "locale_id", "resume", "calendrier", "date_limite",
        "date_ouverture", "date_cloture", "taux_min", "taux_max", "plafond",
    )


def compter_facettes(index, criteres):
    """For each facet, its values and the number of aids each would give (no query: the index)."""
    appliquees = criteres.appliquees
    resultat = []
    for facette in FACETTES:
        nombres = index.nombres(appliquees, facette.param)
        coches = set(criteres.valeurs.get(facette.param, []))
        resultat.append(
            FacetteAffichee(
                param=facette.param,
                legende=facette.legende,
                options=[
                    Option(slug=o.slug, nom=o.nom, nombre=nombres.get(o.slug, 0), coche=o.slug in coches)
                    for o in index.options[facette.param]
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


@dataclass(frozen=True)
class AideEtatAffichee:
    """What the listing shows of a State aid (kept in the cache: plain data, not the model)."""

    nom: str
    url: str
    financeurs: str
    date_limite: object  # datetime.date or None
    thematiques: frozenset  # slugs


def aides_etat_ouvertes(today):
    """Every State aid whose deadline is not past on `today`, soonest first (two queries)."""
    aides = AideEtat.objects.filter(Q(date_limite__isnull=True) | Q(date_limite__gte=today))
    return [
        AideEtatAffichee(a.nom, a.url, a.financeurs, a.date_limite, frozenset(t.slug for t in a.thematiques.all()))
        for a in aides.order_by(F("date_limite").asc(nulls_last=True), "nom").prefetch_related("thematiques")
    ]


def aides_etat(criteres, today=None):
    """State aids for the selected thématiques (all if none), deadline not past, soonest first. They are read
    once per generation of the page cache and per day: their import bumps the generation
    (settings.CACHE_PAGES_MODELES)."""
    today = today or timezone.localdate()
    ouvertes = par_generation.valeur(par_generation.cle("aides-etat", today.isoformat()),
                                     lambda: aides_etat_ouvertes(today))
    slugs = set(criteres.valeurs.get("thematique") or ())
    return [a for a in ouvertes if not slugs or a.thematiques & slugs][:AIDES_ETAT_AFFICHEES]
