from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demandes.bilan.historique import COLONNES, importer


class Command(BaseCommand):
    help = (
        "Importe des demandes passées depuis un export CSV (colonnes : " + ", ".join(COLONNES)
        + " ; facultatives : id, nom_structure, titre). Idempotent : une ligne déjà importée est ignorée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fichier", help="Fichier CSV (UTF-8 ou Windows-1252 ; virgule, point-virgule ou tabulation)"
        )
        parser.add_argument("--dry-run", action="store_true", help="Tout vérifier puis tout annuler.")

    def handle(self, *args, fichier, dry_run, **options):
        chemin = Path(fichier)
        try:
            brut = chemin.read_bytes()
        except OSError as erreur:
            raise CommandError(f"Fichier illisible : {chemin} ({erreur.strerror}).") from erreur
        try:
            contenu = brut.decode("utf-8")
        except UnicodeDecodeError:
            contenu = brut.decode("cp1252")
        try:
            rapport = importer(contenu, dry_run=dry_run)
        except ValueError as erreur:
            raise CommandError(f"{chemin} : {erreur}.") from erreur
        prefixe = "Simulation (rien n'est enregistré) : " if dry_run else ""
        self.stdout.write(prefixe + rapport.resume())
        for numero, raison in rapport.rejets:
            self.stdout.write(f"  ligne {numero} : {raison}")
