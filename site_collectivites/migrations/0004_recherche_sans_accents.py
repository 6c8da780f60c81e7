"""A French full-text configuration that ignores accents: « drome » finds « Drôme ».

Élus often type without accents on a phone. PostgreSQL's `unaccent` extension (in Debian's
postgresql-contrib, part of the server package) strips them before French stemming. Creating an
extension needs a superuser or the database owner on PostgreSQL ≥ 13 (`unaccent` is a trusted extension);
see docs/configuration.md. Nothing happens on SQLite (the embedded default has its own simple search).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("site_collectivites", "0003_territoire_consultation")]

    operations = [migrations.RunPython(forwards, backwards)]
