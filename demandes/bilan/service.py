"""The service measured (« taken care of within 5 working days », as Place des Entreprises promises and measures):
figures computed from what the demandes recorded, never typed.

For the demandes received in a year (all of them, or those assigned to one partner):
- median days from receipt to the first assignment to a partner (to that partner's, for a partner);
- median days from receipt to the first taking on (an assignment accepted, started or finished: `prise_en_charge_le`);
- the share taken on within 5 working days of receipt (Monday to Friday, French public holidays excluded);
- the share closed (close, sans suite or réorientée);
- the usefulness rate: among the requesters' answers to « Cet accompagnement vous a-t-il été utile ? »
  (AvisDemandeur, demandes/demandeur.py), the share « Très utile » or « Plutôt utile »; for a partner, the
  answers about the demandes it followed (an assignment it did not decline).
Days are calendar days, to one decimal. A demande not yet assigned or taken on counts in the shares (as « not
within 5 days ») but not in the medians; a taking-on whose moment is unknown (before it was recorded) is left
out of both, and the number measured is given with each figure.
"""

import datetime
from statistics import median

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from demandes.models import UTILES, Affectation, AvisDemandeur, Demande, StatutAffectation, Utilite
from demandes.models.demandes import STATUTS_FINAUX

DELAI_JOURS_OUVRES = 5


def paques(annee):
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = annee % 19, annee // 100, annee % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    mois = (h + l - 7 * m + 114) // 31
    jour = (h + l - 7 * m + 114) % 31 + 1
    return datetime.date(annee, mois, jour)


def jours_feries(annee):
    """The 11 public holidays of metropolitan France (Code du travail, L3133-1)."""
    dimanche = paques(annee)
    return {
        datetime.date(annee, 1, 1), dimanche + datetime.timedelta(days=1), datetime.date(annee, 5, 1),
        datetime.date(annee, 5, 8), dimanche + datetime.timedelta(days=39), dimanche + datetime.timedelta(days=50),
        datetime.date(annee, 7, 14), datetime.date(annee, 8, 15), datetime.date(annee, 11, 1),
        datetime.date(annee, 11, 11), datetime.date(annee, 12, 25),
    }


def fin_du_delai(recue_le, jours=DELAI_JOURS_OUVRES):
    """The end (local midnight after) of the `jours`-th working day after the day a demande was received."""
    jour, comptes, feries = timezone.localtime(recue_le).date(), 0, {}
    while comptes < jours:
        jour += datetime.timedelta(days=1)
        if jour.year not in feries:
            feries[jour.year] = jours_feries(jour.year)
        if jour.weekday() < 5 and jour not in feries[jour.year]:
            comptes += 1
    return timezone.make_aware(datetime.datetime.combine(jour + datetime.timedelta(days=1), datetime.time()))


def _jours(debut, fin):
    return (fin - debut).total_seconds() / 86400


def _mediane(valeurs):
    return round(median(valeurs), 1) if valeurs else None


def _part(nombre, total):
    return round(100 * nombre / total, 1) if total else None


def mesurer(annee, partenaire=None):
    """The service's figures for the demandes received in `annee` (for `partenaire`: those assigned to it, its
    own assignments only). Three queries."""
    demandes = Demande.objects.filter(cree_le__year=annee)
    affectations = Affectation.objects.filter(demande__cree_le__year=annee)
    if partenaire is not None:
        demandes = demandes.filter(affectations__partenaire=partenaire).distinct()
        affectations = affectations.filter(partenaire=partenaire)
    recues = dict(demandes.values_list("pk", "cree_le"))
    closes = demandes.filter(statut__in=STATUTS_FINAUX).count() if recues else 0
    premiere_affectation, premiere_prise, inconnue = {}, {}, set()
    for demande_id, cree_le, statut, prise in affectations.values_list(
            "demande_id", "cree_le", "statut", "prise_en_charge_le"):
        if demande_id not in recues:
            continue
        premiere_affectation[demande_id] = min(cree_le, premiere_affectation.get(demande_id, cree_le))
        if prise is not None:
            premiere_prise[demande_id] = min(prise, premiere_prise.get(demande_id, prise))
        elif statut in ("acceptee", "en_cours", "terminee"):
            inconnue.add(demande_id)
    inconnue -= premiere_prise.keys()
    mesurees = [pk for pk in recues if pk not in inconnue]
    dans_le_delai = sum(1 for pk in mesurees if pk in premiere_prise and premiere_prise[pk] < fin_du_delai(recues[pk]))
    return {
        "annee": annee,
        "demandes": len(recues),
        "mediane_affectation": _mediane([_jours(recues[pk], date) for pk, date in premiere_affectation.items()]),
        "affectees": len(premiere_affectation),
        "mediane_prise_en_charge": _mediane([_jours(recues[pk], date) for pk, date in premiere_prise.items()]),
        "prises_en_charge": len(premiere_prise),
        "part_dans_le_delai": _part(dans_le_delai, len(mesurees)),
        "mesurees": len(mesurees),
        "part_closes": _part(closes, len(recues)),
        **_taux_utilite(annee, partenaire),
    }


def _suivies_par(partenaire, champ="demande"):
    """An EXISTS: the row's demande was followed by `partenaire` (an assignment it did not decline)."""
    return Exists(Affectation.objects.filter(demande=OuterRef(champ), partenaire=partenaire).exclude(
        statut=StatutAffectation.DECLINEE))


def _taux_utilite(annee, partenaire=None):
    avis = AvisDemandeur.objects.filter(demande__cree_le__year=annee)
    if partenaire is not None:
        avis = avis.filter(_suivies_par(partenaire))
    nombres = avis.aggregate(total=Count("pk"), utiles=Count("pk", filter=Q(reponse__in=UTILES)))
    return {"avis": nombres["total"], "taux_utilite": _part(nombres["utiles"], nombres["total"])}


def _ligne(nom, comptes):
    total = sum(comptes.values())
    utiles = sum(comptes.get(valeur, 0) for valeur in UTILES)
    return {"nom": nom, "reponses": [comptes.get(valeur, 0) for valeur in Utilite.values], "total": total,
            "taux": _part(utiles, total)}


def utilite(annee, partenaire=None):
    """The answers about the demandes received in `annee`, by partner (each partner that followed the demande:
    an assignment it did not decline) and by thématique (a demande of two thématiques counts in both); for
    `partenaire`, its own demandes only. {"reponses": labels, "total": line, "partenaires": [line],
    "thematiques": [line]}, each line {"nom", "reponses": [n per answer], "total", "taux"}. Three queries."""
    avis = AvisDemandeur.objects.filter(demande__cree_le__year=annee)
    affectations = (Affectation.objects.filter(demande__cree_le__year=annee, demande__avis__isnull=False)
                    .exclude(statut=StatutAffectation.DECLINEE))
    Lien = Demande.thematiques.through
    liens = Lien.objects.filter(demande__cree_le__year=annee, demande__avis__isnull=False)
    if partenaire is not None:
        avis = avis.filter(_suivies_par(partenaire))
        affectations = affectations.filter(partenaire=partenaire)
        liens = liens.filter(_suivies_par(partenaire, "demande_id"))
    total = dict(avis.values_list("reponse").annotate(n=Count("pk")).order_by())
    par_partenaire, par_thematique = {}, {}
    for nom, sigle, reponse, n in (affectations.values_list("partenaire__nom", "partenaire__sigle",
                                                            "demande__avis__reponse")
                                   .annotate(n=Count("demande", distinct=True)).order_by()):
        par_partenaire.setdefault(sigle or nom, {})[reponse] = n
    for nom, reponse, n in (liens.values_list("thematique__nom", "demande__avis__reponse")
                            .annotate(n=Count("demande_id")).order_by()):
        par_thematique.setdefault(nom, {})[reponse] = n
    return {
        "reponses": Utilite.labels,
        "total": _ligne("Ensemble", total),
        "partenaires": [_ligne(nom, comptes) for nom, comptes in sorted(par_partenaire.items())],
        "thematiques": [_ligne(nom, comptes) for nom, comptes in sorted(par_thematique.items())],
    }
