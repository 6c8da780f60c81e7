"""Redirects from the former site's addresses (docs/deploy.md § « Reprendre les adresses de l'ancien site »).

Wagtail's redirects app imports a file of old paths → new addresses. Its « nouvelle adresse » is a URL (the field
is a URLField), so an imported redirect would keep pointing to that URL even after editors move or rename the
page: the old address would then go through Wagtail's automatic redirect of the moved page, two hops, and break
if that one is removed. When the new address is a page of this site, the redirect is tied to the page itself: it
follows the page wherever it goes, in one hop.
"""

from urllib.parse import urlsplit

from wagtail.models import Page, Site

from site_collectivites.adresse_publique import hote_et_port


def page_du_site(lien, site=None):
    """The live page of the site that `lien` (a URL on SITE_URL's host, or a path) shows, or None."""
    parties = urlsplit(lien)
    if parties.netloc:
        hote, port = hote_et_port()
        if parties.hostname != hote or (parties.port or (443 if parties.scheme == "https" else 80)) != port:
            return None
    if parties.query or parties.fragment:
        return None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    chemin = parties.path if parties.path.endswith("/") else parties.path + "/"
    return Page.objects.live().filter(url_path=site.root_page.url_path + chemin.lstrip("/")).first()


def lier_a_la_page(sender, instance, **kwargs):
    """pre_save of Wagtail's Redirect: a redirect to a URL of one of our pages becomes a redirect to the page."""
    if instance.redirect_page_id or not instance.redirect_link:
        return
    page = page_du_site(instance.redirect_link, instance.site)
    if page is not None:
        instance.redirect_page = page
        instance.redirect_link = ""
