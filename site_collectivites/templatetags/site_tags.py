"""Template tags of the site-wide layout: SEO head, menus, breadcrumbs, footer."""

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from site_collectivites.cache import par_generation
from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.cache.navigation import FORMAT_IMAGE_PARTAGE, navigation_du_site
from site_collectivites.referencement.jsonld import departement, fil_ariane, nonce_de, script_jsonld
from site_collectivites.templatetags.images_site import url_de_rendition

register = template.Library()


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """<title>, description, canonical and OpenGraph for a Wagtail page or a plain view.

    Plain views set `titre_page` and optionally `description_page` in their context; a page whose form came back
    with errors sets `erreur_de_formulaire`. Every URL is absolute on
    SITE_URL (adresse_publique.py), never on the request's host.
    """
    request = context.get("request")
    page = context.get("page")
    site_name = settings.WAGTAIL_SITE_NAME
    if page is not None and hasattr(page, "get_meta_description"):
        titre = page.seo_title or page.title
        description = page.get_meta_description()
        canonical = page.get_full_url(request)
        image = page.get_og_image() if hasattr(page, "get_og_image") else None
        og_type = "website" if page.depth <= 2 else "article"
    else:
        titre = context.get("titre_page", "")
        description = context.get("description_page", "")
        canonical = url_publique(request.path) if request else ""
        image = None
        og_type = "website"
    if image is not None:
        og_image = url_publique(url_de_rendition(image, FORMAT_IMAGE_PARTAGE))
    else:
        defaut = (navigation_du_site(request) or {}).get("image_partage")
        og_image = url_publique(defaut) if defaut else ""
    full_title = f"{titre} – {site_name}" if titre and titre != site_name else site_name
    if context.get("erreur_de_formulaire"):
        # A form sent back with errors says so first in the tab's title, the first thing a screen reader reads.
        full_title = f"Erreur – {full_title}"
    return {
        "titre": full_title,
        "og_title": titre or site_name,
        "description": strip_tags(description)[:300],
        "canonical": canonical,
        "og_type": og_type,
        "og_image": og_image,
        "site_name": site_name,
    }


@register.simple_tag(takes_context=True)
def navigation(context):
    """Menus, footer and contact details of the site (site_collectivites/cache/navigation.py)."""
    return navigation_du_site(context.get("request")) or {}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    chemin = request.path if request else None
    liens = [
        {**lien, "actif": bool(chemin and not lien["externe"] and lien["href"] != "/" and chemin.startswith(lien["href"]))}
        for lien in navigation(context).get("menu", [])
    ]
    return {"liens": liens}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    return {"liens": navigation(context).get("pied", [])}


@register.inclusion_tag("includes/newsletter_footer.html", takes_context=True)
def newsletter_footer(context):
    # The request goes along: the footer's short form records the page it was shown on.
    return {"url_lettre": navigation(context).get("url_lettre"), "request": context.get("request")}


def ancetres(request, page):
    """[{"url", "title"}] of the ancestors below the tree root: the site's home, then the sections above `page`.

    The same for every child of a parent: read once per generation of the page cache (a preview of a page not
    yet saved has no path, and is computed). URLs with the request: Wagtail then reads the site root paths once
    per request instead of once per link."""

    def calculer():
        return [{"url": a.get_url(request), "title": a.title} for a in page.get_ancestors().filter(depth__gte=2)]

    if not page.path:
        return calculer()
    site = Site.find_for_request(request) if request is not None else None
    return par_generation.valeur(par_generation.cle("fil-ariane", site.pk if site else "-", page.path[: -Page.steplen]),
                                 calculer)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, sous_page="", url_page=""):
    """The breadcrumb trail, and the same as schema.org's BreadcrumbList for search engines.

    `sous_page`: the name of a route below `page` (a partner of the partners' page, a canton of the bilan), then
    the current item; `page` is then a link (to `url_page` when given: the bilan of the year shown)."""
    request = context.get("request")
    liste = ancetres(request, page)
    url = url_page or page.get_url(request) or ""
    elements = [("Accueil" if rang == 0 else a["title"], a["url"]) for rang, a in enumerate(liste)]
    elements.append((page.title, url))
    if sous_page:
        elements.append((sous_page, request.path if request else url))
    return {"page": page, "ancetres": liste, "sous_page": sous_page, "url_page": url,
            "jsonld": script_jsonld(fil_ariane(elements), nonce_de(request))}


@register.simple_tag(takes_context=True)
def identite_du_site(context):
    """The header's names and logo from the site settings (ParametresSite), or None (the mark's defaults)."""
    return (navigation_du_site(context.get("request")) or {}).get("identite")


@register.simple_tag(takes_context=True)
def jsonld_departement(context):
    """The Département that publishes the site, for search engines, with the contact of the site settings:
    written once, on the home page."""
    request = context.get("request")
    contact = (navigation_du_site(request) or {}).get("contact")
    return script_jsonld(departement(contact), nonce_de(request))


@register.simple_tag(takes_context=True)
def url_du_parent(context, page):
    """The URL of the page's parent ("Toutes les actualités", "Tout l'agenda"), from the breadcrumbs' memory."""
    liste = ancetres(context.get("request"), page)
    return liste[-1]["url"] if liste else None
