"""Daily reminders: each partenaire gets one e-mail listing its assignments still « à traiter » after
DEMANDES_RELANCE_JOURS days. Run by `manage.py relancer_partenaires` (cron or a systemd timer, daily).

Each digest is queued in the site's outbox (site_collectivites/courrier/), keyed by partenaire and day: a failing
provider delays it (retried with backoff), a second run the same day sends nothing more.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from site_collectivites.courrier.file import mettre_en_file
from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.models import CourrielEnFile

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
    """Queue one digest per partenaire; return (queued, partenaires without any address) counts."""
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

    en_file = sans_adresse = 0
    for partenaire, affectations in par_partenaire.items():
        adresses = destinataires(partenaire, agents)
        if not adresses:
            logger.warning("Relance impossible : aucune adresse pour le partenaire %s", partenaire.pk)
            sans_adresse += 1
            continue
        contexte = {"partenaire": partenaire, "affectations": affectations, "jours": jours,
                    "url_liste": url_publique(reverse("demandes:index"))}
        message = EmailMultiAlternatives(
            subject=f"{len(affectations)} demande(s) en attente de réponse depuis plus de {jours} jours",
            body=render_to_string("demandes/courriels/relance.txt", contexte), to=adresses,
        )
        message.attach_alternative(render_to_string("demandes/courriels/relance.html", contexte), "text/html")
        with transaction.atomic():
            mettre_en_file(message, CourrielEnFile.Nature.RELANCE_PARTENAIRE,
                           cle=f"relance:{partenaire.pk}:{timezone.localdate(maintenant).isoformat()}")
        en_file += 1
    return en_file, sans_adresse
