"""manage.py import_territoire: load or update the cantons, EPCI and communes of the Drôme.

Without a file option, imports the files shipped in territoire/data/. Each option accepts the project's CSV or
the official format (INSEE COG, @etalab/decoupage-administratif), detected from the file. See docs/territoire.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from site_collectivites.territoire.importer import (
    FICHIERS_PAR_DEFAUT,
    LIBELLES_FICHIERS,
    ErreurImport,
    importer_territoire,
)

AVERTISSEMENTS_AFFICHES = 30


class Command(BaseCommand):
    help = (
        "Importe ou met à jour le référentiel du territoire (cantons, EPCI, communes de la Drôme). "
        "Sans option de fichier, importe les fichiers livrés dans territoire/data/. Chaque option accepte le CSV "
        "du projet ou le format officiel (Insee COG v_commune / v_canton, communes.json / epci.json d'etalab)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--communes",
            metavar="CHEMIN",
            help="Communes : drome_communes.csv, communes.json (etalab) ou v_commune_20XX.csv (Insee).",
        )
        parser.add_argument(
            "--cantons", metavar="CHEMIN", help="Cantons : drome_cantons.csv ou v_canton_20XX.csv (Insee)."
        )
        parser.add_argument(
            "--communes-cantons",
            metavar="CHEMIN",
            dest="communes_cantons",
            help="Rattachement commune → canton(s) : drome_communes_cantons.csv ou v_commune_20XX.csv (Insee).",
        )
        parser.add_argument("--epci", metavar="CHEMIN", help="EPCI : drome_epci.csv ou epci.json (etalab).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            dest="dry_run",
            help="Simule l'import et affiche le bilan, puis annule tout : rien n'est enregistré.",
        )

    def handle(self, *args, **options):
        chemins = {nature: options.get(nature) for nature in FICHIERS_PAR_DEFAUT}
        if not any(chemins.values()):
            chemins = dict(FICHIERS_PAR_DEFAUT)
        try:
            rapport = importer_territoire(**chemins, dry_run=options["dry_run"])
        except ErreurImport as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"Erreur de la base de données, rien n'a été enregistré : {exc}") from exc

        verbosite = options["verbosity"]
        if rapport.dry_run:
            self.stdout.write(self.style.WARNING("Simulation (--dry-run) : aucune modification n'est enregistrée."))
        if verbosite >= 1:
            for fichier in rapport.fichiers:
                libelle = LIBELLES_FICHIERS[fichier.nature]
                self.stdout.write(f"{libelle[0].upper()}{libelle[1:]} : {fichier.chemin} ({fichier.libelle_format})")
        for ligne in rapport.lignes_resume():
            self.stdout.write(ligne)

        avertissements = rapport.avertissements
        if avertissements and verbosite >= 1:
            nombre = len(avertissements)
            self.stdout.write(self.style.WARNING(f"{nombre} avertissement{'s' if nombre > 1 else ''} :"))
            affiches = avertissements if verbosite >= 2 else avertissements[:AVERTISSEMENTS_AFFICHES]
            for message in affiches:
                self.stdout.write(self.style.WARNING(f"  - {message}"))
            if len(affiches) < nombre:
                self.stdout.write(
                    self.style.WARNING(f"  … et {nombre - len(affiches)} autres (tous avec --verbosity 2).")
                )

        if rapport.dry_run:
            self.stdout.write(self.style.SUCCESS("Simulation terminée : toutes les modifications ont été annulées."))
        elif rapport.modifications:
            self.stdout.write(self.style.SUCCESS("Import terminé."))
        else:
            self.stdout.write(self.style.SUCCESS("Import terminé : le référentiel était déjà à jour."))
