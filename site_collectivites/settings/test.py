"""Test settings: PostgreSQL only (the real database of production), never SQLite."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DATABASES, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not env("ALLOW_SQLITE_TESTS"):
    raise ImproperlyConfigured(
        "Les tests tournent sur PostgreSQL : définissez DATABASE_URL=postgres://… (voir README)."
    )
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
          for alias in ("default", "renditions")}
# Off, so that query-count tests measure rendering; tests/test_cache_pages.py turns it on.
CACHE_PAGES = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILEMBEDS_FINDERS = [{"class": "site_collectivites.blocks.embeds.LocalEmbedFinder"}]
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing folder
