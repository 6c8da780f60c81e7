#!/usr/bin/env bash
# Restore a backup into an EMPTY database, then check that the site serves (docs/deploy.md, "Restauration").
#
#   deploy/restaurer.sh base-AAAAMMJJ-HHMM.dump postgres://user:pw@host:5432/collectivites_restauree \
#       [media-AAAAMMJJ-HHMM.tar.gz]
#
# Runs from the project folder with its .venv, with the environment of the target instance (settings from
# DJANGO_SETTINGS_MODULE, MEDIA_ROOT…); DATABASE_URL is the second argument. Refuses a database that
# already has tables: a restore never mixes two states. Steps: pg_restore, migrate (a dump older than the
# code gets the newer migrations), media, `manage.py check`, then the home page and /healthz's database
# check through Django's test client, without network.
set -euo pipefail

dump="${1:?usage : restaurer.sh FICHIER.dump DATABASE_URL [MEDIA.tar.gz]}"
export DATABASE_URL="${2:?usage : restaurer.sh FICHIER.dump DATABASE_URL [MEDIA.tar.gz]}"
archive_media="${3:-}"
racine="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$racine/.venv/bin/python}"
cd "$racine"

tables="$(psql "$DATABASE_URL" -tAc "select count(*) from information_schema.tables where table_schema = 'public'")"
if [ "$tables" != "0" ]; then
  echo "ERREUR : la base cible contient déjà $tables table(s) ; la restauration exige une base vide." >&2
  exit 2
fi

echo "== pg_restore"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dump"

echo "== migrate"
"$python" manage.py migrate --noinput -v0

if [ -n "$archive_media" ]; then
  media="$("$python" -c 'import django; django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)')"
  echo "== fichiers dans $media"
  mkdir -p "$media"
  tar --extract --gzip --file="$archive_media" --directory="$media"
fi

echo "== manage.py check"
"$python" manage.py check

echo "== le site répond"
"$python" manage.py shell -c '
import json, sys
from django.conf import settings
from django.test import Client
hote = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
client = Client(HTTP_HOST=hote)
accueil = client.get("/", secure=True)
sante = client.get("/healthz", secure=True)
base = json.loads(sante.content).get("base_de_donnees")
print(f"accueil : {accueil.status_code} ; /healthz : {sante.status_code}, base de données joignable : {base}")
sys.exit(0 if accueil.status_code == 200 and base else 1)
'
echo "Restauration terminée."
