"""/healthz: database, cache, task backlog and search index; 503 when one fails (« degrade » and 200 for the
cache alone); nothing secret in the answer."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as reglages
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.search.models import IndexEntry

from site_collectivites.models import StandardPage

pytestmark = pytest.mark.django_db


def tache(minutes, statut="READY"):
    """A task row of the database backend enqueued `minutes` ago, as `manage.py db_worker` would find it."""
    resultat = DBTaskResult.objects.create(
        task_path="site_collectivites.exploitation.taches.exemple", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", queue_name="default", run_after=get_date_max(), status=statut,
    )
    DBTaskResult.objects.filter(pk=resultat.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes))
    return resultat


def test_healthy(client):
    reponse = client.get("/healthz")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/json"
    assert "no-cache" in reponse["Cache-Control"] and "no-store" in reponse["Cache-Control"]
    assert reponse.json() == {"statut": "ok", "base_de_donnees": True, "cache": True, "taches_en_retard": 0,
                              "taches": True, "index_recherche": True, "courriels_en_retard": 0,
                              "taches_en_echec": 0}


def test_published_pages_with_an_empty_search_index_make_it_fail(client, home):
    """A deployment that skipped `initialiser_site` (which builds the index) while no worker has indexed yet."""
    home.add_child(instance=StandardPage(title="Mentions légales", slug="mentions-legales"))
    assert IndexEntry.objects.exists()  # indexed as it was saved (tasks run at once in the tests)
    assert client.get("/healthz").json()["index_recherche"] is True
    IndexEntry.objects.all().delete()
    reponse = client.get("/healthz")
    assert reponse.status_code == 503
    assert reponse.json()["index_recherche"] is False and reponse.json()["statut"] == "erreur"


def test_late_tasks_make_it_fail_recent_or_finished_ones_do_not(client):
    tache(2)
    tache(60, statut="SUCCESSFUL")
    assert client.get("/healthz").status_code == 200
    tache(reglages.HEALTHZ_TACHES_RETARD_MINUTES + 1)
    reponse = client.get("/healthz")
    assert reponse.status_code == 503
    assert reponse.json()["taches_en_retard"] == 1 and reponse.json()["statut"] == "erreur"


def test_cache_down_says_degraded_without_leaking_the_error(client):
    """The site serves without its cache (tests/test_redis_en_panne.py): still 200, for the load balancer, and
    a statut other than « ok », for the monitoring."""
    with mock.patch("site_collectivites.exploitation.sante.cache.set", side_effect=ConnectionError("redis://:motdepasse@redis:6379")):
        reponse = client.get("/healthz")
    assert reponse.status_code == 200
    assert reponse.json()["cache"] is False and reponse.json()["statut"] == "degrade"
    assert "motdepasse" not in reponse.content.decode() and "redis" not in reponse.content.decode()


def test_database_down_gives_503(client):
    with mock.patch("site_collectivites.exploitation.sante.connection.cursor", side_effect=Exception("password=secret host=db")):
        reponse = client.get("/healthz")
    assert reponse.status_code == 503
    assert reponse.json()["base_de_donnees"] is False and reponse.json()["taches"] is False
    assert reponse.json()["index_recherche"] is False
    assert "secret" not in reponse.content.decode()


def test_a_task_failed_today_degrades_it_an_old_failure_does_not(client):
    """A task that ended FAILED (an e-mail task, a search index update) says someone must look, without taking
    the app server out of the load balancer."""
    ancienne = tache(0, statut="FAILED")
    DBTaskResult.objects.filter(pk=ancienne.pk).update(finished_at=timezone.now() - timedelta(days=2))
    assert client.get("/healthz").json()["statut"] == "ok"
    recente = tache(0, statut="FAILED")
    DBTaskResult.objects.filter(pk=recente.pk).update(finished_at=timezone.now() - timedelta(hours=1))
    reponse = client.get("/healthz")
    assert reponse.status_code == 200
    assert reponse.json()["statut"] == "degrade" and reponse.json()["taches_en_echec"] == 1
