"""Demo content of the demandes: the back office's accounts (a coordinator and agents of five partners), whose
credentials are printed (the request form page is the skeleton's: demandes/squelette.py). The demandes themselves, 2022–2026 in every
status, are generated with the bilan's history (demandes/bilan/demo.py) so that the figures match."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from demandes.models import AgentPartenaire
from site_collectivites.demo.comptes import mot_de_passe_memorise
from site_collectivites.taxonomie.models import Partenaire

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
    load_comptes(stdout)
