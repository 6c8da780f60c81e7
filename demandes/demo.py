"""Demo content of the demandes: the back office's accounts (a coordinator and agents of five partners), whose
credentials are printed (the request form page is the skeleton's: demandes/squelette.py). The demandes themselves, 2022–2026 in every
status, are generated with the bilan's history (demandes/bilan/demo.py) so that the figures match; that module
then calls `completer_suivi_demandeur` here: the requesters' side of them (their links, the partners' messages at
closure, the answers to « utile ? » with comments, a few who stopped the step e-mails)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

import random
import secrets
from datetime import timedelta

from django.utils import timezone

from demandes.models import Affectation, AgentPartenaire, AvisDemandeur, Demande, Statut, StatutAffectation, Utilite
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


MESSAGES_CLOTURE = [
    "Nous vous avons remis la note d'opportunité et la liste des aides mobilisables. N'hésitez pas à nous "
    "recontacter au moment de lancer la consultation.",
    "Le cahier des charges de l'étude est finalisé ; vous pouvez désormais lancer la consultation des bureaux "
    "d'études.",
    "La visite sur place a permis de préciser le programme ; le compte rendu vous a été envoyé.",
    "Votre dossier de subvention est complet et a été déposé auprès des financeurs.",
]
MESSAGES_SANS_SUITE = [
    "Votre projet relève du programme régional : nous avons transmis vos coordonnées au service de la Région.",
    "Sans nouvelles de votre part depuis notre dernier échange, nous classons la demande ; elle peut être "
    "rouverte à tout moment.",
]
COMMENTAIRES = {
    Utilite.TRES_UTILE: ["Interlocuteur très réactif, visite sur place en moins de deux semaines. Merci !",
                         "Sans cet appui nous n'aurions pas osé lancer le projet.",
                         "Des conseils clairs et concrets, adaptés à une petite commune."],
    Utilite.PLUTOT_UTILE: ["Bon accompagnement, mais il a fallu relancer pour obtenir le compte rendu.",
                           "Utile pour le montage financier, moins pour la partie technique."],
    Utilite.PEU_UTILE: ["Nous attendions une aide plus opérationnelle que des conseils généraux."],
    Utilite.PAS_UTILE: ["Premier contact au bout de six semaines : nous avions déjà choisi un bureau d'études."],
}


def completer_suivi_demandeur(maintenant=None):
    """The requesters' side of the demo demandes (seeded: every run gives the same; a rerun changes nothing)."""
    demandes = Demande.objects.filter(cle_import__startswith="demo-")
    if AvisDemandeur.objects.filter(demande__in=demandes).exists():
        return 0
    maintenant = maintenant or timezone.now()
    hasard = random.Random("demandes-demo-demandeur")
    a_sauver, avis = [], []
    closes = set(demandes.filter(statut=Statut.CLOSE).values_list("pk", flat=True))
    messages = []
    for affectation in Affectation.objects.filter(demande_id__in=closes, statut=StatutAffectation.TERMINEE):
        if hasard.random() < 0.5:
            affectation.message_au_demandeur = hasard.choice(MESSAGES_CLOTURE)
            messages.append(affectation)
    Affectation.objects.bulk_update(messages, ["message_au_demandeur"], batch_size=1000)
    champs_lus = ("pk", "statut", "statut_modifie_le", "cle_suivi", "message_au_demandeur", "courriels_arretes_le")
    for demande in demandes.order_by("pk").only(*champs_lus):
        demande.cle_suivi = secrets.token_urlsafe(32)
        if demande.statut == Statut.SANS_SUITE and hasard.random() < 0.6:
            demande.message_au_demandeur = hasard.choice(MESSAGES_SANS_SUITE)
        if hasard.random() < 0.03:
            demande.courriels_arretes_le = min(demande.statut_modifie_le, maintenant)
        a_sauver.append(demande)
        if demande.pk in closes and hasard.random() < 0.45:
            reponse = hasard.choices(Utilite.values, [48, 34, 12, 6])[0]
            commentaire = hasard.choice(COMMENTAIRES[reponse]) if hasard.random() < 0.35 else ""
            repondu_le = min(demande.statut_modifie_le + timedelta(days=hasard.randint(0, 6)), maintenant)
            avis.append(AvisDemandeur(demande_id=demande.pk, reponse=reponse, commentaire=commentaire,
                                      repondu_le=repondu_le))
    Demande.objects.bulk_update(a_sauver, ["cle_suivi", "message_au_demandeur", "courriels_arretes_le"],
                                batch_size=1000)
    # A few comments of this week, for the coordination's morning panel.
    for recent in avis[-4:]:
        recent.repondu_le = maintenant - timedelta(days=hasard.randint(0, 5))
        recent.commentaire = recent.commentaire or hasard.choice(COMMENTAIRES[recent.reponse])
    AvisDemandeur.objects.bulk_create(avis, batch_size=1000)
    return len(avis)
