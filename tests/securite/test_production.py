"""Production settings: HTTPS only, cookies, sessions (read in a fresh interpreter, as wsgi.py would)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.test_configuration import SETUP_PRODUCTION, _run_python

SECRET = "k" * 20 + "Zq8!vP2#mL5@xR9$wT3%yU6^nB1&cD4*eF7(gH0)"
RACINE = Path(__file__).resolve().parents[2]
# What the deployment checks read, left to each test (the environment of the machine running the tests aside).
VARIABLES_VERIFIEES = {"REDIS_URL", "WEB_CONCURRENCY", "SERVEURS_APPLICATION", "EMAIL_BACKEND", "ANYMAIL_ESP",
                       "DJANGO_SETTINGS_MODULE"}


def check_deploy(etiquette, **env):
    """(exit status, output) of `manage.py check --deploy --tag <etiquette>` with production settings and `env`."""
    environnement = {cle: valeur for cle, valeur in os.environ.items()
                     if cle not in VARIABLES_VERIFIEES and not cle.startswith("ANYMAIL_")}
    environnement.update(DJANGO_SETTINGS_MODULE="site_collectivites.settings.production", SECRET_KEY=SECRET,
                         SITE_URL="https://collectivites.ladrome.fr", **env)
    resultat = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--tag", etiquette], cwd=RACINE,
                              env=environnement, capture_output=True, text=True, timeout=120)
    return resultat.returncode, resultat.stdout + resultat.stderr


def reglages_production(*noms, **env):
    code = SETUP_PRODUCTION + ";from django.conf import settings as s;" + "".join(
        f"print({nom!r}, repr(getattr(s, {nom!r}, None)));" for nom in noms
    )
    resultat = _run_python(code, SECRET_KEY=SECRET, ALLOWED_HOSTS="collectivites.ladrome.fr", **env)
    assert resultat.returncode == 0, resultat.stderr
    return dict(ligne.split(" ", 1) for ligne in resultat.stdout.splitlines()[1:])


def test_production_is_https_only_with_secure_httponly_cookies():
    reglages = reglages_production(
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SESSION_COOKIE_AGE", "SECURE_CONTENT_TYPE_NOSNIFF",
    )
    assert reglages == {
        "SECURE_SSL_REDIRECT": "True", "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
        "SESSION_COOKIE_SECURE": "True", "SESSION_COOKIE_HTTPONLY": "True", "CSRF_COOKIE_SECURE": "True",
        "CSRF_COOKIE_HTTPONLY": "True", "SESSION_EXPIRE_AT_BROWSER_CLOSE": "True", "SESSION_COOKIE_AGE": "28800",
        "SECURE_CONTENT_TYPE_NOSNIFF": "True",
    }


def test_production_public_policy_allows_no_inline_script_or_style():
    reglages = reglages_production("CONTENT_SECURITY_POLICY")
    politique = reglages["CONTENT_SECURITY_POLICY"]
    assert "unsafe-inline" not in politique and "unsafe-eval" not in politique


def test_production_logs_json_lines_unless_told_otherwise():
    assert "'json'" in reglages_production("LOGGING")["LOGGING"].split("'formatters': {")[1][:10]
    assert "'plain'" in reglages_production("LOGGING", LOG_FORMAT="plain")["LOGGING"].split("'formatters': {")[1][:10]
