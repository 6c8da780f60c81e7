"""French texts of the demo's own pages (written for this site; facts from content-facts.md)."""

from site_collectivites.demo.utils import stream

INGENIERIE_INTRO = (
    "Six communes drômoises sur dix comptent moins de 1 000 habitants : peu disposent d'un service "
    "technique. Le Département et treize partenaires mettent leur expertise à leur disposition, ainsi "
    "qu'à celle des intercommunalités et des syndicats."
)


def ingenierie_corps(image, document):
    return stream(
        ("texte", "<h2>Ce que nous proposons</h2><p>L'offre couvre neuf thématiques : énergie, eau et "
                  "environnement, alimentation et commerce, aménagement, tourisme, habitat, solidarité, "
                  "numérique, culture et patrimoine. Selon le projet, l'accompagnement prend l'une des quatre "
                  "formes ci-dessous.</p>"),
        ("accordeon", {"titre": "Les quatre types de prestation", "elements": [
            {"question": "Conseil", "reponse": "<p>Une information générale pour bien démarrer : cadre "
                                               "juridique et réglementaire, enjeux, acteurs à associer.</p>"},
            {"question": "Assistance à maîtrise d'ouvrage (AMO)",
             "reponse": "<p>Le partenaire aide la collectivité à définir son besoin, à consulter des "
                        "prestataires et à suivre son opération ; la collectivité reste décisionnaire.</p>"},
            {"question": "Maîtrise d'œuvre (MOe)",
             "reponse": "<p>Le partenaire conçoit le projet et suit les travaux pour le compte de la "
                        "collectivité.</p>"},
            {"question": "Maîtrise d'ouvrage déléguée (MOD)",
             "reponse": "<p>Le partenaire conduit l'opération au nom de la collectivité, dans le cadre "
                        "d'une convention de mandat.</p>"},
        ]}),
        ("image", {"image": {"image": image.pk, "decorative": False,
                             "alt_text": "Rangs de lavande en fleurs au pied des collines"},
                   "legende": "Les paysages drômois, un patrimoine commun à préserver.", "credit": ""}),
        ("citation", {"citation": "Sans le conseil du CAUE puis l'appui du SDED, nous n'aurions jamais osé "
                                  "lancer la rénovation de notre école.",
                      "auteur": "Une maire d'une commune de 400 habitants", "fonction": "Diois"}),
        ("tableau", {"titre": "L'accompagnement en chiffres", "tableau": {
            "data": [["Année", "Demandes", "Communes"], ["2022", "864", "251"], ["2025", "825", "254"]],
            "first_row_is_table_header": True, "first_col_is_header": True, "table_caption": ""}}),
        ("documents", {"titre": "Pour aller plus loin", "documents": [document.pk]}),
        ("appel_action", {"titre": "Vous avez un projet ?",
                          "texte": "Décrivez-le en quelques lignes : nous vous orientons vers le bon partenaire.",
                          "lien": {"page": None, "url": "mailto:relations-collectivites@ladrome.fr",
                                   "libelle": "Écrire au service des relations avec les collectivités"}}),
    )


