"""The search backend of the site: Wagtail's database backend, whose autocompletion ignores accents too.

Wagtail's admin finds pages, images, documents and snippets by autocompletion (prefixes of words, as one types).
Its PostgreSQL backend autocompletes with the text search configuration `simple` whatever SEARCH_CONFIG says, so
the admin was blind to accents (« drome » found nothing) while the public search, on SEARCH_CONFIG
(`french_unaccent`), was not. AUTOCOMPLETE_CONFIG names the configuration to use instead (`simple_unaccent`,
created by migration site_collectivites 0008: no stemming, so that a prefix stays a prefix, and no accents).
Settings: WAGTAILSEARCH_BACKENDS in site_collectivites/settings/base.py; docs/configuration.md.
"""

from django.db import connection
from django.db.models import Q
from wagtail.search.backends.database import SearchBackend as backend_de_la_base


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend's module)
    backend = backend_de_la_base(params)
    configuration = params.get("AUTOCOMPLETE_CONFIG")
    if configuration and connection.vendor == "postgresql":
        backend.autocomplete_config = configuration
    return backend


def filtrer_sans_accents(queryset, champs, texte):
    """The rows of `queryset` where each word of `texte` is in one of `champs`, accents and case aside: « eclairage »
    finds « Éclairage public », « montelimar » the demandes of Montélimar. For the admin listings searched in the
    database rather than through the search index (PostgreSQL's `unaccent`, migration 0004; on SQLite the accents
    count)."""
    recherche = "unaccent__icontains" if connection.vendor == "postgresql" else "icontains"
    for mot in texte.split():
        dans_un_champ = Q()
        for champ in champs:
            dans_un_champ |= Q(**{f"{champ}__{recherche}": mot})
        queryset = queryset.filter(dans_un_champ)
    return queryset
