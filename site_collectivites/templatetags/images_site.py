"""Wagtail's {% picture %} tag, with its filters parsed once per template and its HTML kept per generation.

Wagtail's node builds new Filter objects from the spec at each render, and each Filter parses its operations
again for every image (`get_cache_key`): for a listing of ten cards with three formats and two widths, 60
parsings per page, about a tenth of the listing's CPU time (cProfile, docs/performance.md). The specs written
in a template never change, so the node keeps the Filters it parsed the first time. Filters hold no state
about an image; computing their cached `operations` twice in two threads gives the same result.

Then, finding nine renditions (three formats, three widths) and writing their <source> and <img> costs more
than the rest of a news item's page: the HTML depends only on the image, the specs and the attributes, so it
is kept per generation of the page cache (saving an image, hence moving its focal point, bumps it).
Load it after wagtailimages_tags: `{% load wagtailimages_tags images_site %}`.
"""

import hashlib

from django import template
from wagtail.images.templatetags.wagtailimages_tags import image as compiler_image

from site_collectivites.cache import par_generation

register = template.Library()


@register.tag(name="picture")
def picture(parser, token):
    noeud = compiler_image(parser, token)
    filtres = noeud.get_filters()
    noeud.get_filters = lambda: filtres
    if not noeud.output_var_name:
        rendre = noeud.render
        noeud.render = lambda context: _html_de_la_generation(noeud, rendre, context)
    return noeud


def _html_de_la_generation(noeud, rendre, context):
    image = noeud.validate_image(context)
    if not image:
        return ""
    attributs = sorted((nom, str(valeur.resolve(context))) for nom, valeur in noeud.attrs.items())
    # Without an `alt` attribute the tag writes the image's alternative text in context (a gallery's photo carries
    # its own, or none when decorative): one image may be shown with two texts, so they are part of the key.
    contexte_alt = (getattr(image, "contextual_alt_text", None), getattr(image, "decorative", False))
    empreinte = hashlib.sha256(repr((noeud.filter_specs, attributs, contexte_alt)).encode()).hexdigest()[:32]
    return par_generation.valeur(par_generation.cle("picture", image.pk, empreinte), lambda: rendre(context))


def url_de_rendition(image, spec):
    """The URL of one rendition of `image` (the sharing image of a page), kept per generation."""
    return par_generation.valeur(par_generation.cle("rendition", image.pk, spec), lambda: image.get_rendition(spec).url)


@register.simple_tag(name="url_rendition")
def url_rendition(image, spec):
    """{% url_rendition image "max-1600x1600" %}: the URL of that rendition, kept per generation (a gallery's
    larger photos: one lookup per photo and per change, not per view)."""
    return url_de_rendition(image, spec) if image else ""
