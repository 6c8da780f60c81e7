"""The bilan as a CSV file, in the site's one CSV format (site_collectivites/exploitation/exports.py)."""

from django.http import HttpResponse

from site_collectivites.exploitation.exports import TYPE_CSV, lignes_csv

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


def lignes_bilan(bilan):
    annee = bilan["annee"]
    communes = bilan["communes"]
    yield ["rubrique", "code", "libellé", "nombre", "part (%)"]
    yield ["total", str(annee), f"Demandes reçues en {annee}", bilan["total"], ""]
    yield ["total", str(annee - 1), f"Demandes reçues en {annee - 1}", bilan["total_precedent"], ""]
    yield ["total", "evolution", "Évolution sur un an (%)", "", bilan["evolution"]]
    yield ["communes", "demandeuses", f"Communes ayant fait au moins une demande (sur {communes['territoire']})",
           communes["nombre"], communes["part_territoire"]]
    yield ["communes", "demandes", "Demandes venant des communes", communes["demandes"],
           communes["part_demandes"]]
    yield ["epci", "distincts", "Intercommunalités (EPCI) ayant fait une demande", bilan["nombre_epci"], ""]
    for cle, titre in SERIES:
        for ligne in bilan[cle]:
            yield [titre, ligne["cle"], ligne["libelle"], ligne["nombre"], ligne["part"]]


def reponse_csv(bilan, nom_fichier):
    reponse = HttpResponse(b"".join(lignes_csv(lignes_bilan(bilan))), content_type=TYPE_CSV)
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse
