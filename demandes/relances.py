"""Daily reminders: each partenaire gets one e-mail listing its assignments still « à traiter » after
DEMANDES_RELANCE_JOURS days. Run by `manage.py relancer_partenaires` (cron or a systemd timer, daily).

The digest is computed afresh every day from the assignments: an e-mail that fails today is not lost, the
same assignments are listed again tomorrow (and the command exits with an error so that cron reports it).
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from site_collectivites.exploitation.adresse_publique import url_publique

from .models import Affectation, AgentPartenaire, StatutAffectation

logger = logging.getLogger(__name__)


def affectations_en_attente(jours, maintenant=None):
    limite = (maintenant or timezone.now()) - timedelta(days=jours)
    return (
        Affectation.objects.filter(statut=StatutAffectation.A_TRAITER, statut_modifie_le__lte=limite)
        .select_related("demande", "partenaire", "agent")
        .order_by("partenaire_id", "statut_modifie_le")
    )


def destinataires(partenaire, agents_par_partenaire):
    adresses = [partenaire.email_contact] if partenaire.email_contact else []
    adresses += [email for email in agents_par_partenaire.get(partenaire.pk, []) if email not in adresses]
    return adresses


def envoyer_relances(jours, maintenant=None):
    """Send one digest per partenaire; return (sent, failed) counts."""
    maintenant = maintenant or timezone.now()
    par_partenaire = defaultdict(list)
    for affectation in affectations_en_attente(jours, maintenant):
        affectation.jours_attente = (maintenant - affectation.statut_modifie_le).days
        affectation.url = url_publique(reverse("demandes:inspect", args=[affectation.demande_id]))
        par_partenaire[affectation.partenaire].append(affectation)
    agents = defaultdict(list)
    for partenaire_id, email in AgentPartenaire.objects.filter(
        partenaire__in=list(par_partenaire), utilisateur__is_active=True
    ).exclude(utilisateur__email="").values_list("partenaire_id", "utilisateur__email"):
        agents[partenaire_id].append(email)

    envoyees = echecs = 0
    connexion = get_connection()
    for partenaire, affectations in par_partenaire.items():
        adresses = destinataires(partenaire, agents)
        if not adresses:
            logger.warning("Relance impossible : aucune adresse pour le partenaire %s", partenaire.pk)
            echecs += 1
            continue
        contexte = {"partenaire": partenaire, "affectations": affectations, "jours": jours,
                    "url_liste": url_publique(reverse("demandes:index"))}
        message = EmailMultiAlternatives(
            subject=f"{len(affectations)} demande(s) en attente de réponse depuis plus de {jours} jours",
            body=render_to_string("demandes/courriels/relance.txt", contexte),
            to=adresses, connection=connexion,
        )
        message.attach_alternative(render_to_string("demandes/courriels/relance.html", contexte), "text/html")
        try:
            message.send()
        except Exception:  # any backend error: reported, the same digest goes out tomorrow
            logger.exception("Échec de la relance du partenaire %s", partenaire.pk)
            echecs += 1
        else:
            envoyees += 1
    return envoyees, echecs
