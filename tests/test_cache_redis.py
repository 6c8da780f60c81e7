"""Our Redis cache backend (site_collectivites/cache/redis.py) against the real Redis of the machine: it behaves
as Django's, and builds one redis-py client per pool instead of one per operation. Redis unreachable:
tests/test_redis_en_panne.py."""

import secrets

import pytest
import redis
from django.core.cache.backends.redis import RedisCacheClient

from site_collectivites.cache.redis import RedisCache

URL = "redis://127.0.0.1:6379/7"


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis injoignable sur {URL} : la CI le démarre (.ci/run), en local `redis-server`.")
    cache = RedisCache(URL, {"KEY_PREFIX": f"essai-{secrets.token_hex(4)}", "TIMEOUT": 60})
    yield cache
    cache.clear()


def test_it_stores_reads_counts_and_deletes_like_djangos_backend(cache):
    cache.set("page", (1, 200, [("Content-Type", "text/html")], b"<p>Bonjour</p>"))
    assert cache.get("page") == (1, 200, [("Content-Type", "text/html")], b"<p>Bonjour</p>")
    assert cache.add("generation", 41) and not cache.add("generation", 7)
    assert cache.incr("generation") == 42
    assert cache.get_many(["generation", "page", "absente"]) == {
        "generation": 42, "page": (1, 200, [("Content-Type", "text/html")], b"<p>Bonjour</p>")}
    cache.delete("page")
    assert cache.get("page") is None


def test_one_client_serves_every_operation(cache, monkeypatch):
    constructions = []
    constructeur = redis.Redis.__init__

    def compter(self, *args, **kwargs):
        constructions.append(1)
        constructeur(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", compter)
    for i in range(20):
        cache.set(f"cle-{i}", i)
        cache.get(f"cle-{i}")
    assert len(constructions) == 1
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    # Django's own client builds one per operation: what this backend exists to avoid.
    assert isinstance(cache._cache, RedisCacheClient)


def test_a_refused_command_is_a_miss_for_that_operation_only(cache, caplog):
    """Not an outage: the error is logged, the operation answers as a miss, the next ones reach Redis."""
    cache.set("texte", "pas un nombre")
    with pytest.raises(ValueError):
        cache.incr("texte")  # Redis: « value is not an integer »
    assert "a refusé l'opération incr" in caplog.text
    cache.set("page", 1)
    assert cache.get("page") == 1
