"""A partner's activity report (#20 item 7): for one partner, a year (or a quarter of it) beside the same period
of the year before: demandes received, by thématique, prestation delivered, canton and type of collectivité.

Figures from the bilan's own functions (statistiques.calculer_bilan scoped to the partner: a demande counts when
it was assigned to the partner; the prestations are the partner's own). A page to print, and an XLSX.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from demandes.models import Demande
from site_collectivites.exploitation.exports import neutraliser_formule

from .statistiques import calculer_bilan

SERIES_RAPPORT = [
    ("thematiques", "Par thématique"),
    ("prestations", "Par prestation réalisée"),
    ("cantons", "Par canton"),
    ("types", "Par type de collectivité"),
]
TRIMESTRES = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}


def _periode(trimestre):
    return Demande.objects.filter(cree_le__month__in=TRIMESTRES[trimestre]) if trimestre else None


def rapport(partenaire, annee, trimestre=None):
    """{"partenaire", "annee", "trimestre", "total", "total_precedent", "series": [(titre, [rows])]} where a row
    is {"libelle", "nombre", "precedent"}; rows with nothing in either year are left out (a canton without any
    demande of the partner says nothing)."""
    actuel = calculer_bilan(annee, queryset=_periode(trimestre), partenaire=partenaire)
    precedent = calculer_bilan(annee - 1, queryset=_periode(trimestre), partenaire=partenaire)
    series = []
    for cle, titre in SERIES_RAPPORT:
        avant = {ligne["cle"]: ligne["nombre"] for ligne in precedent[cle]}
        lignes = [{"libelle": ligne["libelle"], "nombre": ligne["nombre"], "precedent": avant.get(ligne["cle"], 0)}
                  for ligne in actuel[cle]]
        series.append((titre, [ligne for ligne in lignes if ligne["nombre"] or ligne["precedent"]]))
    return {"partenaire": partenaire, "annee": annee, "trimestre": trimestre, "total": actuel["total"],
            "total_precedent": precedent["total"], "series": series}


def periode_en_clair(donnees):
    annee, trimestre = donnees["annee"], donnees["trimestre"]
    return f"{trimestre}{'er' if trimestre == 1 else 'e'} trimestre {annee}" if trimestre else str(annee)


def classeur(donnees):
    """The report as an XLSX workbook (bytes): one sheet, a header row, then each series' rows."""
    livre = Workbook()
    feuille = livre.active
    feuille.title = "Rapport d'activité"
    periode, precedente = periode_en_clair(donnees), periode_en_clair({**donnees, "annee": donnees["annee"] - 1})
    feuille.append([f"Rapport d'activité – {donnees['partenaire'].nom} – {periode}"])
    feuille["A1"].font = Font(bold=True)
    feuille.append([])
    feuille.append(["Série", "Libellé", periode, precedente])
    for cellule in feuille[3]:
        cellule.font = Font(bold=True)
    feuille.append(["Demandes reçues", "Total", donnees["total"], donnees["total_precedent"]])
    for titre, lignes in donnees["series"]:
        for ligne in lignes:
            feuille.append([titre, neutraliser_formule(ligne["libelle"]), ligne["nombre"], ligne["precedent"]])
    feuille.column_dimensions["A"].width = 26
    feuille.column_dimensions["B"].width = 48
    sortie = io.BytesIO()
    livre.save(sortie)
    return sortie.getvalue()
