"""The figures of the yearly bilan, computed from the demandes: one module for the admin dashboard, the
public page, the CSV export, the snapshots and the tests.

Everything is counted on the territory frozen in each demande (`territoire_insee`, `territoire_canton_code`,
`territoire_epci_siren`, `territoire_tranche`), never on today's reference: a commune merger or a new canton
map does not rewrite a past year. Each function runs a fixed number of aggregate queries whatever the number
of demandes (tests/bilan/test_performance.py).

The results are plain dicts of numbers and strings, so that a snapshot (models.BilanFige) stores them as
JSON and a page shows a snapshot or live figures with the same template.
"""

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import ExtractMonth

from demandes.models import Affectation, Demande, TypeCollectivite
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Canton, Commune, TranchePopulation

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]
LIBELLES_TYPES = {
    TypeCollectivite.COMMUNE: "Communes",
    TypeCollectivite.EPCI: "Intercommunalités (EPCI)",
    TypeCollectivite.SYNDICAT: "Syndicats",
    TypeCollectivite.AUTRE: "Autres organismes publics",
}


def pourcentage(nombre, total):
    """Share in %, one decimal; None when there is nothing to divide by (shown as « – »)."""
    if not total:
        return None
    return round(100 * nombre / total, 1)


def evolution(nombre, precedent):
    """Change in % from the previous year; None without a previous year to compare with."""
    if not precedent:
        return None
    return round(100 * (nombre - precedent) / precedent, 1)


def ligne(cle, libelle, nombre, total):
    """One row of a series (a bar of a chart, a row of its table)."""
    return {"cle": cle, "libelle": libelle, "nombre": nombre, "part": pourcentage(nombre, total)}


def demandes_du_perimetre(queryset=None, canton=None, epci=None, partenaire=None):
    """The demandes of a scope: `queryset` (e.g. demandes.acces.filtrer_demandes(user)) narrowed to a
    canton code, an EPCI SIREN (both as frozen in the demande) and/or a partenaire it was assigned to."""
    demandes = Demande.objects.all() if queryset is None else queryset
    if canton:
        demandes = demandes.filter(territoire_canton_code=canton)
    if epci:
        demandes = demandes.filter(territoire_epci_siren=epci)
    if partenaire:
        demandes = demandes.filter(
            Exists(Affectation.objects.filter(demande=OuterRef("pk"), partenaire=partenaire))
        )
    return demandes


def _communes_du_territoire(canton=None, epci=None):
    """How many communes the scope holds in the territory reference (362 for the whole Drôme)."""
    communes = Commune.objects.all()
    if epci:
        communes = communes.filter(epci__siren=epci)
    if canton:
        # A commune lies in a canton once: the join adds no duplicate.
        communes = communes.filter(cantons__code=canton)
    return communes.count()


def _chiffres_generaux(demandes, annee):
    """Totals, types of collectivité and population bands: one aggregate query over two years."""
    de_l_annee = Q(annee=annee)
    commune = de_l_annee & Q(type_collectivite=TypeCollectivite.COMMUNE)
    agregats = {
        "total": Count("pk", filter=de_l_annee),
        "total_precedent": Count("pk", filter=Q(annee=annee - 1)),
        "communes": Count("territoire_insee", filter=commune & ~Q(territoire_insee=""), distinct=True),
        "epci": Count(
            "territoire_epci_siren",
            filter=de_l_annee & Q(type_collectivite=TypeCollectivite.EPCI) & ~Q(territoire_epci_siren=""),
            distinct=True,
        ),
    }
    for type_collectivite in TypeCollectivite:
        agregats[f"type_{type_collectivite.value}"] = Count(
            "pk", filter=de_l_annee & Q(type_collectivite=type_collectivite)
        )
    for tranche in TranchePopulation:
        agregats[f"tranche_{tranche.value}"] = Count("pk", filter=commune & Q(territoire_tranche=tranche))
    return demandes.filter(annee__in=[annee, annee - 1]).aggregate(**agregats)


def _par_thematique(demandes_annee, total):
    thematiques = Thematique.objects.annotate(
        nombre=Count("demandes", filter=Q(demandes__in=demandes_annee.values("pk")), distinct=True)
    ).order_by("ordre", "nom")
    return [ligne(t.slug, t.nom, t.nombre, total) for t in thematiques]


def _affectations(demandes_annee, partenaire):
    """The filter on assignments: those of the year's demandes (only the partenaire's, when scoped)."""
    filtre = Q(affectations__demande__in=demandes_annee.values("pk"))
    if partenaire:
        filtre &= Q(affectations__partenaire=partenaire)
    return filtre


def _par_prestation(demandes_annee, total, partenaire):
    prestations = TypePrestation.objects.annotate(
        nombre=Count("affectations__demande", filter=_affectations(demandes_annee, partenaire), distinct=True)
    ).order_by("ordre", "nom")
    return [ligne(p.slug, f"{p.nom} ({p.sigle})" if p.sigle else p.nom, p.nombre, total) for p in prestations]


def _par_partenaire(demandes_annee, total, partenaire):
    partenaires = (
        Partenaire.objects.annotate(
            nombre=Count("affectations__demande", filter=_affectations(demandes_annee, partenaire), distinct=True)
        )
        .filter(nombre__gt=0)
        .order_by("-nombre", "nom")
    )
    return [ligne(p.slug, p.nom_court, p.nombre, total) for p in partenaires]


def _par_mois(demandes_annee, total):
    # ExtractMonth works in the current time zone (Europe/Paris): a demande of 31 December 23:30 in Paris
    # is a December demande.
    nombres = dict(
        demandes_annee.annotate(mois=ExtractMonth("cree_le")).order_by().values_list("mois").annotate(n=Count("pk"))
    )
    return [ligne(str(numero), MOIS[numero - 1], nombres.get(numero, 0), total) for numero in range(1, 13)]


def _par_canton(demandes_annee, total):
    """Every canton of the reference (zero included), plus any frozen canton code the reference has lost."""
    # Grouped by code only: a canton renamed between two demandes stays one row (with the latest name).
    nombres = {
        code: (nom, n, communes)
        for code, nom, n, communes in demandes_annee.exclude(territoire_canton_code="")
        .order_by()
        .values_list("territoire_canton_code")
        .annotate(
            nom=Max("territoire_canton"),
            n=Count("pk"),
            communes=Count(
                "territoire_insee", filter=Q(type_collectivite=TypeCollectivite.COMMUNE), distinct=True
            ),
        )
    }
    lignes = []
    for canton in Canton.objects.order_by("code"):
        _nom, n, communes = nombres.pop(canton.code, (canton.nom, 0, 0))
        lignes.append({**ligne(canton.code, canton.nom, n, total), "slug": canton.slug, "communes": communes})
    for code, (nom, n, communes) in sorted(nombres.items()):
        lignes.append({**ligne(code, nom or code, n, total), "slug": "", "communes": communes})
    return lignes


def calculer_bilan(annee, queryset=None, canton=None, epci=None, partenaire=None):
    """Every figure of year `annee` for a scope (see demandes_du_perimetre). Nine queries."""
    demandes = demandes_du_perimetre(queryset, canton=canton, epci=epci, partenaire=partenaire)
    generaux = _chiffres_generaux(demandes, annee)
    total = generaux["total"]
    demandes_annee = demandes.filter(annee=annee)
    communes_territoire = _communes_du_territoire(canton, epci)
    demandes_communes = generaux[f"type_{TypeCollectivite.COMMUNE.value}"]
    return {
        "annee": annee,
        "total": total,
        "total_precedent": generaux["total_precedent"],
        "evolution": evolution(total, generaux["total_precedent"]),
        "communes": {
            "nombre": generaux["communes"],
            "territoire": communes_territoire,
            "part_territoire": pourcentage(generaux["communes"], communes_territoire),
            "demandes": demandes_communes,
            "part_demandes": pourcentage(demandes_communes, total),
        },
        "nombre_epci": generaux["epci"],
        "types": [
            ligne(t.value, LIBELLES_TYPES[t], generaux[f"type_{t.value}"], total) for t in TypeCollectivite
        ],
        "tranches": [
            ligne(t.value, t.label, generaux[f"tranche_{t.value}"], demandes_communes) for t in TranchePopulation
        ],
        "thematiques": _par_thematique(demandes_annee, total),
        "prestations": _par_prestation(demandes_annee, total, partenaire),
        "partenaires": _par_partenaire(demandes_annee, total, partenaire),
        "mois": _par_mois(demandes_annee, total),
        "cantons": _par_canton(demandes_annee, total),
    }


def calculer_cantons(annee, queryset=None, canton=None):
    """For each canton (or one): its communes that asked in `annee`, with their demandes by thématique.

    Returns {code: {"code", "libelle", "slug", "total", "communes_territoire", "communes": [{"insee", "nom",
    "nombre", "thematiques": [n per thématique]}], "thematiques": series}}. Only communes (collectivités)
    are named, never a person. Six queries whatever the number of cantons and demandes.
    """
    demandes = demandes_du_perimetre(queryset, canton=canton).filter(annee=annee).exclude(territoire_canton_code="")
    thematiques = list(Thematique.objects.order_by("ordre", "nom").values_list("pk", "slug", "nom"))
    rang = {pk: i for i, (pk, _slug, _nom) in enumerate(thematiques)}
    cantons_ref = Canton.objects.order_by("code").annotate(nb_communes=Count("communes"))
    if canton:
        cantons_ref = cantons_ref.filter(code=canton)
    resultat = {
        c.code: {"code": c.code, "libelle": c.nom, "slug": c.slug, "total": 0, "communes_territoire": c.nb_communes,
                 "communes": [], "thematiques": [0] * len(thematiques)}
        for c in cantons_ref
    }

    def canton_de(code, nom):
        # A frozen code the reference no longer knows still gets its figures.
        return resultat.setdefault(code, {"code": code, "libelle": nom or code, "slug": "", "total": 0,
                                          "communes_territoire": 0, "communes": [],
                                          "thematiques": [0] * len(thematiques)})

    # Grouped by code: a commune or canton renamed between two demandes stays one row.
    totaux = demandes.order_by().values_list("territoire_canton_code").annotate(
        nom=Max("territoire_canton"), n=Count("pk")
    )
    for code, nom, n in totaux:
        canton_de(code, nom)["total"] += n

    communes = {}
    par_commune = (
        demandes.filter(type_collectivite=TypeCollectivite.COMMUNE)
        .order_by()
        .values_list("territoire_canton_code", "territoire_insee")
        .annotate(nom_canton=Max("territoire_canton"), nom=Max("territoire_commune"), n=Count("pk"))
    )
    for code, insee, nom_canton, nom, n in par_commune:
        ligne_commune = {"insee": insee, "nom": nom, "nombre": n, "thematiques": [0] * len(thematiques)}
        canton_de(code, nom_canton)["communes"].append(ligne_commune)
        communes[(code, insee)] = ligne_commune

    liens = Demande.thematiques.through.objects.filter(demande__in=demandes.values("pk"))
    for code, insee, type_collectivite, thematique, n in (
        liens.order_by()
        .values_list("demande__territoire_canton_code", "demande__territoire_insee",
                     "demande__type_collectivite", "thematique_id")
        .annotate(n=Count("demande_id"))
    ):
        if code in resultat:
            resultat[code]["thematiques"][rang[thematique]] += n
        if type_collectivite == TypeCollectivite.COMMUNE and (code, insee) in communes:
            communes[(code, insee)]["thematiques"][rang[thematique]] += n

    for donnees in resultat.values():
        donnees["communes"].sort(key=lambda c: c["nom"])
        donnees["thematiques"] = [
            ligne(slug, nom, n, donnees["total"]) for (_pk, slug, nom), n in zip(thematiques, donnees["thematiques"])
        ]
    return resultat


def annees_disponibles(queryset=None):
    """The years that have demandes, latest first (the year selector)."""
    demandes = Demande.objects.all() if queryset is None else queryset
    return list(demandes.order_by("-annee").values_list("annee", flat=True).distinct())
