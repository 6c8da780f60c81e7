"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per operation.

Django's RedisCacheClient builds a new `redis.Redis` for every get or set; redis-py 8's constructor fills its
table of about 170 response callbacks each time, which cost more than the round trip to Redis itself (measured
with cProfile on the home page: 19 clients built per request, docs/performance.md). A `redis.Redis` is
thread-safe (each command takes a connection from the pool), and redis-py's pool reconnects after a fork, so one
client per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as RedisCacheDjango
from django.core.cache.backends.redis import RedisCacheClient


class ClientRedisReutilise(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(RedisCacheDjango):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientRedisReutilise
