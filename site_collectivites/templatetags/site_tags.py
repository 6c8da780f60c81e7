"""Template tags of the site-wide layout: SEO head, menus, breadcrumbs, footer."""

from django import template
from django.conf import settings
from django.utils.html import strip_tags

from site_collectivites.models import Navigation, ParametresSite

register = template.Library()


def _site_settings(context, model):
    request = context.get("request")
    return model.for_request(request) if request else None


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """<title>, description, canonical and OpenGraph for a Wagtail page or a plain view.

    Plain views set `titre_page` and optionally `description_page` in their context.
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
        canonical = request.build_absolute_uri(request.path) if request else ""
        image = None
        og_type = "website"
    if image is None and request is not None:
        parametres = ParametresSite.for_request(request)
        image = parametres.image_partage_defaut
    og_image = request.build_absolute_uri(image.get_rendition("fill-1200x630|format-jpeg").url) if image else ""
    full_title = f"{titre} – {site_name}" if titre and titre != site_name else site_name
    return {
        "titre": full_title,
        "og_title": titre or site_name,
        "description": strip_tags(description)[:300],
        "canonical": canonical,
        "og_type": og_type,
        "og_image": og_image,
        "site_name": site_name,
    }


def _links(stream, request, current_path=None):
    liens = []
    for bloc in stream:
        value = bloc.value
        href = value.href
        if not href:
            continue  # a chosen page that was unpublished or deleted
        actif = bool(current_path and not value.is_external and href != "/" and current_path.startswith(href))
        liens.append({"href": href, "text": value.text, "actif": actif})
    return liens


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    navigation = _site_settings(context, Navigation)
    if navigation is None:
        return {"liens": []}
    return {"liens": _links(navigation.menu_principal, request, request.path if request else None)}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    navigation = _site_settings(context, Navigation)
    return {"liens": _links(navigation.liens_pied_de_page, context.get("request")) if navigation else []}


@register.inclusion_tag("includes/newsletter_footer.html", takes_context=True)
def newsletter_footer(context):
    parametres = _site_settings(context, ParametresSite)
    page = parametres.page_lettre if parametres else None
    # The request goes along: the footer's short form records the page it was shown on.
    return {"url_lettre": page.url if page and page.live else None, "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page):
    # Ancestors below the tree root: the site's home and the sections above this page.
    return {"page": page, "ancetres": page.get_ancestors().filter(depth__gte=2)}
