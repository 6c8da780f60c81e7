"""Settings shared by every environment. Values that vary come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "site_collectivites"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env(default_url):
    url = env("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=int(env("DB_CONN_MAX_AGE", "60")))
    except Exception as exc:  # dj_database_url raises bare ValueError/KeyError on junk
        raise ImproperlyConfigured(f"DATABASE_URL invalide : {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # A busy timeout lets the dev server and a management command share the file.
        config.setdefault("OPTIONS", {})["timeout"] = 20
    return config


DEBUG = False
SECRET_KEY = env("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's and Django's (404, 500…).
    "site_collectivites",
    "site_collectivites.taxonomie",
    "site_collectivites.territoire",
    "agenda",
    "offres",
    "demandes",
    "demandes.bilan",
    "newsletter",
    # The top floor: the root URLconf, the home page's lists and the search assemble every app above.
    "portail",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "anymail",  # ESP webhooks (newsletter bounces and complaints) and, in production, the e-mail backend
    "csp",
    "axes",
    "wagtail_2fa",
    "django_zxcvbn_password_validator",  # for its French messages
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous pages from the cache (site_collectivites/cache/pages.py): before CSP, sessions and
    # authentication, so that a hit costs no SQL and keeps the CSP header stored with its HTML.
    "site_collectivites.cache.pages.CachePagesMiddleware",
    # Content Security Policy (strict on the public site, looser under /admin/: site_collectivites/securite/csp.py)
    # and Permissions-Policy, on every response including WhiteNoise's static files.
    "site_collectivites.securite.csp.CSPMiddlewareParChemin",
    "site_collectivites.securite.entetes.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL byte in the URL: 400 before any view passes it to PostgreSQL (site_collectivites/exploitation/middleware.py).
    "site_collectivites.exploitation.middleware.OctetNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor (TOTP) for admin accounts when WAGTAIL_2FA_REQUIRED; after authentication. wagtail-2fa's,
    # without its 404 on Wagtail's previews (site_collectivites/securite/double_facteur.py).
    "site_collectivites.securite.double_facteur.VerificationDeuxiemeFacteur",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_collectivites.exploitation.middleware.BaseIndisponibleMiddleware",
    # Login lockout (django-axes): last, as its documentation requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portail.urls"
WSGI_APPLICATION = "site_collectivites.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by several app servers), local memory otherwise. Image renditions
# have their own alias (Wagtail reads "renditions"), so that the page cache's churn never evicts them.
# Redis is an accelerator, not a dependency (site_collectivites/cache/redis.py): unreachable, it answers as an empty
# cache within these delays, and is left alone for REDIS_PAUSE_APRES_PANNE seconds after a failure.
REDIS_URL = env("REDIS_URL")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "collectivites")
REDIS_DELAI_CONNEXION = float(env("REDIS_DELAI_CONNEXION", "0.25"))
REDIS_DELAI_REPONSE = float(env("REDIS_DELAI_REPONSE", "0.5"))
REDIS_PAUSE_APRES_PANNE = float(env("REDIS_PAUSE_APRES_PANNE", "10"))


def caches_redis(url, prefixe, delai_connexion=REDIS_DELAI_CONNEXION, delai_reponse=REDIS_DELAI_REPONSE,
                 pause_apres_panne=REDIS_PAUSE_APRES_PANNE):
    """The two aliases on the Redis at `url` (also used by the tests, against a dead Redis)."""
    return {
        alias: {
            "BACKEND": "site_collectivites.cache.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{prefixe}{suffixe}",
            "TIMEOUT": None if alias == "renditions" else 300,
            "OPTIONS": {"socket_connect_timeout": delai_connexion, "socket_timeout": delai_reponse,
                        "pause_apres_panne": pause_apres_panne},
        }
        for alias, suffixe in (("default", ""), ("renditions", ":renditions"))
    }


if REDIS_URL:
    CACHES = caches_redis(REDIS_URL, CACHE_KEY_PREFIX)
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions",
                       "OPTIONS": {"MAX_ENTRIES": 5000}},
    }

# How many processes serve the site: app servers × gunicorn workers (WEB_CONCURRENCY, gunicorn's own variable).
# More than one needs a shared cache, REDIS_URL: `check --deploy` refuses local memory then (cache/partage.py).
SERVEURS_APPLICATION = int(env("SERVEURS_APPLICATION", "1"))
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "1"))

# Whole-page cache for anonymous visitors (site_collectivites/cache/pages.py, docs/performance.md). Several app
# servers need REDIS_URL: with local memory each process has its own cache and its own invalidation.
CACHE_PAGES = env_bool("CACHE_PAGES", True)
CACHE_PAGES_ALIAS = "default"
CACHE_PAGES_SECONDES = int(env("CACHE_PAGES_SECONDES", "300"))  # also the CDN's s-maxage
CACHE_PAGES_NAVIGATEUR_SECONDES = int(env("CACHE_PAGES_NAVIGATEUR_SECONDES", "60"))  # the browser's max-age
# Pages each process keeps in its own memory (checked against the shared generation at every hit): ~30 KB each.
CACHE_PAGES_COPIES_LOCALES = int(env("CACHE_PAGES_COPIES_LOCALES", "256"))
# Variants of one path stored (URLs with declared query parameters: filters, words, page numbers) per generation
# and CACHE_PAGES_SECONDES; more are served uncached (site_collectivites/cache/cles.py).
CACHE_PAGES_VARIANTES = int(env("CACHE_PAGES_VARIANTES", "100"))
# /suivi-demande/: the requesters' private pages (docs/demandes.md), never stored nor looked up.
CACHE_PAGES_EXCLUSIONS = ["/admin/", "/django-admin/", "/documents/", "/healthz", "/anymail/", "/static/", "/media/",
                          "/suivi-demande/"]
# Models shown on pages that are neither pages, snippets, settings, images nor documents. AideEtat: the State
# aids on the aids listing, kept per generation (offres/filtres_aides.py); their import is one transaction, so
# its bump after the commit also covers their thématiques (a many-to-many change sends no post_save).
# The territory: a réalisation shows its commune, cantons and EPCI; a change from the admin or a shell refreshes
# them (the import writes communes in bulk, without signals, and bumps the generation itself).
# Beneficiaire: a fixed list seeded by a migration, shown on offers and aids (site_collectivites/cache/liens.py).
CACHE_PAGES_MODELES = ["bilan.BilanFige", "offres.AideEtat", "offres.Beneficiaire", "territoire.Commune",
                       "territoire.Canton", "territoire.Epci"]

# A CDN or reverse-proxy cache in front: purged by wagtail.contrib.frontend_cache on publish and unpublish.
# FRONTEND_CACHE_PURGE_URL is the address that accepts PURGE requests (Varnish, nginx proxy_cache_purge).
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_PURGE_URL},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Strength estimated by zxcvbn (dictionary words, dates, keyboard patterns, l33t): "Ladrome2026!" passes
    # the rules above but not this one. 3 of 4 ("safely unguessable"); French messages.
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 3
# Words of this site that make a password easy to guess.
PASSWORD_EXTRA_DICTIONARY = ["drome", "departement", "ladrome", "valence", "collectivites", "ingenierie", "wagtail"]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail: console by default; production picks an ESP through django-anymail.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Département de la Drôme <ne-pas-repondre@collectivites.ladrome.fr>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# ANYMAIL_ESP names the provider ("brevo", "mailjet"…); every other ANYMAIL_<KEY> variable becomes
# ANYMAIL["<KEY>"], e.g. ANYMAIL_BREVO_API_KEY, ANYMAIL_WEBHOOK_SECRET.
ANYMAIL_ESP = env("ANYMAIL_ESP", "")
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_ESP"
}

# Newsletter (docs/newsletter.md): sender, confirmation link lifetime, batch size, retention, bounce threshold.
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_CONFIRMATION_JOURS = int(env("NEWSLETTER_CONFIRMATION_JOURS", "7"))
NEWSLETTER_PURGE_NON_CONFIRMES_JOURS = int(env("NEWSLETTER_PURGE_NON_CONFIRMES_JOURS", "30"))
NEWSLETTER_INACTIVITE_JOURS = int(env("NEWSLETTER_INACTIVITE_JOURS", str(3 * 365)))
NEWSLETTER_DELAI_RENOUVELLEMENT_JOURS = int(env("NEWSLETTER_DELAI_RENOUVELLEMENT_JOURS", "30"))
NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES = int(env("NEWSLETTER_SEUIL_REBONDS_TEMPORAIRES", "3"))
NEWSLETTER_TAILLE_LOT = int(env("NEWSLETTER_TAILLE_LOT", "100"))

# Background tasks (django-tasks). "immediate" runs a task inside the request that enqueues it (dev, tests);
# "database" stores it for the worker process `manage.py db_worker` (production, the default there).
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_from_env(default):
    name = env("TASKS_BACKEND", default)
    if name not in TASKS_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND doit valoir {' ou '.join(TASKS_BACKENDS)} (reçu : {name!r}).")
    return {"default": {"BACKEND": TASKS_BACKENDS[name], "QUEUES": ["default"]}}


TASKS = tasks_from_env("immediate")
# A task « running » for longer than this was left by a killed worker: `reprendre_taches_interrompues` requeues it.
TACHES_DUREE_MAX_MINUTES = int(env("TACHES_DUREE_MAX_MINUTES", "30"))

# Wagtail
WAGTAIL_SITE_NAME = "Ingénierie publique – Département de la Drôme"
# The site's one public address: every absolute URL it writes starts with it (site_collectivites/exploitation/adresse_publique.py).
# Locally, the address `make run` serves (HOST and PORT of the Makefile).
SITE_URL = env("SITE_URL", f"http://{env('HOST', '127.0.0.1')}:{env('PORT', '8000')}").rstrip("/")
# Wagtail's admin links in its own e-mails: the same address (WAGTAILADMIN_BASE_URL is no longer read).
WAGTAILADMIN_BASE_URL = SITE_URL
# Production's WSGI application refuses to start on a wrong public address (adresse_publique.py, production.py).
ADRESSE_PUBLIQUE_VERIFIEE_AU_DEMARRAGE = False
WAGTAIL_I18N_ENABLED = False
# Page addresses in ASCII: the admin's slug field folds accents (« éclairage » → « eclairage ») instead of keeping
# them percent-encoded in every URL; apostrophes become word breaks (site_collectivites/models/adresses.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Dates in the admin as the editors write them: 31/03/2027, 31/03/2027 14:30. The widgets show them so and their
# picker reads them so; the server reads these and ISO (2027-03-31), French's DATE_INPUT_FORMATS and
# DATETIME_INPUT_FORMATS to which Django adds the ISO formats. What cannot be read is an error beside the field,
# never replaced: the picker no longer validates on blur (site_collectivites/widgets.py).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "png", "bmp": "png"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Never SVG: an SVG is a document that can carry scripts, shown inline from our own origin.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a "decompression bomb" is refused before being decoded
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are served by Wagtail's view (WAGTAILDOCS_SERVE_METHOD below), never by nginx: as attachments,
# except PDF; with "Content-Security-Policy: default-src 'none'" and nosniff (Wagtail's defaults, kept).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Uploads go through the virus scan when ClamAV is configured (site_collectivites/securite/antivirus.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site_collectivites.securite.formulaires_medias.FormulaireDocument"
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_collectivites.securite.formulaires_medias.FormulaireImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Off: Wagtail's responsive wrapper is a style="padding-bottom: …" attribute, which the CSP forbids;
# site.css sizes the player with aspect-ratio instead (.video__lecteur iframe).
WAGTAILEMBEDS_RESPONSIVE_HTML = False
_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, told which configuration autocompletion uses (site_collectivites/recherche.py).
        "BACKEND": "site_collectivites.recherche",
        # French stemming that ignores accents on PostgreSQL (created by migration 0004); the SQLite
        # fallback has no such configuration.
        "SEARCH_CONFIG": "french_unaccent" if _POSTGRESQL else None,
        # The admin's searches (autocompletion, prefixes of words): no stemming, no accents (migration 0008).
        "AUTOCOMPLETE_CONFIG": "simple_unaccent" if _POSTGRESQL else None,
    }
}
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Its e-mail through the outbox, its requests limited, its link on SITE_URL (securite/reinitialisation.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "site_collectivites.securite.reinitialisation.FormulaireReinitialisation"
# The redirects import reads the uploaded file in two requests (columns, then import): kept in the shared cache,
# not in one app server's /tmp, which the second request may not reach (docs/deploy.md).
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"
# No Gravatar: it would send a hash of every editor's e-mail address to a third party (RGPD) and needs an
# exception in the admin's Content Security Policy. Editors may upload an avatar in their account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

LOGIN_URL = "wagtailadmin_login"
# A form refused for its CSRF token says so in French, in the site's layout (site_collectivites/views.py).
CSRF_FAILURE_VIEW = "site_collectivites.views.echec_csrf"

# Login lockout (django-axes, docs/securite.md): after AXES_FAILURE_LIMIT failed logins for one user name from
# one IP, that pair is refused for AXES_COOLOFF_MINUTES. The pair, not the IP alone: the Département's agents
# share a few outgoing addresses, and one mistyping colleague must not lock everybody out. And after
# CONNEXION_ECHECS_PAR_COMPTE failures for one user name from any IPs within the cool-off, that account is
# refused from every IP (our handler, site_collectivites/securite/connexion.py: axes has one limit only).
# Attempts are rows in the database (shared by every app server, visible in the admin); the IP is the one our
# rate limits use.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "site_collectivites.securite.connexion.GestionnaireConnexions"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
CONNEXION_ECHECS_PAR_COMPTE = int(env("CONNEXION_ECHECS_PAR_COMPTE", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no « AXES: BEGIN version … » line at every start of every command
AXES_CLIENT_IP_CALLABLE = "site_collectivites.securite.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "site_collectivites.securite.connexion.reponse_verrouillage"

# Second factor for the admin (wagtail-2fa on django-otp: TOTP with an authenticator app, enrolled by QR code).
# Required in production; off by default elsewhere so that `make run`'s demo account logs in with a password.
WAGTAIL_2FA_REQUIRED = env_bool("WAGTAIL_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = "Ingénierie publique Drôme"

# Security headers, the same in every environment so that dev and tests see what production sends
# (docs/securite.md). HTTPS-only settings (HSTS, secure cookies, redirect) are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Browser features the site never uses, refused to the page and to anything it embeds.
PERMISSIONS_POLICY = {
    fonction: []
    for fonction in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
                     "payment", "usb")
}
# Content Security Policy (django-csp 4): no inline script or style on public pages; the JSON-LD of events
# carries the request's nonce. Videos embedded in pages come from these players (oEmbed providers of
# Wagtail); CSP_FRAME_SRC adds others, e.g. a PeerTube instance.
CSP_SOURCES_VIDEOS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
    *env_list("CSP_FRAME_SRC"),
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *CSP_SOURCES_VIDEOS],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin writes inline scripts and styles (wagtail/wagtail#1288): 'unsafe-inline' there only,
# never 'unsafe-eval'; blob: for image previews before upload. See site_collectivites/securite/csp.py.
CSP_PREFIXES_ADMIN = ("/admin/",)
CSP_POLITIQUE_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}

# aides-territoires API, for `manage.py import_aides_etat` (the State aids shown beside ours).
AIDES_TERRITOIRES_URL = env("AIDES_TERRITOIRES_URL", "https://aides-territoires.beta.gouv.fr")
AIDES_TERRITOIRES_TOKEN = env("AIDES_TERRITOIRES_TOKEN", "")

# Demandes: daily reminder of assignments left « à traiter » after this many days; personal data of closed
# demandes erased after this many days (docs/demandes.md).
DEMANDES_RELANCE_JOURS = int(env("DEMANDES_RELANCE_JOURS", "10"))
DEMANDES_CONSERVATION_JOURS = int(env("DEMANDES_CONSERVATION_JOURS", "1095"))
# Registrations to events lose the person's data this many days after the event (the counts stay).
AGENDA_CONSERVATION_INSCRIPTIONS_JOURS = int(env("AGENDA_CONSERVATION_INSCRIPTIONS_JOURS", "92"))

# Optional virus scan of uploads by clamd (site_collectivites/securite/antivirus.py): a unix socket, or a host and port.
CLAMAV_SOCKET = env("CLAMAV_SOCKET", "")
CLAMAV_HOST = env("CLAMAV_HOST", "")
CLAMAV_PORT = int(env("CLAMAV_PORT", "3310"))
CLAMAV_TIMEOUT = int(env("CLAMAV_TIMEOUT", "10"))

# Number of reverse proxies in front of the app servers (nginx: 1); the client IP used by rate limits is
# then read from X-Forwarded-For. 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

FORMATS_JOURNAUX = {
    "plain": {"()": "site_collectivites.exploitation.journalisation.FormatTexte",
              "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    "json": {"()": "site_collectivites.exploitation.journalisation.FormatJson"},
}


def configuration_journaux(format_journal):
    """Logging to the console (journald under systemd), as plain text or JSON lines, personal data masked."""
    if format_journal not in FORMATS_JOURNAUX:
        raise ImproperlyConfigured(f"LOG_FORMAT doit valoir {' ou '.join(FORMATS_JOURNAUX)} (reçu : {format_journal!r}).")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"donnees_personnelles": {"()": "site_collectivites.exploitation.journalisation.MasqueDonneesPersonnelles"}},
        "formatters": {format_journal: FORMATS_JOURNAUX[format_journal]},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": format_journal,
                        "filters": ["donnees_personnelles"]},
        },
        "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
        # One line per background task is noise at INFO (search index, reference index updates).
        "loggers": {"django_tasks": {"level": "WARNING"}},
    }


LOGGING = configuration_journaux(env("LOG_FORMAT", "plain"))

# /healthz fails when a task has waited this long for the worker (site_collectivites/exploitation/sante.py).
HEALTHZ_TACHES_RETARD_MINUTES = int(env("HEALTHZ_TACHES_RETARD_MINUTES", "15"))
# E-mails of the outbox due for longer than this turn /healthz to « degrade » (site_collectivites/courrier/).
HEALTHZ_COURRIELS_RETARD_MINUTES = int(env("HEALTHZ_COURRIELS_RETARD_MINUTES", "30"))
# The outbox keeps a sent (or abandoned) e-mail this long, then `purger_courriels` deletes it: it holds addresses
# and personal links (docs/courriels.md, the register of docs/donnees-personnelles.md).
COURRIELS_CONSERVATION_JOURS = int(env("COURRIELS_CONSERVATION_JOURS", "30"))


def require_secret_key(key):
    """Refuse to run with an empty or placeholder secret (used by production settings)."""
    if not key or len(key) < 50 or key.startswith("django-insecure") or len(set(key)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY doit être fourni par l'environnement (au moins 50 caractères aléatoires)."
        )
    return key
