"""The bilan's part of the production skeleton (`manage.py initialiser_site`): the public bilan page, in the main
menu of a new site. Its figures come from the demandes; the commentary of each year is the editors'."""

from site_collectivites.squelette.chantier import page_presente

from .models import BilanPage

INTRO = (
    "<p>Chaque année, le Département rend compte de l'usage de l'offre d'ingénierie publique : combien de "
    "demandes, de quelles collectivités, sur quelles thématiques, pour quel type d'accompagnement et dans "
    "quels cantons. Les chiffres sont calculés à partir des demandes enregistrées dans le suivi.</p>"
)


def construire(chantier):
    page = page_presente(
        chantier.home, BilanPage, "bilan",
        title="Bilan de l'ingénierie publique",
        search_description="Les demandes d'accompagnement des collectivités drômoises, année par année : "
                           "thématiques, prestations, communes et cantons.",
        intro=INTRO,
    )
    chantier.au_menu(page, 60, "Bilan")
