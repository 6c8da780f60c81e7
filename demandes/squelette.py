"""The demandes' part of the production skeleton (`manage.py initialiser_site`): the request form page, in the
main menu of a new site, named by the home page and at the end of the contact page."""

from django.contrib.auth.models import Group
from django.core.management import CommandError

from site_collectivites.models import StandardPage
from site_collectivites.squelette.chantier import page_presente

from .models import DemandeFormPage

# Made by the migration demandes 0003_roles.
GROUPES = ["Coordination des demandes", "Agents des partenaires"]

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
TEXTE_CONFIRMATION = (
    "<p>Le service ou le partenaire compétent étudie votre demande et vous recontacte, en général sous "
    "quinze jours. Gardez la référence : elle permet de retrouver votre dossier à chaque échange.</p>"
)


def construire(chantier):
    manquants = [nom for nom in GROUPES if not Group.objects.filter(name=nom).exists()]
    if manquants:
        raise CommandError(f"Groupes absents : {', '.join(manquants)}. Lancez « manage.py migrate » d'abord.")
    nouvelle = not DemandeFormPage.objects.exists()
    page = page_presente(
        chantier.home, DemandeFormPage, "faire-une-demande",
        title="Faire une demande d'accompagnement",
        search_description="Demandez l'appui du Département et de ses partenaires pour un projet de votre "
                           "commune, intercommunalité ou syndicat.",
        intro=INTRO,
        texte_lateral=TEXTE_LATERAL,
        texte_confirmation=TEXTE_CONFIRMATION,
    )
    chantier.au_menu(page, 70, "Faire une demande")
    if chantier.home.page_demande_id is None:
        chantier.home.page_demande = page
        chantier.home.save_revision().publish()
    if nouvelle:
        integrer_au_contact(page)


def integrer_au_contact(page_formulaire):
    """The contact page ends with the request form (the « formulaire intégré » block), once."""
    contact = StandardPage.objects.filter(slug="contact").first()
    if contact is None or any(bloc.block_type == "formulaire" for bloc in contact.corps):
        return
    contact.corps.append(("formulaire", {"titre": "Ou décrivez directement votre projet", "page": page_formulaire}))
    contact.save_revision().publish()
