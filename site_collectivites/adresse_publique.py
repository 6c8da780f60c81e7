"""The site's one public address (SITE_URL): the source of every absolute URL the site writes.

Sitemap, canonical links, Open Graph, feeds, iCalendar, JSON-LD, QR codes, e-mails, the aides-territoires
feed and robots.txt all write `url_publique(chemin)`, never the request's host nor Wagtail's `Site` record:
a printed QR code or a feed guid cannot be corrected once it has left, so the address must not depend on
how a request reached the server (a health probe on 127.0.0.1, a proxy's internal name). The `Site` record
is set from SITE_URL by `initialiser_site` and checked against it at start-up in production.
"""

from urllib.parse import urlsplit

from django.conf import settings


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
