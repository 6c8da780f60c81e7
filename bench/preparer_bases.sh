#!/usr/bin/env bash
# Two databases for the benchmark (docs/performance.md): collectivites_bench_demo (the demo content) and
# collectivites_bench (the same plus the large dataset of `generer_volume`), copied from the first with
# PostgreSQL's CREATE DATABASE … TEMPLATE. Prints the time of the generation.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
DEMO="${BENCH_DB_DEMO:-collectivites_bench_demo}"
GRAND="${BENCH_DB:-collectivites_bench}"
export DJANGO_SETTINGS_MODULE=site_collectivites.settings.dev DEBUG=false
# The address mesurer.py's production settings check the Wagtail Site against (the demo sets the Site from it).
export SITE_URL="${BENCH_SITE_URL:-https://collectivites.ladrome.fr}"
psql "$PG/postgres" -qc "drop database if exists $GRAND" -c "drop database if exists $DEMO" -c "create database $DEMO"
(
  export DATABASE_URL="$PG/$DEMO"
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py import_territoire
  .venv/bin/python manage.py load_demo_content
)
psql "$PG/postgres" -qc "create database $GRAND template $DEMO"
DATABASE_URL="$PG/$GRAND" .venv/bin/python manage.py generer_volume ${GENERER_VOLUME_ARGS:-}
