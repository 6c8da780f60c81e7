"""The bilan as a CSV file (semicolons and decimal commas, as French spreadsheets expect)."""

import csv

from django.http import HttpResponse

# The series of a bilan, in the order of the page: (key in the bilan, title).
SERIES = [
    ("types", "Demandes par type de collectivité"),
    ("tranches", "Demandes des communes par tranche de population"),
    ("thematiques", "Demandes par thématique"),
    ("prestations", "Demandes par type de prestation réalisée"),
    ("partenaires", "Demandes par partenaire"),
    ("mois", "Demandes par mois de réception"),
    ("cantons", "Demandes par canton"),
]


def nombre_fr(valeur):
    return "" if valeur is None else str(valeur).replace(".", ",")


def lignes_csv(bilan):
    annee = bilan["annee"]
    communes = bilan["communes"]
    yield ["rubrique", "code", "libellé", "nombre", "part (%)"]
    yield ["total", str(annee), f"Demandes reçues en {annee}", bilan["total"], ""]
    yield ["total", str(annee - 1), f"Demandes reçues en {annee - 1}", bilan["total_precedent"], ""]
    yield ["total", "evolution", "Évolution sur un an (%)", "", nombre_fr(bilan["evolution"])]
    yield ["communes", "demandeuses", f"Communes ayant fait au moins une demande (sur {communes['territoire']})",
           communes["nombre"], nombre_fr(communes["part_territoire"])]
    yield ["communes", "demandes", "Demandes venant des communes", communes["demandes"],
           nombre_fr(communes["part_demandes"])]
    yield ["epci", "distincts", "Intercommunalités (EPCI) ayant fait une demande", bilan["nombre_epci"], ""]
    for cle, titre in SERIES:
        for ligne in bilan[cle]:
            yield [titre, ligne["cle"], ligne["libelle"], ligne["nombre"], nombre_fr(ligne["part"])]


def reponse_csv(bilan, nom_fichier):
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse.write("\ufeff")  # BOM: spreadsheets then read UTF-8 accents correctly
    writer = csv.writer(reponse, delimiter=";")
    writer.writerows(lignes_csv(bilan))
    return reponse
