"""Background tasks of the newsletter (django-tasks): enqueued after commit, run by `manage.py db_worker` in
production (immediately in development and tests)."""

from django.utils import timezone
from django_tasks import default_task_backend, task


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
