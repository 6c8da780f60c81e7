"""The site's one public address (SITE_URL): the source of every absolute URL the site writes.

Sitemap, canonical links, Open Graph, feeds, iCalendar, JSON-LD, QR codes, e-mails, the aides-territoires
feed and robots.txt all write `url_publique(chemin)`, never the request's host nor Wagtail's `Site` record:
a printed QR code or a feed guid cannot be corrected once it has left, so the address must not depend on
how a request reached the server (a health probe on 127.0.0.1, a proxy's internal name). Pages get it through
`BasePage.get_url_parts` (site_collectivites/models/pages.py), which every full URL of Wagtail goes through.

The `Site` record is set from SITE_URL by `initialiser_site`. In production a deployment check (below) refuses a
SITE_URL that is missing, invalid, local or not HTTPS, and a default `Site` that is local or differs from it;
`check --deploy` runs it, and so does the WSGI application as it starts (wsgi.py): Django itself runs no system
check under gunicorn.
"""

import ipaddress
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# The tag of the check below: `manage.py check --deploy --tag adresse_publique` runs it alone.
ETIQUETTE = "adresse_publique"
CONSEIL_SITE = ("Lancez « manage.py initialiser_site », qui règle le Site par défaut (nom d'hôte, port 443 ou 80) "
                "d'après SITE_URL.")


def site_url():
    """SITE_URL without its trailing slash, e.g. « https://collectivites.ladrome.fr »."""
    return settings.SITE_URL.rstrip("/")


def url_publique(chemin=""):
    """The absolute public URL of a path of the site (« /agenda/ » → « https://…/agenda/ »).

    An already absolute URL (a page on another Wagtail site, an external link) is returned unchanged.
    """
    if not chemin:
        return site_url() + "/"
    if urlsplit(chemin).scheme:
        return chemin
    return site_url() + ("" if chemin.startswith("/") else "/") + chemin


def hote_et_port():
    """(hostname, port) of SITE_URL, the values of Wagtail's `Site` record: 443 or 80 from the scheme."""
    parties = urlsplit(site_url())
    return parties.hostname or "", parties.port or (443 if parties.scheme == "https" else 80)


def est_hote_local(hote):
    """localhost, *.localhost, a loopback or unspecified address (127.0.0.1, ::1, 0.0.0.0): never a public host."""
    hote = (hote or "").strip("[]").lower()
    if hote == "localhost" or hote.endswith(".localhost"):
        return True
    try:
        adresse = ipaddress.ip_address(hote)
    except ValueError:
        return False
    return adresse.is_loopback or adresse.is_unspecified


def problemes_site_url(valeur):
    """The errors of SITE_URL as production needs it: an https://host[:port] address, public."""
    if not valeur:
        return [checks.Error(
            "SITE_URL n'est pas défini : le site ne connaît pas son adresse publique.",
            hint="Ajoutez SITE_URL=https://collectivites.ladrome.fr (l'adresse publique du site) à l'environnement.",
            id="adresse_publique.E001")]
    parties = urlsplit(valeur)
    try:
        parties.port
    except ValueError:
        port_valide = False
    else:
        port_valide = True
    if (parties.scheme not in ("http", "https") or not parties.hostname or not port_valide or parties.username
            or parties.password or parties.path not in ("", "/") or parties.query or parties.fragment):
        return [checks.Error(
            f"SITE_URL invalide : {valeur!r}.",
            hint="SITE_URL est une origine seule : https://nom-d-hote, éventuellement :port, sans chemin.",
            id="adresse_publique.E002")]
    erreurs = []
    if parties.scheme != "https":
        erreurs.append(checks.Error(
            f"SITE_URL n'est pas en HTTPS : {valeur!r}.",
            hint="En production, le site est servi en HTTPS : SITE_URL commence par https://.",
            id="adresse_publique.E003"))
    if est_hote_local(parties.hostname):
        erreurs.append(checks.Error(
            f"SITE_URL désigne la machine locale : {valeur!r}.",
            hint="SITE_URL est l'adresse que les visiteurs tapent, pas celle du serveur d'application.",
            id="adresse_publique.E004"))
    return erreurs


def problemes_site(site, valeur):
    """The errors of Wagtail's default `Site` (None: there is none) against SITE_URL."""
    if site is None:
        return [checks.Error("Aucun Site Wagtail par défaut.", hint=CONSEIL_SITE, id="adresse_publique.E005")]
    if est_hote_local(site.hostname):
        return [checks.Error(
            f"Le Site Wagtail par défaut est la machine locale ({site.hostname}:{site.port}) : c'est celui que "
            "crée une base neuve.", hint=CONSEIL_SITE, id="adresse_publique.E006")]
    parties = urlsplit(valeur or "")
    try:
        attendu = ((parties.hostname or "").lower(), parties.port or (443 if parties.scheme == "https" else 80))
    except ValueError:
        return []  # an invalid SITE_URL is reported by problemes_site_url
    if valeur and (site.hostname.lower(), site.port) != attendu:
        return [checks.Error(
            f"Le Site Wagtail par défaut ({site.hostname}:{site.port}) diffère de SITE_URL ({valeur}, soit "
            f"{attendu[0]}:{attendu[1]}).", hint=CONSEIL_SITE, id="adresse_publique.E007")]
    return []


def site_par_defaut():
    """(Wagtail's default Site or None, a warning or None): reads the database only once its table exists.

    Before the first `migrate` there is no table to read: a warning, never an exception, so that a fresh
    database still migrates and `check --deploy` still lists everything else. The same if the database cannot
    be reached: the site then starts and answers 503 (middleware.py), as for any outage."""
    from django.db import DatabaseError, connection
    from wagtail.models import Site

    try:
        if Site._meta.db_table not in connection.introspection.table_names():
            return None, checks.Warning(
                "La table des Sites Wagtail n'existe pas encore : le Site n'est pas vérifié.",
                hint="Lancez « manage.py migrate », puis « manage.py initialiser_site ».", id="adresse_publique.W001")
        return Site.objects.filter(is_default_site=True).first(), None
    except DatabaseError as erreur:
        return None, checks.Warning(f"Base de données injoignable, Site non vérifié : {erreur}".strip(),
                                    id="adresse_publique.W002")


def verifier_adresse_publique(app_configs=None, **kwargs):
    """The deployment check (registered in apps.py): SITE_URL, and the default Site against it."""
    valeur = site_url()
    problemes = problemes_site_url(valeur)
    site, avertissement = site_par_defaut()
    if avertissement is not None:
        return problemes + [avertissement]
    return problemes + problemes_site(site, valeur)


def refuser_une_adresse_fausse():
    """Run by wsgi.py as the application starts (in production, ADRESSE_PUBLIQUE_VERIFIEE_AU_DEMARRAGE): raise
    ImproperlyConfigured on any error of the check above, so that no worker serves a page with a wrong address.

    gunicorn then logs the reason and stops: a worker that cannot load the application ends with « Worker failed
    to boot » and takes the arbiter with it. Warnings (database not migrated or unreachable) are logged only."""
    if not getattr(settings, "ADRESSE_PUBLIQUE_VERIFIEE_AU_DEMARRAGE", False):
        return
    from django.db import connections

    try:
        messages = checks.run_checks(tags=[ETIQUETTE], include_deployment_checks=True)
    finally:
        # A connection opened while loading the application must not outlive it (gunicorn --preload forks it).
        connections.close_all()
    messages = [m for m in messages if not m.is_silenced()]
    for message in messages:
        if not message.is_serious():
            logger.warning("%s", message)
    erreurs = [m for m in messages if m.is_serious()]
    if erreurs:
        raise ImproperlyConfigured("Le site refuse de démarrer : son adresse publique est fausse.\n"
                                   + "\n".join(str(erreur) for erreur in erreurs))
