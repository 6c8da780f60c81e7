"""A deployment check: several processes serving the site need a cache they share (Redis).

The page cache, its generation (the one number that says every stored page, menu, routing table and facet index
is current: pages.py) and the redirects import between its two screens live in the cache. In local memory, each
gunicorn worker has its own: a change published through one worker bumps its generation only, and the others
keep serving what they stored before for up to CACHE_PAGES_SECONDES, their menus and routing tables longer. So
`check --deploy` refuses a local-memory cache when more than one process serves the site: SERVEURS_APPLICATION
(app servers) × WEB_CONCURRENCY (gunicorn's own variable for its number of workers, which the systemd unit sets).
Image renditions (the `renditions` alias) may stay local: a rendition, once made, does not change.
"""

from django.conf import settings
from django.core import checks

BACKENDS_LOCAUX = ("django.core.cache.backends.locmem.LocMemCache",)


def processus_du_site():
    return settings.SERVEURS_APPLICATION * settings.WEB_CONCURRENCY


def verifier_cache_partage(app_configs=None, **kwargs):
    processus = processus_du_site()
    alias = sorted({"default", settings.CACHE_PAGES_ALIAS})
    locaux = [nom for nom in alias if settings.CACHES.get(nom, {}).get("BACKEND") in BACKENDS_LOCAUX]
    if processus <= 1 or not locaux:
        return []
    return [checks.Error(
        f"Le cache ({', '.join(locaux)}) est en mémoire locale alors que {processus} processus servent le site "
        f"(SERVEURS_APPLICATION={settings.SERVEURS_APPLICATION} × WEB_CONCURRENCY={settings.WEB_CONCURRENCY}) : "
        "chacun garderait ses pages et sa génération, et une page publiée resterait périmée dans les autres.",
        hint="Définissez REDIS_URL (un Redis partagé par tous les serveurs d'application, docs/deploy.md § 3), "
             "ou WEB_CONCURRENCY=1 et SERVEURS_APPLICATION=1 pour un seul processus.",
        id="cache.E001")]
