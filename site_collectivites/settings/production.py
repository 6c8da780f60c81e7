"""Production: PostgreSQL, Redis, an ESP through django-anymail, static files by WhiteNoise."""

from urllib.parse import urlsplit

from site_collectivites.exploitation.courriel import backend_de_production

from .base import *  # noqa: F401,F403
from .base import ANYMAIL_ESP, configuration_journaux, env, env_bool, env_list, require_secret_key, tasks_from_env

DEBUG = False
SECRET_KEY = require_secret_key(env("SECRET_KEY"))

# The public address has no default here: a missing, invalid, local or plain-HTTP SITE_URL, and a Wagtail Site
# that differs from it, fail the deployment check, which the WSGI application also runs as it starts
# (site_collectivites/exploitation/adresse_publique.py): the site refuses to start rather than print a wrong address.
SITE_URL = WAGTAILADMIN_BASE_URL = env("SITE_URL", "").strip().rstrip("/")
ADRESSE_PUBLIQUE_VERIFIEE_AU_DEMARRAGE = True


def _hote_et_origine(url):
    try:
        parties = urlsplit(url)
        parties.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        return None, None
    if parties.scheme not in ("http", "https") or not parties.hostname:
        return None, None
    return parties.hostname, f"{parties.scheme}://{parties.netloc}"


# The host and origin of SITE_URL, unless the environment says otherwise (a probe or a proxy on another name:
# then list the public host too). The origin in CSRF_TRUSTED_ORIGINS lets the admin log in behind a proxy.
hote_public, origine_publique = _hote_et_origine(SITE_URL)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ([hote_public] if hote_public else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or ([origine_publique] if origine_publique else [])

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# JSON lines for the log collector (LOG_FORMAT=plain to read them by eye).
LOGGING = configuration_journaux(env("LOG_FORMAT", "json"))

# HTTPS behind a reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The health check answers over plain HTTP too (a load balancer probing the app server directly).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Preloading is decided for the whole ladrome.fr domain (it needs includeSubDomains on the apex), not by
# this site: the check stays silent unless the Département's IT turns SECURE_HSTS_PRELOAD on.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# Wagtail's admin scripts read the CSRF token from the page (wagtailConfig), never from the cookie.
CSRF_COOKIE_HTTPONLY = True
# An admin session ends with the browser, and after 8 hours at most even if the browser stays open.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Every admin account logs in with a second factor (TOTP); WAGTAIL_2FA_REQUIRED=false only for an emergency.
WAGTAIL_2FA_REQUIRED = env_bool("WAGTAIL_2FA_REQUIRED", True)

# The workers of gunicorn on each app server: the systemd unit sets WEB_CONCURRENCY=3 (2 cores), which gunicorn
# reads as its number of workers; the same default here, so that `check --deploy` run from a shell counts them
# (a local-memory cache is then refused: site_collectivites/cache/partage.py).
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "3"))

# E-mails and other background work go through the database queue, run by `manage.py db_worker`.
TASKS = tasks_from_env("database")

# E-mail through the ESP named by ANYMAIL_ESP (e.g. "brevo"; its ANYMAIL_* keys come from the environment), or an
# EMAIL_BACKEND given explicitly (an SMTP relay). Never the console of the base settings, nor a file, memory or
# dummy backend: without a provider every send fails, nothing of the message is written anywhere, the outboxes
# keep it, and `check --deploy` reports it (site_collectivites/exploitation/courriel.py).
EMAIL_BACKEND = backend_de_production(env("EMAIL_BACKEND", ""), ANYMAIL_ESP)
