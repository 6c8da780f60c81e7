"""Redis is an accelerator, not a dependency (site_collectivites/cache/redis.py, docs/performance.md).

The site runs with the page cache on and its cache configured as production configures it (settings.base.
caches_redis), pointed at a Redis that refuses connections, at one that accepts them and never answers, and at
the machine's real Redis through a connection that is cut and restored: pages and forms are served, the rate
limits still hold (they count in the database), a dead Redis costs one short timeout per pause rather than one
per operation, and nothing stored before an outage is served after it once something changed meanwhile.
"""

import secrets
import socket
import threading
import time

import pytest
import redis
from django.core import mail
from django.test import Client
from django.urls import reverse

from demandes.models import Demande
from newsletter.consentement import VERSION_COURANTE
from site_collectivites.cache import redis as cache_redis
from site_collectivites.settings.base import caches_redis
from tests.demandes.conftest import donnees_valides, offre, page_demande, referentiel, territoire  # noqa: F401
from tests.factories import StandardPageFactory

REDIS_REEL = ("127.0.0.1", 6379)


@pytest.fixture(autouse=True)
def disjoncteurs_neufs(monkeypatch):
    """Each test starts with no server known as down in this process."""
    monkeypatch.setattr(cache_redis, "_disjoncteurs", {}, raising=False)


def brancher(settings, url, **options):
    settings.CACHES = caches_redis(url, f"essai-{secrets.token_hex(4)}", **options)
    settings.CACHE_PAGES = True


def texte(reponse):
    return reponse.content.decode()


def test_pages_and_forms_are_served_and_limits_hold_with_redis_refusing_connections(
    settings, client, home, offre, page_demande, territoire, referentiel, django_capture_on_commit_callbacks
):
    brancher(settings, "redis://127.0.0.1:1/0")  # nobody listens on port 1: connection refused
    catalogue = offre.get_parent()
    for url, attendu in ((home.url, home.title), (catalogue.url, "Conseil en énergie des communes"),
                         (offre.url, "Conseil en énergie des communes"), (page_demande.url, "Vos coordonnées")):
        for _ in range(2):
            reponse = client.get(url)
            assert reponse.status_code == 200, url
            assert attendu in texte(reponse)
            assert reponse.get("X-Cache") in (None, "MISS"), "nothing can be served from an unreachable cache"

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert reponse.status_code == 302 and reponse["Location"] == page_demande.url + "merci/"
    demande = Demande.objects.get()
    assert demande.titre == "Rénovation énergétique de l'école"
    assert any(demande.reference in message.subject for message in mail.outbox)
    assert client.get(reponse["Location"]).status_code == 200

    # The limit of 5 demandes per hour and per IP still holds: 4 more are accepted, the 6th is refused.
    for _ in range(4):
        assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 302
    refus = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert refus.status_code == 429 and "Vous pourrez l&#x27;envoyer à partir de" in texte(refus)
    assert Demande.objects.count() == 5


def test_a_newsletter_subscription_is_confirmed_by_e_mail_with_redis_refusing_connections(
    settings, client, home, django_capture_on_commit_callbacks
):
    """Its one-confirmation-per-window throttle counted in the cache: a dead Redis made it 500, then silent."""
    brancher(settings, "redis://127.0.0.1:1/0")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            reponse = client.post(reverse("newsletter:inscrire"), {
                "email": "secretariat@mairie.example", "origine": "/", "version_mention": VERSION_COURANTE})
            assert reponse.status_code == 302
    assert [message.to for message in mail.outbox] == [["secretariat@mairie.example"]]
    assert "/lettre/confirmer/" in mail.outbox[0].body


def test_health_check_says_degraded_not_down_when_only_redis_is_unreachable(settings, client, db):
    brancher(settings, "redis://127.0.0.1:1/0")
    reponse = client.get("/healthz")
    assert reponse.status_code == 200  # a load balancer keeps serving from this app server
    assert reponse.json()["statut"] == "degrade" and reponse.json()["cache"] is False


class RedisMuet:
    """A server that accepts connections and never answers (a Redis frozen, or a firewall that drops replies)."""

    def __init__(self):
        self.ecoute = socket.create_server(("127.0.0.1", 0))
        self.port = self.ecoute.getsockname()[1]
        self.connexions = []
        threading.Thread(target=self._accepter, daemon=True).start()

    def _accepter(self):
        while True:
            try:
                connexion, _ = self.ecoute.accept()
            except OSError:
                return
            self.connexions.append(connexion)

    def fermer(self):
        for s in [self.ecoute, *self.connexions]:
            try:
                s.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept() (close alone would not)
            except OSError:
                pass
            s.close()


@pytest.fixture
def redis_muet():
    serveur = RedisMuet()
    yield serveur
    serveur.fermer()


def test_a_silent_redis_costs_one_short_timeout_per_pause_not_one_per_operation(settings, home, redis_muet):
    page = StandardPageFactory(parent=home, title="Assainissement collectif", slug="assainissement")
    brancher(settings, f"redis://127.0.0.1:{redis_muet.port}/0", delai_reponse=0.3, pause_apres_panne=1.5)
    client = Client()

    debut = time.monotonic()
    assert client.get(page.url).status_code == 200
    premiere = time.monotonic() - debut
    assert 0.3 <= premiere < 1.2, "one read timeout, then the page"
    assert len(redis_muet.connexions) == 1

    debut = time.monotonic()
    for _ in range(5):
        reponse = client.get(page.url)
        assert reponse.status_code == 200 and "Assainissement collectif" in texte(reponse)
    assert time.monotonic() - debut < 0.3 * 5, "no operation waits for Redis during the pause"
    assert len(redis_muet.connexions) == 1, "Redis is left alone during the pause"

    time.sleep(1.6)  # the pause is over: Redis is tried again, once
    assert client.get(page.url).status_code == 200
    assert len(redis_muet.connexions) == 2


class Coupure:
    """A TCP relay to the real Redis that can be cut (every connection closed, new ones refused) and restored."""

    def __init__(self, cible):
        self.cible = cible
        self.port = None
        self.ecoute = None
        self.sockets = []
        self.retablir()

    def retablir(self):
        self.ecoute = socket.create_server(("127.0.0.1", self.port or 0))
        self.port = self.ecoute.getsockname()[1]
        threading.Thread(target=self._accepter, args=(self.ecoute,), daemon=True).start()

    def _accepter(self, ecoute):
        while True:
            try:
                client, _ = ecoute.accept()
            except OSError:
                return
            serveur = socket.create_connection(self.cible)
            self.sockets += [client, serveur]
            for de, vers in ((client, serveur), (serveur, client)):
                threading.Thread(target=self._relayer, args=(de, vers), daemon=True).start()

    @staticmethod
    def _relayer(de, vers):
        try:
            while donnees := de.recv(65536):
                vers.sendall(donnees)
        except OSError:
            pass
        finally:
            for s in (de, vers):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def couper(self):
        for s in [self.ecoute, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)  # the listener too: close alone leaves a blocked accept() accepting
            except OSError:
                pass
            s.close()
        self.sockets = []


@pytest.fixture
def redis_coupable():
    try:
        redis.Redis(*REDIS_REEL).ping()
    except redis.ConnectionError:
        pytest.fail("Redis injoignable sur 127.0.0.1:6379 : la CI le démarre (.ci/run), en local `redis-server`.")
    relais = Coupure(REDIS_REEL)
    yield relais
    relais.couper()


def test_a_change_published_while_redis_was_cut_is_shown_once_it_is_back(settings, home, redis_coupable):
    pause = 0.3
    brancher(settings, f"redis://127.0.0.1:{redis_coupable.port}/7", pause_apres_panne=pause)
    page = StandardPageFactory(parent=home, title="Assainissement collectif", slug="assainissement")
    client = Client()
    assert client.get(page.url)["X-Cache"] == "MISS"
    assert client.get(page.url)["X-Cache"] == "HIT"

    redis_coupable.couper()
    reponse = client.get(page.url)
    assert reponse.status_code == 200 and "Assainissement collectif" in texte(reponse)
    # An editor publishes while Redis is cut: the page cache's generation cannot be bumped.
    page.title = "Assainissement non collectif"
    page.save_revision().publish()
    assert "Assainissement non collectif" in texte(client.get(page.url))

    redis_coupable.retablir()
    time.sleep(pause + 0.1)
    reponse = client.get(page.url)
    assert "Assainissement non collectif" in texte(reponse), "the copy stored before the outage is not served"
    assert reponse["X-Cache"] == "MISS"
    assert client.get(page.url)["X-Cache"] == "HIT", "the cache works again"
