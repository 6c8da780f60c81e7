#!/usr/bin/env bash
# Nightly backup (docs/deploy.md, "Sauvegardes"): the database in pg_dump's custom format and the uploaded
# files that cannot be rebuilt (original images, documents, attachments of demandes; renditions are rebuilt
# on demand). Keeps RETENTION_JOURS days. Copy the folder off the server (the Département's backup system).
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/collectivites/var/media deploy/sauvegarder.sh /srv/sauvegardes
set -euo pipefail

destination="${1:?usage : sauvegarder.sh DOSSIER_DE_DESTINATION}"
: "${DATABASE_URL:?DATABASE_URL doit être défini}"
media="${MEDIA_ROOT:-/srv/collectivites/var/media}"
retention="${RETENTION_JOURS:-30}"
horodatage="$(date +%Y%m%d-%H%M)"

mkdir -p "$destination"
chmod 700 "$destination"  # personal data: demandes, registrations, subscribers
pg_dump --format=custom --no-owner --no-privileges --file="$destination/base-$horodatage.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar --create --gzip --file="$destination/media-$horodatage.tar.gz" --directory="$media" \
      --exclude=./images --ignore-failed-read .
fi
find "$destination" -maxdepth 1 -type f \( -name 'base-*.dump' -o -name 'media-*.tar.gz' \) \
     -mtime +"$retention" -delete
echo "Sauvegarde : $destination/base-$horodatage.dump"
