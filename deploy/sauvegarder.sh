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

# Each file is written under a temporary name and renamed once complete: a failed or interrupted dump never
# leaves a file that looks like a backup (a failed pg_dump used to leave a 0-byte base-….dump, which the
# retention below would have kept as the newest backup). Any failure says so on stderr and exits non-zero,
# before the retention deletes anything.
base="$destination/base-$horodatage.dump"
archive="$destination/media-$horodatage.tar.gz"
base_partielle="$destination/.base-$horodatage.dump.partiel"
archive_partielle="$destination/.media-$horodatage.tar.gz.partiel"

signale=""
echec() {
  echo "ERREUR : $1" >&2
  signale=1
  exit 1
}
terminer() {
  statut=$?
  rm -f -- "$base_partielle" "$archive_partielle"
  if [ "$statut" -ne 0 ] && [ -z "$signale" ]; then
    echo "ERREUR : sauvegarde interrompue (code $statut) ; fichiers partiels supprimés." >&2
  fi
  exit "$statut"
}
trap terminer EXIT
trap 'exit 130' INT TERM HUP  # the EXIT trap then removes the partial files

pg_dump --format=custom --no-owner --no-privileges --file="$base_partielle" "$DATABASE_URL" \
  || echec "pg_dump a échoué (code $?) : la base n'est pas sauvegardée, aucun fichier écrit pour $horodatage."
[ -s "$base_partielle" ] || echec "pg_dump n'a rien écrit : la base n'est pas sauvegardée."
mv -- "$base_partielle" "$base"
if [ -d "$media" ]; then
  tar --create --gzip --file="$archive_partielle" --directory="$media" --exclude=./images --ignore-failed-read . \
    || echec "l'archive des fichiers de $media a échoué (code $?) : seule la base est sauvegardée ($base)."
  mv -- "$archive_partielle" "$archive"
fi

find "$destination" -maxdepth 1 -type f \( -name 'base-*.dump' -o -name 'media-*.tar.gz' \) \
     -mtime +"$retention" -delete
find "$destination" -maxdepth 1 -type f -name '.*.partiel' -mmin +1440 -delete  # left by a run killed with -9
echo "Sauvegarde : $base"
