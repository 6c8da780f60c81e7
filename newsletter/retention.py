"""Retention of subscribers' data (CNIL guidance for prospecting e-mails):

- a subscription never confirmed is deleted after NEWSLETTER_PURGE_NON_CONFIRMES_JOURS days (30);
- a confirmed subscriber without any activity (confirmation, preferences, renewal, open or click reported by
  the ESP) for NEWSLETTER_INACTIVITE_JOURS (3 years) is asked to renew once; without an answer within
  NEWSLETTER_DELAI_RENOUVELLEMENT_JOURS (30), the subscriber is deleted with the proofs of consent.

Unsubscribed, bounced and complained addresses are kept as a suppression list (only the address and status
matter), so that an import or an old form never mails them again.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsletter import services
from newsletter.models import Abonne, StatutAbonne


def purger_non_confirmes(maintenant=None):
    limite = (maintenant or timezone.now()) - datetime.timedelta(days=settings.NEWSLETTER_PURGE_NON_CONFIRMES_JOURS)
    anciens = Abonne.objects.filter(statut=StatutAbonne.EN_ATTENTE, cree_le__lt=limite)
    nombre = anciens.count()
    anciens.delete()  # with their proofs of consent: a request never confirmed proves nothing
    return nombre


def relancer_inactifs(maintenant=None):
    """Ask the inactive subscribers to renew (a renewal e-mail in the outbox). Returns their number."""
    maintenant = maintenant or timezone.now()
    limite = maintenant - datetime.timedelta(days=settings.NEWSLETTER_INACTIVITE_JOURS)
    ids = list(Abonne.objects.filter(statut=StatutAbonne.CONFIRME, derniere_activite__lt=limite,
                                     relance_le__isnull=True).values_list("pk", flat=True))
    for abonne_id in ids:
        with transaction.atomic():
            abonne = Abonne.objects.select_for_update().get(pk=abonne_id)
            abonne.relance_le = maintenant
            abonne.save()
            services.mettre_courriel_en_file(abonne, "renouvellement")
    return len(ids)


def supprimer_sans_reponse(maintenant=None):
    """Delete the subscribers asked to renew who did not answer in time. Returns their number."""
    maintenant = maintenant or timezone.now()
    limite = maintenant - datetime.timedelta(days=settings.NEWSLETTER_DELAI_RENOUVELLEMENT_JOURS)
    sans_reponse = Abonne.objects.filter(statut=StatutAbonne.CONFIRME, relance_le__lt=limite)
    nombre = sans_reponse.count()
    sans_reponse.delete()
    return nombre
