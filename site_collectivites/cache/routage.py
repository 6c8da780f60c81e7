"""Finding the page a URL shows from a table kept per generation of the page cache, not by walking the tree.

Wagtail finds a page by walking from the site's root, one level at a time: the site (one query), its root page
(one more for its specific type), then two queries per level (the child with that slug, then its specific
type). That is 6 or 7 queries for an offer or a news item, a fifth of a detail page's time when the page cache
misses. The tree changes only when a page is saved, published, moved or deleted, and each of those bumps the
page cache's generation (cache/invalidation.py), as does a change to a Site. So each process keeps, for the
current generation, the site of each host name and the table {path below the site's root: (page id, content
type)} of its live pages; the page is then loaded with one query and asked to route what remains of the path
itself (a routable page's subpages: feeds, calendars, registration).

The answer must be the one Wagtail's walk gives. A page is left out of the table, and found by the walk, when
one of its ancestors routes in its own way: a class that overrides `route`, or a live routable page with a
subpage pattern that matches the rest of the path (RoutablePageMixin tries its subpages before its children).
Anything the table does not know (a draft, an unknown path, internationalised sites) goes through Wagtail's
walk unchanged.
"""

import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from site_collectivites.cache.pages import generation

HOTES_MAX = 32  # host names remembered per generation: ALLOWED_HOSTS bounds them anyway

_verrou = threading.Lock()
_etat = {"generation": None, "sites": {}, "tables": {}}


def _pour_la_generation(gen):
    """This process's sites and tables, emptied when the generation changes; without a generation (the cache
    cannot be read), new empty ones that nothing keeps."""
    if gen is None:
        return {}, {}
    with _verrou:
        if _etat["generation"] != gen:
            _etat.update(generation=gen, sites={}, tables={})
        return _etat["sites"], _etat["tables"]


def vider():
    """Forget this process's sites and tables (tests: the shared cache is emptied between them)."""
    with _verrou:
        _etat.update(generation=None, sites={}, tables={})


def trouver_site(request, sites=None):
    """The request's site, as Site.find_for_request() finds it, from this process's memory for the current
    generation; kept on the request where Wagtail reads it. For the views that are not pages (search)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if sites is None:
        sites, _tables = _pour_la_generation(generation())
    cle = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if cle not in sites:
        site = Site._find_for_request(request)
        if len(sites) >= HOTES_MAX:
            request._wagtail_site = site
            return site
        sites[cle] = site
    request._wagtail_site = sites[cle]
    return sites[cle]


def _facon_de_router(modele):
    if modele.route is Page.route:
        return "arbre"
    if modele.route is RoutablePageMixin.route:
        return "sous-pages"
    return "propre"


def _sous_page_correspond(modele, composants):
    try:
        modele.get_resolver().resolve("/" + "".join(c + "/" for c in composants))
    except Resolver404:
        return False
    return True


def construire_table(racine):
    """{path below `racine` ("" for itself, "a/b" for a grandchild): (page id, content type id)} of the live
    pages the tree walk would reach unchanged. Two queries, whatever the number of pages."""
    lignes = list(
        Page.objects.filter(path__startswith=racine.path, depth__gte=racine.depth)
        .order_by("path")
        .values_list("url_path", "pk", "content_type_id", "live")
    )
    modeles = {ct: ContentType.objects.get_for_id(ct).model_class() for ct in {ligne[2] for ligne in lignes}}
    debut = len(racine.url_path)
    noeuds = {}  # relative path -> (model, live)
    table = {}
    for url_path, pk, ct, live in lignes:
        relatif = url_path[debut:].strip("/")
        modele = modeles[ct]
        noeuds[relatif] = (modele, live)
        if modele is None or not live or not _atteint_par_l_arbre(relatif, noeuds):
            continue
        table[relatif] = (pk, ct)
    return table


def _atteint_par_l_arbre(relatif, noeuds):
    """Whether every ancestor (below and including the root) hands the rest of the path to its child."""
    composants = relatif.split("/") if relatif else []
    for i in range(len(composants)):
        modele, live = noeuds.get("/".join(composants[:i]), (None, False))
        if modele is None:
            return False  # an ancestor we cannot load: let Wagtail decide
        facon = _facon_de_router(modele)
        if facon == "propre" or (facon == "sous-pages" and live and _sous_page_correspond(modele, composants[i:])):
            return False
    return True


def _table(site, tables):
    if site.pk not in tables:
        racine = site.root_page
        tables[site.pk] = construire_table(racine) if _facon_de_router(type(racine.specific)) != "propre" else {}
    return tables[site.pk]


def _page(table, composants):
    """(page, remaining components) for the longest known prefix of the path, or (None, None)."""
    for i in range(len(composants), -1, -1):
        trouve = table.get("/".join(composants[:i]))
        if trouve is not None:
            pk, ct = trouve
            modele = ContentType.objects.get_for_id(ct).model_class()
            pages = modele.objects.filter(pk=pk, live=True).select_related(*getattr(modele, "relations_servies", ()))
            page = next(iter(pages), None)
            return (page, composants[i:]) if page is not None else (None, None)
    return None, None


def preparer(request, path):
    """Fill in what Wagtail reads from the request (`_wagtail_site`, `_wagtail_route_for_request`) when the
    table knows the answer; leave the request untouched otherwise."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) or hasattr(request, "_wagtail_route_for_request"):
        return
    gen = generation()
    if gen is None:
        return  # a table built for one request would cost more than Wagtail's walk
    sites, tables = _pour_la_generation(gen)
    site = trouver_site(request, sites)
    if site is None:
        return
    page, reste = _page(_table(site, tables), [c for c in path.split("/") if c])
    if page is None:
        return
    try:
        request._wagtail_route_for_request = page.route(request, reste)
    except Http404:
        request._wagtail_route_for_request = None


def servir(request, path):
    """Wagtail's page view, with the route found by the table."""
    preparer(request, path)
    return wagtail_views.serve(request, path)

