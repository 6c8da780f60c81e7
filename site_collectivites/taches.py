"""Recovery of background tasks left « running » by a worker that was killed (deploy, OOM, reboot).

django-tasks-db marks a task RUNNING when a worker takes it; if the worker dies, the row stays RUNNING and
nobody runs it again. `reprendre_taches_interrompues` puts such tasks back in the queue once they have been
running for longer than any real task takes (`TACHES_DUREE_MAX_MINUTES`). Run it when the worker starts
(systemd ExecStartPre) and every few minutes by cron.

Running a task twice must be harmless: it is, for ours. The e-mail tasks work from outbox rows (demandes,
registrations, newsletter) whose state says what is already sent, so a second run sends only what the first
did not; Wagtail's own tasks (search and reference index) recompute their result.
"""

from datetime import timedelta

from django.utils import timezone


def reprendre_taches_interrompues(minutes, maintenant=None):
    """Put back in the queue the tasks RUNNING for more than `minutes`; return how many."""
    from django_tasks_db.models import DBTaskResult

    limite = (maintenant or timezone.now()) - timedelta(minutes=minutes)
    return DBTaskResult.objects.filter(status="RUNNING", started_at__lt=limite).update(
        status="READY", started_at=None
    )
