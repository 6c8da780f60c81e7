"""Django's Redis cache backend, made an accelerator rather than a dependency, with one redis-py client per pool.

**Redis unreachable.** Django's backend raises redis-py's errors to its caller, so a Redis that is stopped,
restarted or cut from the network made every page answer 500. Here every operation that meets a connection
error or a timeout answers as an empty cache would (a read finds nothing, a write keeps nothing, `incr` finds
no key) and the site serves its pages uncached (site_collectivites/cache/pages.py: without a generation, nothing
is read from nor written to the cache). Connecting and reading have short timeouts (`socket_connect_timeout`,
`socket_timeout` in OPTIONS, set in settings.base.caches_redis), and after a failure the server is left alone for
`pause_apres_panne` seconds (a circuit breaker, one per server and per process): a dead Redis costs one timeout
per pause, not one per operation. The first operation after the pause asks the server a PING; when it answers,
`redis_retabli` is sent before that operation runs: the page cache then moves to a new generation
(invalidation.py), since changes published while Redis was unreachable could not bump it. Other Redis errors (a command refused, out of memory) are logged
and answered the same way, without opening the breaker: they concern one operation, not the server.

**One client per pool.** Django's RedisCacheClient builds a new `redis.Redis` for every get or set; redis-py 8's
constructor fills its table of about 170 response callbacks each time, which cost more than the round trip to
Redis itself (measured with cProfile on the home page: 19 clients built per request, docs/performance.md). A
`redis.Redis` is thread-safe (each command takes a connection from the pool), and redis-py's pool reconnects
after a fork, so one client per pool is enough.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache as RedisCacheDjango
from django.core.cache.backends.redis import RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as ErreurConnexion
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as ErreurDelai

logger = logging.getLogger(__name__)

# Sent (serveur="host:port") by the first operation that succeeds after the server was unreachable.
redis_retabli = Signal()

PAUSE_APRES_PANNE_DEFAUT = 10


def nom_du_serveur(url):
    """host:port of a Redis URL, never its password (it goes to the logs)."""
    parties = urlsplit(url)
    return f"{parties.hostname or '?'}:{parties.port or 6379}"


class Disjoncteur:
    """Whether this process leaves a Redis server alone for now (after a failure), and for how long."""

    def __init__(self, serveur):
        self.serveur = serveur
        self._verrou = threading.Lock()
        self._ouvert_jusqua = 0.0
        self._en_panne_depuis = None

    def ouvert(self):
        """Within the pause that follows a failure: Redis is not tried."""
        return time.monotonic() < self._ouvert_jusqua

    def en_panne(self):
        """A failure was seen and no operation has succeeded since."""
        return self._en_panne_depuis is not None

    def panne(self, erreur, pause):
        with self._verrou:
            maintenant = time.monotonic()
            premiere = self._en_panne_depuis is None
            if premiere:
                self._en_panne_depuis = maintenant
            self._ouvert_jusqua = maintenant + pause
        if premiere:
            logger.warning("Redis injoignable (%s) : le site sert ses pages sans cache ; nouvel essai dans %s s. %s",
                           self.serveur, pause, erreur)

    def succes(self):
        """Record that the server answered again; True for the one caller that ends the outage."""
        with self._verrou:
            depuis, self._en_panne_depuis = self._en_panne_depuis, None
        if depuis is None:
            return False  # another thread reported the recovery
        logger.warning("Redis de nouveau joignable (%s) après %.1f s : le cache reprend.", self.serveur,
                       time.monotonic() - depuis)
        return True


_disjoncteurs = {}
_verrou_disjoncteurs = threading.Lock()


def disjoncteur(url):
    """The breaker of one server, shared by every thread and cache alias of this process."""
    serveur = nom_du_serveur(url)
    with _verrou_disjoncteurs:
        return _disjoncteurs.setdefault(serveur, Disjoncteur(serveur))


def _tolerante(secours):
    """Run the operation unless the breaker is open; on a Redis error, answer `secours(*args)` instead.

    After an outage, the server is first asked a PING, and `redis_retabli` sent, before the operation runs: the
    operation then reads what the receivers wrote (the page cache's new generation), never what was stored
    before the outage."""

    def decorer(operation):
        def appel(self, *args):
            disjoncteur = self._disjoncteur
            if disjoncteur.ouvert():
                return secours(*args)
            try:
                if disjoncteur.en_panne():
                    self.get_client(write=True).ping()
                    if disjoncteur.succes():
                        redis_retabli.send(sender=type(self), serveur=disjoncteur.serveur)
                return operation(self, *args)
            except (ErreurConnexion, ErreurDelai) as erreur:
                disjoncteur.panne(erreur, self._pause_apres_panne)
                return secours(*args)
            except RedisError:
                logger.exception("Redis (%s) a refusé l'opération %s", disjoncteur.serveur, operation.__name__)
                return secours(*args)

        appel.__name__ = operation.__name__
        return appel

    return decorer


def _cle_absente(key, *args):
    raise ValueError(f"Key '{key}' not found (Redis injoignable).")


class ClientRedisTolerant(RedisCacheClient):
    def __init__(self, servers, pause_apres_panne=PAUSE_APRES_PANNE_DEFAUT, **options):
        super().__init__(servers, **options)
        self._clients = {}
        self._pause_apres_panne = pause_apres_panne
        self._disjoncteur = disjoncteur(servers[0])

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _tolerante(lambda *args: False)(RedisCacheClient.add)
    get = _tolerante(lambda key, default: default)(RedisCacheClient.get)
    set = _tolerante(lambda *args: None)(RedisCacheClient.set)
    touch = _tolerante(lambda *args: False)(RedisCacheClient.touch)
    delete = _tolerante(lambda *args: False)(RedisCacheClient.delete)
    get_many = _tolerante(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _tolerante(lambda *args: False)(RedisCacheClient.has_key)
    incr = _tolerante(_cle_absente)(RedisCacheClient.incr)
    set_many = _tolerante(lambda *args: None)(RedisCacheClient.set_many)
    delete_many = _tolerante(lambda *args: None)(RedisCacheClient.delete_many)
    clear = _tolerante(lambda: False)(RedisCacheClient.clear)


class RedisCache(RedisCacheDjango):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientRedisTolerant
