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


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_killed_worker_is_resumed_without_sending_twice(base_restauree, settings):
    """A worker killed mid-task leaves it RUNNING: it is requeued, and what was already sent is not resent."""
    from datetime import timedelta
    from io import StringIO

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from demandes.models import CourrielDemande
    from demandes.taches import envoyer_courriels_demande
    from tests.demandes.factories import DemandeFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    demande = DemandeFactory(email="mairie@exemple.org")
    # The killed worker had sent the acknowledgement, not yet the notification.
    CourrielDemande.objects.create(demande=demande, nature="accuse_reception", destinataire=demande.email,
                                   etat="envoye", envoye_le=timezone.now())
    CourrielDemande.objects.create(demande=demande, nature="notification", destinataire="service@exemple.org")
    resultat = envoyer_courriels_demande.enqueue(demande.pk)
    tache = DBTaskResult.objects.get(id=resultat.id)
    tache.claim("worker-tue")
    DBTaskResult.objects.filter(id=tache.id).update(started_at=timezone.now() - timedelta(hours=1))

    # A worker alone does not touch it: it is « running ».
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert not mail.outbox

    sortie = StringIO()
    call_command("reprendre_taches_interrompues", "--minutes", "30", stdout=sortie)
    assert "1 tâche(s) remise(s) dans la file." in sortie.getvalue()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [m.to for m in mail.outbox] == [["service@exemple.org"]]
    assert DBTaskResult.objects.get(id=tache.id).status == "SUCCESSFUL"

    # A task running for less than the limit is left alone (its worker may well be alive).
    resultat = envoyer_courriels_demande.enqueue(demande.pk)
    DBTaskResult.objects.get(id=resultat.id).claim("worker-vivant")
    call_command("reprendre_taches_interrompues", "--minutes", "30", stdout=sortie)
    assert DBTaskResult.objects.get(id=resultat.id).status == "RUNNING"
