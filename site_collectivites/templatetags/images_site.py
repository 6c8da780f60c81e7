"""Wagtail's {% picture %} tag, with its filters parsed once per template instead of at every render.

Wagtail's node builds new Filter objects from the spec at each render, and each Filter parses its operations
again for every image (`get_cache_key`): for a listing of ten cards with three formats and two widths, 60
parsings per page, about a tenth of the listing's CPU time (cProfile, docs/performance.md). The specs written
in a template never change, so the node keeps the Filters it parsed the first time. Filters hold no state
about an image; computing their cached `operations` twice in two threads gives the same result.
Load it after wagtailimages_tags: `{% load wagtailimages_tags images_site %}`.
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import image as compiler_image

register = template.Library()


@register.tag(name="picture")
def picture(parser, token):
    noeud = compiler_image(parser, token)
    filtres = noeud.get_filters()
    noeud.get_filters = lambda: filtres
    return noeud
