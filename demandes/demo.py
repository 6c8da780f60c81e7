"""Demo content of the demandes: the request form page, and the back office's accounts (a coordinator and
agents of five partners), whose credentials are printed. The demandes themselves, 2022–2026 in every
status, are generated with the bilan's history (demandes/bilan/demo.py) so that the figures match."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from demandes.models import AgentPartenaire, DemandeFormPage
from site_collectivites.demo.comptes import mot_de_passe_memorise
from site_collectivites.demo.utils import add_to_menu, home_page, upsert_page
from site_collectivites.models import StandardPage
from site_collectivites.taxonomie.models import Partenaire

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

# username, first name, last name, partenaire slug (None: the coordination)
COMPTES = [
    ("coordination", "Camille", "Reynaud", None),
    ("agent.sded", "Julien", "Ferrand", "sded"),
    ("agent.caue", "Inès", "Barthélémy", "caue"),
    ("agent.adil", "Marc", "Vallon", "adil"),
    ("agent.eau", "Sophie", "Chabert", "direction-environnement-gestion-eau"),
    ("agent.relations", "Nadia", "Bouvier", "service-relations-collectivites"),
]


def load_comptes(stdout):
    User = get_user_model()
    mot_de_passe, _ = mot_de_passe_memorise("DJANGO_DEMO_PASSWORD", "demo-password.txt")
    coordination = Group.objects.get(name="Coordination des demandes")
    agents = Group.objects.get(name="Agents des partenaires")
    lignes = []
    for username, prenom, nom, slug in COMPTES:
        partenaire = Partenaire.objects.filter(slug=slug).first() if slug else None
        if slug and partenaire is None:
            continue
        user, creee = User.objects.get_or_create(
            username=username, defaults={"first_name": prenom, "last_name": nom, "email": f"{username}@example.org"}
        )
        if creee:
            user.set_password(mot_de_passe)
            user.save()
        user.groups.add(agents if partenaire else coordination)
        if partenaire:
            AgentPartenaire.objects.update_or_create(utilisateur=user, defaults={"partenaire": partenaire})
        lignes.append(f"  {username} ({partenaire.nom_court if partenaire else 'coordination, voit tout'})")
    stdout.write("Demandes : comptes de démonstration du suivi, mot de passe commun « "
                 f"{mot_de_passe} » (var/demo-password.txt ou DJANGO_DEMO_PASSWORD) :\n" + "\n".join(lignes))


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
        texte_confirmation=TEXTE_CONFIRMATION,
    )
    add_to_menu(page)
    if home.page_demande_id != page.pk:
        home.page_demande = page
        home.save_revision().publish()
    integrer_au_contact(page)
    stdout.write("Demandes : page du formulaire de demande, intégré aussi à la page Contact.")
    load_comptes(stdout)


def integrer_au_contact(page_formulaire):
    """The contact page ends with the request form (the « formulaire intégré » block), once."""
    contact = StandardPage.objects.filter(slug="contact").first()
    if contact is None or any(bloc.block_type == "formulaire" for bloc in contact.corps):
        return
    contact.corps.append(("formulaire", {"titre": "Ou décrivez directement votre projet", "page": page_formulaire}))
    contact.save_revision().publish()
