"""/healthz: is this app server able to serve? For the load balancer and the monitoring, without login.

Says only yes or no per component, and a count of late tasks: never an error message, a host name or a
setting (the details go to the log).
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


def base_joignable():
    try:
        with connection.cursor() as curseur:
            curseur.execute("SELECT 1")
            return curseur.fetchone() == (1,)
    except Exception:  # any driver error means "no"; the detail is logged, not shown
        logger.exception("healthz : base de données injoignable")
        return False


def cache_joignable():
    cle, valeur = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(cle, valeur, timeout=10)
        lu = cache.get(cle)
        cache.delete(cle)
        return lu == valeur
    except Exception:  # Redis down raises its own errors
        logger.exception("healthz : cache injoignable")
        return False


def taches_en_retard(minutes):
    """Tasks waiting for the worker (`manage.py db_worker`) for more than `minutes`: the worker is down or stuck."""
    limite = timezone.now() - timedelta(minutes=minutes)
    return DBTaskResult.objects.filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=limite),
        status=TaskResultStatus.READY,
        enqueued_at__lte=limite,
    ).count()


@never_cache
def healthz(request):
    base = base_joignable()
    verifications = {"base_de_donnees": base, "cache": cache_joignable()}
    if base:
        en_retard = taches_en_retard(settings.HEALTHZ_TACHES_RETARD_MINUTES)
        verifications["taches_en_retard"] = en_retard
        verifications["taches"] = en_retard == 0
    else:
        verifications["taches"] = False
    sain = all(valeur for cle, valeur in verifications.items() if cle != "taches_en_retard")
    return JsonResponse({"statut": "ok" if sain else "erreur", **verifications}, status=200 if sain else 503)
