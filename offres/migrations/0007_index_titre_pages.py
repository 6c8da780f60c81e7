"""An index on the pages' title (Wagtail's table), for the catalogue sorted by title.

The catalogue shows offers by title, a page at a time: without an index PostgreSQL sorts every offer
(4.4 ms with 2,000 offers, EXPLAIN ANALYZE); with it, it walks the titles and stops after a page. Wagtail's page model
has no such index and cannot be given one through its Meta, hence plain SQL, valid on PostgreSQL and
SQLite alike. (On SQLite, a later migration that rebuilds Wagtail's table would drop it: development only,
harmless.)
"""

from django.db import migrations

NOM_INDEX = "page_titre"


def forwards(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NOM_INDEX} ON wagtailcore_page (title);")


def backwards(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NOM_INDEX};")


class Migration(migrations.Migration):
    dependencies = [
        ("offres", "0006_index_annee_realisations"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
