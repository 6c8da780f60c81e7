"""The autocompletion of the search index ignores accents too: « drome » finds « La Drôme » in the admin.

Wagtail's admin searches pages, images, documents and snippets by autocompletion (prefixes of words), which
Wagtail's PostgreSQL backend runs with the text search configuration `simple` whatever SEARCH_CONFIG says: no
stemming, but accents kept, so « drome » found nothing while the public search (`french_unaccent`, migration
0004) found every page of the Drôme. `simple_unaccent` is `simple` after the `unaccent` dictionary; the
backend is told to use it (site_collectivites/recherche.py). The autocompletion vectors already in the index
were written with `simple`: they are rewritten here without their accents (positions and weights kept), so
no `update_index` is needed. Nothing happens on SQLite.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
UPDATE wagtailsearch_indexentry SET autocomplete = unaccent(autocomplete::text)::tsvector
    WHERE autocomplete::text <> unaccent(autocomplete::text);
"""
# Back to `simple`: the vectors keep their unaccented words, which `simple` queries without accents still find.
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("site_collectivites", "0008_identite_du_site"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
