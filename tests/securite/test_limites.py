"""The public forms' rate limits count in the database (site_collectivites/securite/ratelimit.py): one count for
every gunicorn worker and app server, atomic, without Redis, and no IP kept in clear."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from demandes.models import Demande
from site_collectivites.models import CompteurLimite
from site_collectivites.securite import ratelimit
from tests.demandes.conftest import donnees_valides, page_demande, referentiel, territoire  # noqa: F401


def test_the_limit_is_one_count_for_every_worker(client, page_demande, territoire, referentiel):
    """Two gunicorn workers with a local-memory cache each (no Redis) counted 10 demandes an hour for 5: here each
    demande is sent to a « worker » whose memory is empty, and the 6th is still refused."""
    for _ in range(5):
        for alias in caches:
            caches[alias].clear()  # another worker, its own (empty) memory
        assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 302
    for alias in caches:
        caches[alias].clear()
    assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 429
    assert Demande.objects.count() == 5


@pytest.mark.django_db
def test_a_window_restarts_after_its_end_and_counts_per_action_and_client(monkeypatch):
    maintenant = timezone.now()
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: maintenant)
    assert [ratelimit.compter("demande", "10.1.2.3", 3600) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.compter("demande", "10.9.9.9", 3600) == 1
    assert ratelimit.compter("inscription", "10.1.2.3", 3600) == 1
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: maintenant + timedelta(seconds=3599))
    assert ratelimit.compter("demande", "10.1.2.3", 3600) == 4, "the window runs from the first attempt"
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: maintenant + timedelta(seconds=3601))
    assert ratelimit.compter("demande", "10.1.2.3", 3600) == 1
    assert ratelimit.compter("demande", "10.1.2.3", 3600) == 2


@pytest.mark.django_db
def test_no_ip_is_kept_in_clear():
    ratelimit.compter("demande", "203.0.113.45", 3600)
    with connection.cursor() as curseur:
        curseur.execute(f"SELECT * FROM {CompteurLimite._meta.db_table}")
        lignes = curseur.fetchall()
    assert len(lignes) == 1 and "203.0.113" not in repr(lignes)


@pytest.mark.django_db
def test_the_nightly_purge_deletes_the_counters_of_ended_windows(capsys):
    ratelimit.compter("demande", "10.1.2.3", 3600)
    ratelimit.compter("demande", "10.4.5.6", 3600)
    CompteurLimite.objects.filter(pk=CompteurLimite.objects.order_by("pk").first().pk).update(
        fin=timezone.now() - timedelta(seconds=1))
    call_command("purger_compteurs_limites")
    assert "1 compteur(s) supprimé(s)." in capsys.readouterr().out
    assert CompteurLimite.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_attempts_never_read_the_same_count(base_restauree):
    """Twenty attempts at once, each on its own database connection (as many workers would): twenty counts."""

    def tenter(_):
        try:
            return ratelimit.compter("demande", "10.1.2.3", 3600)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as executeur:
        comptes = list(executeur.map(tenter, range(20)))
    assert sorted(comptes) == list(range(1, 21))
