"""The site search: Wagtail's full-text search of the live public pages, its query and ranking, read cheaper.

Wagtail's search over `Page` joins every live page row to its index entry (a hash join over all the pages)
to rank the matches, then runs the same join again to count them: 15–20 ms of SQL per search for a frequent
word on the large dataset, two thirds of the request. Here, on PostgreSQL:

- one query reads the matching index entries and their rank, by the GIN index on the entries alone;
- the live public pages are a set of ids kept per generation of the page cache (publishing, unpublishing,
  moving, deleting a page and view restrictions bump it), so the count is the size of a Python set
  intersection;
- only the page of results is read from wagtailcore_page (10 rows by primary key).

The tsquery, the French accent-insensitive configuration and the rank expression (weights, title
normalisation) are built by Wagtail's own query compiler, so both answer alike: tests compare the ids, their
order and the count with Wagtail's search, for every kind of query. Other databases (the SQLite of `make
run`) use Wagtail's search as it is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from site_collectivites import par_generation


def rechercher(texte):
    """The live public pages (the root excepted) holding every word of `texte`, best first: a sequence for
    Django's Paginator (its length is the count, a slice reads that page's pages)."""
    pages = Page.objects.live().exclude(depth__lte=1)
    resultats = get_search_backend().search(texte, par_generation.publiques(pages), operator="and")
    if not _sur_postgresql(resultats):
        return resultats
    return PagesTrouvees(_ids_classes(resultats.query_compiler, resultats.backend))


def _sur_postgresql(resultats):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchResults

    return isinstance(resultats, PostgresSearchResults)


def _ids_classes(compilateur, backend):
    """Ids of the matching live public pages, by decreasing rank then decreasing id (Wagtail's order)."""
    config = compilateur.get_config(backend)
    requete = compilateur.build_tsquery(compilateur.query, config=config)
    if requete is None:  # nothing but separators ("-"): no word to look for
        return []
    # Wagtail's vectors over Page are index_entries__title (weighted by title_norm) and index_entries__body;
    # the same fields, read on the entry itself.
    rang = compilateur.build_tsrank(F("title"), compilateur.query, config=config) * F("title_norm")
    rang += compilateur.build_tsrank(F("body"), compilateur.query, config=config) * 1.0
    entrees = (
        IndexEntry.objects.filter(content_type_id__in=_types_de_page())
        .annotate(_vecteur=F("title")._combine(F("body"), "||", False))
        .filter(_vecteur=requete)
        .annotate(rang=rang)
        .values_list("object_id", "rang")
    )
    publiques = _pages_publiques()
    meilleurs = {}
    for object_id, valeur in entrees:
        pk = int(object_id)
        if pk in publiques and valeur > meilleurs.get(pk, -1.0):
            meilleurs[pk] = valeur
    return sorted(meilleurs, key=lambda pk: (meilleurs[pk], pk), reverse=True)


def _types_de_page():
    """Content type ids of Page and its subclasses: an entry's object_id is a page id only for those (images
    and documents have index entries too). Django's ContentType cache answers without a query."""
    types = ContentType.objects.get_for_models(Page, *get_page_models(), for_concrete_models=False)
    return sorted(t.pk for t in types.values())


def _pages_publiques():
    def calculer():
        pages = Page.objects.live().exclude(depth__lte=1)
        return frozenset(par_generation.publiques(pages).values_list("pk", flat=True))

    return par_generation.valeur(par_generation.cle("recherche", "pages-publiques"), calculer)


class PagesTrouvees:
    """Ranked page ids, read as pages one slice at a time."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, tranche):
        if not isinstance(tranche, slice):
            return self[tranche:tranche + 1][0]
        ids = self.ids[tranche]
        pages = Page.objects.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]
