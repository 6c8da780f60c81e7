"""Production's shape: the request queues a task in the database, the worker process sends the e-mails.

Transactional (the worker commits and closes its connections), so in its own module: `base_restauree`
restores the migrations' rows once the module's tests are done."""

import pytest
from django.core import mail
from django.core.management import call_command

from tests.demandes.conftest import donnees_valides


@pytest.mark.django_db(transaction=True)
def test_in_production_the_worker_sends_the_emails_of_a_new_demande(
    base_restauree, client, page_demande, territoire, referentiel, settings
):
    """With the database backend (production), the request only queues a task; the worker sends."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert response.status_code == 302
    assert not mail.outbox
    assert DBTaskResult.objects.filter(task_path="demandes.taches.envoyer_courriels_demande").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["mairie@saillans.example.org", "src@example.org"]
    assert DBTaskResult.objects.get(task_path="demandes.taches.envoyer_courriels_demande").status == "SUCCESSFUL"
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()  # Wagtail's own tasks ran too
