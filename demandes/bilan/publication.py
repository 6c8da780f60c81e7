"""Which figures the public sees: a frozen year shows its snapshot (and says when live figures differ),
any other year shows live figures. Used by the public page, its CSV and the admin's freeze action and its
confirmation."""

from django.utils import timezone

from .exports import lignes_bilan
from .models import BilanFige
from .statistiques import annees_disponibles, calculer_bilan, calculer_cantons

# The rubriques of the CSV's first lines, as the key figures' heading calls them.
RUBRIQUES = {"total": "Chiffres clés", "communes": "Chiffres clés", "epci": "Chiffres clés"}


def figer(annee, user=None):
    """Store today's figures of `annee` (the whole département) as its published bilan; again = refresh."""
    donnees = {"bilan": calculer_bilan(annee), "cantons": calculer_cantons(annee)}
    nom = (user.get_full_name() or user.get_username())[:150] if user else ""
    fige, _ = BilanFige.objects.update_or_create(
        annee=annee, defaults={"donnees": donnees, "fige_le": timezone.now(), "fige_par": user, "fige_par_nom": nom}
    )
    return fige


def ecarts(fige):
    """What freezing the year of `fige` again would change on the public page: the lines of the bilan (as its CSV
    has them) whose figures differ between the snapshot and today's, as (rubrique, libellé, published, current),
    a line that appears or vanishes included; and how many canton pages change."""
    publie, actuel = _par_ligne(fige.donnees["bilan"]), _par_ligne(calculer_bilan(fige.annee))
    lignes = []
    for cle in dict.fromkeys([*publie, *actuel]):  # the published order, then the new lines
        avant, apres = publie.get(cle), actuel.get(cle)
        if avant and apres and avant[3:] == apres[3:]:
            continue
        rubrique, _code, libelle = (apres or avant)[:3]
        lignes.append((RUBRIQUES.get(rubrique, rubrique), libelle, _valeur(avant), _valeur(apres)))
    cantons_publies, cantons_actuels = fige.donnees["cantons"], calculer_cantons(fige.annee)
    cantons = sum(cantons_publies.get(code) != cantons_actuels.get(code)
                  for code in set(cantons_publies) | set(cantons_actuels))
    return lignes, cantons


def _par_ligne(bilan):
    return {(ligne[0], ligne[1]): ligne for ligne in list(lignes_bilan(bilan))[1:]}


def _valeur(ligne):
    """« 4 (80,0 %) », « 4 », « 50,0 % », or « — » for a line absent on that side."""
    if ligne is None:
        return "—"
    nombre, part = ligne[3], ligne[4]
    part = "" if part in ("", None) else f"{part:.1f} %".replace(".", ",")
    if nombre in ("", None):
        return part or "—"
    return f"{nombre} ({part})" if part else str(nombre)


def annees_publiees():
    """Years with demandes or a snapshot, latest first."""
    return sorted(set(annees_disponibles()) | set(BilanFige.objects.values_list("annee", flat=True)), reverse=True)


def annee_demandee(valeur, annees, par_defaut):
    """The year of ?annee= when it is one of `annees`, else the default (never an error)."""
    try:
        annee = int(str(valeur))
    except ValueError:
        return par_defaut
    return annee if annee in annees else par_defaut


def annee_par_defaut(annees, choisie=None):
    """The editors' choice, else the latest frozen year, else last year, else the latest year with data."""
    if choisie in annees:
        return choisie
    fige = BilanFige.objects.order_by("-annee").values_list("annee", flat=True).first()
    if fige:
        return fige
    precedente = timezone.localdate().year - 1
    if precedente in annees:
        return precedente
    return annees[0] if annees else timezone.localdate().year


def chiffres_publies(annee):
    """(bilan, snapshot or None, live figures differ from the snapshot)."""
    vivant = calculer_bilan(annee)
    fige = BilanFige.objects.filter(annee=annee).first()
    if fige is None:
        return vivant, None, False
    return fige.donnees["bilan"], fige, fige.donnees["bilan"] != vivant


def canton_publie(annee, code):
    """(the canton's figures, snapshot or None, differ) for the canton page."""
    vivant = calculer_cantons(annee, canton=code).get(code)
    fige = BilanFige.objects.filter(annee=annee).first()
    if fige is None or code not in fige.donnees["cantons"]:
        return vivant, None, False
    publie = fige.donnees["cantons"][code]
    return publie, fige, publie != vivant
