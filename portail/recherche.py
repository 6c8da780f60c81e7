"""The site search: Wagtail's full-text search of the live public pages, its query and ranking, read cheaper.

Wagtail's search over `Page` joins every live page row to its index entry (a hash join over all the pages)
to rank the matches, then runs the same join again to count them: 15–20 ms of SQL per search for a frequent
word on the large dataset, two thirds of the request. Here, on PostgreSQL:

- one query reads the ids of the matching index entries, sorted by rank in one array, by the GIN index on
  the entries alone (written in SQL: Django took longer to compile the ranking expression than PostgreSQL
  to run it);
- the live public pages are a set of ids kept per generation of the page cache (publishing, unpublishing,
  moving, deleting a page and view restrictions bump it), so the count is the length of a filtered list;
- only the page of results is read from wagtailcore_page (10 rows by primary key).

The tsquery and the French accent-insensitive configuration are built by Wagtail's own query compiler and the
rank is its expression with its weights; if Wagtail builds another kind of tsquery (after an upgrade), the
search is left to Wagtail. Tests compare the ids, their order and the count with Wagtail's search. Other
databases (the SQLite of `make run`) use Wagtail's search as it is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

from site_collectivites.cache import par_generation


def rechercher(texte):
    """The live public pages (the root excepted) holding every word of `texte`, best first: a sequence for
    Django's Paginator (its length is the count, a slice reads that page's pages)."""
    pages = Page.objects.live().exclude(depth__lte=1)
    resultats = get_search_backend().search(texte, par_generation.publiques(pages), operator="and")
    if not _sur_postgresql(resultats):
        return resultats
    ids = _ids_classes(resultats.query_compiler, resultats.backend)
    return resultats if ids is None else PagesTrouvees(ids)


def _sur_postgresql(resultats):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchResults

    return isinstance(resultats, PostgresSearchResults)


# Wagtail's ranking of a page (PostgresSearchQueryCompiler: the index vectors of a PlainText query): ts_rank
# of the title, times the title's normalisation, plus ts_rank of the body, with Wagtail's weights.
SQL_CLASSEMENT = """
    SELECT COALESCE(ARRAY_AGG(object_id::integer ORDER BY
               ts_rank(%(poids)s::float4[], title, to_tsquery(%(config)s::regconfig, %(texte)s)) * title_norm
               + ts_rank(%(poids)s::float4[], body, to_tsquery(%(config)s::regconfig, %(texte)s)) DESC,
               object_id::integer DESC), '{}')
    FROM wagtailsearch_indexentry
    WHERE content_type_id = ANY(%(types)s) AND (title || body) @@ to_tsquery(%(config)s::regconfig, %(texte)s)
"""


def _ids_classes(compilateur, backend):
    """Ids of the matching live public pages, by decreasing rank then decreasing id (Wagtail's order), or
    None if Wagtail built another kind of query than the one written here.

    Written in SQL rather than with the ORM: Django spent longer compiling the ranking expression at each
    search than PostgreSQL spent running it. The ids come sorted in one array: one row to read instead of
    one per match (a frequent word matches a thousand pages), and no sort in Python."""
    if not isinstance(compilateur.query, PlainText):
        return None
    requete = compilateur.build_tsquery(compilateur.query, config=compilateur.get_config(backend))
    if requete is None:  # nothing but separators ("-"): no word to look for
        return []
    sql_requete, parametres = _sql(requete)
    if sql_requete != "to_tsquery(%s::regconfig, %s)":
        return None
    config, texte = parametres
    with connection.cursor() as curseur:
        curseur.execute(SQL_CLASSEMENT, {"poids": get_sql_weights(), "types": _types_de_page(), "config": config,
                                         "texte": texte})
        classes = curseur.fetchone()[0]
    publiques = _pages_publiques()
    # An id twice (an entry per content type) keeps its first place, its best rank.
    return list(dict.fromkeys(pk for pk in classes if pk in publiques))


def _sql(expression):
    requete = IndexEntry.objects.all().query
    return expression.resolve_expression(requete).as_sql(requete.get_compiler(connection=connection), connection)


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
        # What the results list shows and its links need (the URL is read from url_path), the excerpt included:
        # still one query for the page of results.
        pages = avec_extrait(Page.objects.only("title", "url_path", "search_description", "content_type_id")).in_bulk(ids)
        return decrire([pages[pk] for pk in ids if pk in pages])


# What a result says it is: the page type's name, « Page » for the plain pages.
NATURES = {"standardpage": "Page", "plandusitepage": "Page"}
# The fields a page type summarises itself with, in this order, when it has no search description.
CHAMPS_DE_RESUME = ("resume", "chapo", "intro", "hero_texte")
MOTS_PAR_EXTRAIT = 30


def _chemins_des_resumes():
    """For each page type with a summary field, its path from Page (« offrepage__resume »)."""
    chemins = []
    for modele in get_page_models():
        if modele is Page or modele._meta.abstract:
            continue
        champs_propres = {champ.name for champ in modele._meta.local_fields}
        champ = next((nom for nom in CHAMPS_DE_RESUME if nom in champs_propres), None)
        if champ:
            parents = [p._meta.model_name for p in reversed(modele._meta.get_parent_list()) if p is not Page]
            chemins.append("__".join([*parents, modele._meta.model_name, champ]))
    return chemins


def avec_extrait(pages):
    """`pages` annotated with `resume_brut`: the page's own summary (empty strings skipped), read in the same
    query through the page types' tables."""
    texte = TextField()
    chemins = [NullIf(Cast(F(chemin), texte), Value("", output_field=texte)) for chemin in _chemins_des_resumes()]
    return pages.annotate(resume_brut=Coalesce(*chemins, Value("", output_field=texte), output_field=texte))


def decrire(pages):
    """Set on each page of results `nature` (« Offre d'ingénierie », « Actualité »…) and `extrait` (its search
    description, else the start of its summary, as text)."""
    for page in pages:
        modele = ContentType.objects.get_for_id(page.content_type_id).model_class()
        nom = modele._meta.model_name if modele else ""
        page.nature = NATURES.get(nom) or capfirst(modele._meta.verbose_name if modele else "page")
        texte = page.search_description or strip_tags(getattr(page, "resume_brut", "") or "")
        page.extrait = Truncator(" ".join(texte.split())).words(MOTS_PAR_EXTRAIT, truncate=" …")
    return pages
