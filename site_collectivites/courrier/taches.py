"""The background task that sends a queued e-mail (django-tasks: the worker in production, at once in tests)."""

from django.db.models import Q
from django_tasks import task


@task()
def envoyer_courriel_en_file(courriel_id):
    from .file import FILE

    return FILE.envoyer_dus(Q(pk=courriel_id))
