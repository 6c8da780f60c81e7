"""Background tasks of the newsletter (django-tasks): enqueued after commit, run by `manage.py db_worker` in
production (immediately in development and tests)."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from newsletter.models.envois import DELAIS_NOUVEL_ESSAI

logger = logging.getLogger(__name__)


@task()
def envoyer_lettre(envoi_id):
    """Send an issue (resumable: see newsletter/envoi.py); schedule itself again for the retries."""
    from newsletter.envoi import envoyer_envoi, terminer_si_fini
    from newsletter.models import Envoi

    envoyes = envoyer_envoi(envoi_id)
    if envoyes is None:
        return None
    prochain = terminer_si_fini(Envoi.objects.get(pk=envoi_id))
    if prochain is not None and default_task_backend.supports_defer:
        envoyer_lettre.using(run_after=max(prochain, timezone.now())).enqueue(envoi_id)
    return envoyes


@task()
def envoyer_test_lettre(page_id, adresses):
    """A test of an issue to a few addresses (from the admin), with the same headers as the real send."""
    from django.core.mail import get_connection

    from newsletter.courriels import message_lettre, rendre_lettre
    from newsletter.models import NewsletterPage

    page = NewsletterPage.objects.get(pk=page_id)
    rendu = rendre_lettre(page.get_latest_revision_as_object())
    rendu.sujet = f"[TEST] {rendu.sujet}"
    with get_connection() as connexion:
        # A fake personal token: the test's links lead to the "invalid link" page, never to a real subscriber.
        messages = [message_lettre(rendu, adresse, "exemple-de-lien-personnel", connexion) for adresse in adresses]
        return connexion.send_messages(messages)


@task()
def envoyer_courriel_abonne(abonne_id):
    """Send the confirmation or renewal e-mail waiting in the subscriber's outbox."""
    from newsletter.models import Abonne

    return envoyer_courriels_dus(Abonne.objects.filter(pk=abonne_id))


def envoyer_courriels_dus(abonnes=None):
    """Send the subscribers' transactional e-mails that are due; a failure is retried with backoff, never lost
    (the row keeps its outbox until sent or abandoned after the last try)."""
    from newsletter.courriels import message_abonne
    from newsletter.models import Abonne

    abonnes = Abonne.objects.all() if abonnes is None else abonnes
    envoyes = 0
    while True:
        with transaction.atomic():
            abonne = (
                abonnes.select_for_update(skip_locked=True)
                .exclude(courriel_a_envoyer="")
                .filter(courriel_prochain_essai__lte=timezone.now())
                .order_by("courriel_prochain_essai", "pk")
                .first()
            )
            if abonne is None:
                return envoyes
            try:
                message_abonne(abonne).send()
            except Exception as erreur:  # any backend error: recorded, retried later
                logger.warning("Échec du courriel %s à l'abonné %s : %s", abonne.courriel_a_envoyer, abonne.pk, erreur)
                abonne.courriel_tentatives += 1
                if abonne.courriel_tentatives > len(DELAIS_NOUVEL_ESSAI):
                    logger.error("Courriel %s abandonné pour l'abonné %s", abonne.courriel_a_envoyer, abonne.pk)
                    abonne.courriel_a_envoyer = ""
                else:
                    abonne.courriel_prochain_essai = timezone.now() + DELAIS_NOUVEL_ESSAI[abonne.courriel_tentatives - 1]
            else:
                abonne.courriel_a_envoyer = ""
                envoyes += 1
            abonne.save(update_fields=["courriel_a_envoyer", "courriel_tentatives", "courriel_prochain_essai"])
