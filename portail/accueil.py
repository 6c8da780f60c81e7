"""The home page's lists: latest news, next events, featured réalisations.

The home page (HomePage, on the ground floor) may not import the apps that hold them: it asks the Wagtail hook
« sections_accueil » (site_collectivites/models/pages.py), which this app answers with `sections`
(wagtail_hooks.py).
"""

import time

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Site

from agenda.services import sections_accueil
from offres.services import realisations_accueil
from site_collectivites.cache import par_generation

# The home page's "next events" move as time passes, with no publication: its sections are kept for one
# generation of the page cache and at most this long, as the lists they come from (agenda/offres services).
DUREE_SECTIONS_ACCUEIL = 300


def sections(request):
    """{"actualites", "evenements", "realisations": their list's HTML, "" when empty}, rendered once per
    generation and per five minutes, as plain HTML."""

    def calculer():
        agenda = sections_accueil(3)
        listes = {"actualites": agenda["actualites"], "evenements": agenda["evenements"],
                  "realisations": realisations_accueil(3)}
        return {nom: render_to_string("includes/card_list.html", {"items": items, "request": request}) if items else ""
                for nom, items in listes.items()}

    site = Site.find_for_request(request) if request is not None else None
    fenetre = int(time.time() // DUREE_SECTIONS_ACCUEIL)
    html = par_generation.valeur(par_generation.cle("accueil", site.pk if site else "-", fenetre), calculer)
    return {nom: mark_safe(texte) for nom, texte in html.items()}  # nosec B703 B308: rendered by our template
