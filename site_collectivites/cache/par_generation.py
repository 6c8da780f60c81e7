"""Values computed from published content and kept for one generation of the page cache.

What a listing needs to filter and count (facettes.py), or what every page shows around its content
(navigation.py), changes only when an editor changes a page, a snippet or the site settings, and each of
those bumps the page cache's generation (cache/invalidation.py). Such a value is stored in the shared cache
with the generation it was computed under, read in the same round trip as the current generation, and used
only if both match: never stale, computed once per change for all the servers. Each process also keeps its
last values, so that a hit reads only the generation (a few bytes) instead of the value.
"""

import threading
from collections import OrderedDict

from django.conf import settings

from site_collectivites.cache.pages import (
    FORMAT_ENTREES,
    ecrire_pour_la_generation,
    generation,
    lire_de_la_generation,
    valeurs_de_la_requete,
)

VALEURS_LOCALES_MAX = 64

_verrou = threading.Lock()
_locales = OrderedDict()  # key -> (generation, value), least recent first


def cle(*parties):
    """A key that a release changing what a value holds does not share with the previous one."""
    return ":".join(["generation", f"v{FORMAT_ENTREES}", *map(str, parties)])


def valeur(cle_valeur, calculer):
    """The value stored under `cle_valeur` for the current generation, computed by `calculer()` if missing.

    Without a generation (the cache cannot be read: pages.py), the value is computed once per request and kept
    nowhere else: this process could not know when a change made through another server makes it stale."""
    with _verrou:
        locale = _locales.get(cle_valeur)
    if locale is not None:
        gen = generation()
        if gen is not None and locale[0] == gen:
            return locale[1]
    resultat, gen = lire_de_la_generation(cle_valeur)
    if gen is None:
        return _de_la_requete(cle_valeur, calculer)
    if resultat is None:
        resultat = calculer()
        ecrire_pour_la_generation(cle_valeur, gen, resultat, settings.CACHE_PAGES_SECONDES)
    with _verrou:
        _locales[cle_valeur] = (gen, resultat)
        _locales.move_to_end(cle_valeur)
        while len(_locales) > VALEURS_LOCALES_MAX:
            _locales.popitem(last=False)
    return resultat


def _de_la_requete(cle_valeur, calculer):
    valeurs = valeurs_de_la_requete()
    if valeurs is None:
        return calculer()
    if cle_valeur not in valeurs:
        valeurs[cle_valeur] = calculer()
    return valeurs[cle_valeur]


def url_de_page(request, nom, trouver):
    """The URL, for the request's site, of the page `trouver()` returns (None when it returns None): the form
    page, a listing another page links to. Stored in a tuple, so that "no such page" is kept as well."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None

    def calculer():
        page = trouver()
        return (page.get_url(request) if page is not None else None,)

    if getattr(request, "is_preview", False):
        # A preview may show a draft's choice (the home page's links): never stored for visitors.
        return calculer()[0]
    return valeur(cle("url", nom, site.pk if site else "-"), calculer)[0]


def sections_privees():
    """(path, depth) of every page with a view restriction (password, login, groups): the private sections,
    read once per generation (saving or deleting a restriction, and moving a page, bump it:
    cache/invalidation.py). Usually none."""
    from wagtail.models import PageViewRestriction

    def calculer():
        return [(r.page.path, r.page.depth) for r in PageViewRestriction.objects.select_related("page")]

    return valeur(cle("restrictions"), calculer)


def publiques(pages):
    """`pages.public()` without its query: Wagtail reads every view restriction each time it is called. Same
    condition: not in a private section or below it."""
    from django.db.models import Q

    privees = Q()
    for chemin, profondeur in sections_privees():
        privees |= Q(path__startswith=chemin, depth__gte=profondeur)
    return pages.exclude(privees) if privees else pages


def vider():
    """Forget this process's values (tests: the shared cache is emptied between them)."""
    with _verrou:
        _locales.clear()
