"""The cards of the listings (an offer, an aid, a news item…), rendered once per generation and shared by every
listing, filter and page of results that shows them.

A card shows only its page and the snippets it points to (thématiques, partner), so its HTML changes only when
something is published or a snippet changes, which bumps the page cache's generation
(cache/invalidation.py). A listing asks for the HTML of its page of results by page id: the cards already
rendered under the current generation come from the shared cache in one round trip with that generation; only
the others are loaded (with what they show: `charger`) and rendered, then stored. A page cache miss on a new
combination of filters therefore renders no card seen before, and loads none from the database.

A card that changes with the date (an aid's status, an event's) names the day in its `variante`. A card
template that takes a variable of its own (the agenda's heading level) gets it in `contexte`, which is part of
the key.
"""

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from site_collectivites.cache import par_generation
from site_collectivites.cache.pages import (
    ecrire_plusieurs_pour_la_generation,
    lire_plusieurs_de_la_generation,
)


def cartes(request, gabarit, variable, pks, charger, variante="", contexte=None):
    """The HTML of the cards of `pks`, in that order. `charger(pks)` returns those pages with what `gabarit`
    shows; each is rendered with {variable: page, "request": request, **contexte} (`contexte`: a few plain
    values, e.g. {"niveau": 4}). Pages `charger` no longer returns are left out."""
    contexte = contexte or {}
    site = Site.find_for_request(request) if request is not None else None
    prefixe = par_generation.cle("carte", gabarit, site.pk if site else "-", variante,
                                 *(f"{nom}={valeur}" for nom, valeur in sorted(contexte.items())))
    cles = {pk: f"{prefixe}:{pk}" for pk in pks}
    trouvees, gen = lire_plusieurs_de_la_generation(list(cles.values()))
    manquants = [pk for pk in pks if cles[pk] not in trouvees]
    if manquants:
        gabarit_carte = get_template(gabarit)
        rendues = {cles[page.pk]: gabarit_carte.render({**contexte, variable: page, "request": request})
                   for page in charger(manquants)}
        ecrire_plusieurs_pour_la_generation(rendues, gen, settings.CACHE_PAGES_SECONDES)
        trouvees.update(rendues)
    return [mark_safe(trouvees[cles[pk]]) for pk in pks if cles[pk] in trouvees]  # nosec B703 B308: our templates' output
