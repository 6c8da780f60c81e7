"""Demo content of the demandes: the request form page, linked from the home page and the menu."""

from django.db import transaction

from demandes.models import DemandeFormPage
from site_collectivites.demo.utils import add_to_menu, home_page, upsert_page

INTRO = (
    "<p>Un projet d'équipement, d'aménagement, de rénovation, une question réglementaire ? Décrivez-le "
    "ici : votre demande est enregistrée et transmise au service ou au partenaire compétent, qui vous "
    "recontacte.</p>"
)
TEXTE_LATERAL = (
    "<h2>Bon à savoir</h2><ul><li>Le premier niveau de conseil est gratuit.</li><li>Vous recevez un "
    "accusé de réception avec la référence de votre demande.</li><li>Joignez si vous le pouvez une note, "
    "un plan ou une délibération : cela accélère l'analyse.</li></ul><p>Une question avant d'écrire ? "
    "Le service des relations avec les collectivités vous répond au 04 75 79 26 26.</p>"
)


@transaction.atomic
def load(stdout):
    home = home_page()
    page = upsert_page(
        home, DemandeFormPage, "faire-une-demande",
        title="Faire une demande d'accompagnement",
        search_description="Demandez l'appui du Département et de ses partenaires pour un projet de votre "
                           "commune, intercommunalité ou syndicat.",
        intro=INTRO,
        texte_lateral=TEXTE_LATERAL,
    )
    add_to_menu(page)
    if home.page_demande_id != page.pk:
        home.page_demande = page
        home.save_revision().publish()
    stdout.write("Demandes : page du formulaire de demande.")
