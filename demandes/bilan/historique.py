"""Import of past demandes from a CSV export of the earlier tool, so that the bilan of past years is
computed like the others (docs/bilan.md lists the columns).

Idempotent: each row gets a key (`Demande.cle_import`: the `id` column when given, else a hash of the row),
and a key already in the database is skipped. Every row is checked before anything is written; a rejected
row is reported with its line number and a French reason, the others are imported.
"""

import csv
import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from demandes.models import Affectation, Demande, Source, Statut, StatutAffectation, TypeCollectivite
from demandes.models.demandes import Fonction
from demandes.models.references import format_reference, prochain_numero
from demandes.services import figer_territoire
from demandes.statuts import statut_selon_affectations
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Commune, Epci

COLONNES = ["date", "type", "collectivite", "thematique", "prestation", "partenaire", "statut"]
COLONNES_FACULTATIVES = ["id", "nom_structure", "titre"]
PREFIXE_CLE = "hist-"
TITRE_PAR_DEFAUT = "Demande reprise de l'historique"

# The assignment's status follows from the demande's final status in the old tool.
STATUT_AFFECTATION = {
    Statut.CLOSE: StatutAffectation.TERMINEE,
    Statut.SANS_SUITE: StatutAffectation.DECLINEE,
    Statut.REORIENTEE: StatutAffectation.DECLINEE,
    Statut.ACCOMPAGNEMENT: StatutAffectation.EN_COURS,
    Statut.ORIENTEE: StatutAffectation.A_TRAITER,
    Statut.ANALYSE: StatutAffectation.A_TRAITER,
    Statut.RECUE: StatutAffectation.A_TRAITER,
}


def normaliser(texte):
    """Lower case, no accents, no surrounding spaces: « Réorientée » matches « reorientee »."""
    texte = unicodedata.normalize("NFKD", str(texte or "")).encode("ascii", "ignore").decode()
    return " ".join(texte.lower().replace("_", " ").replace("'", " ").replace("’", " ").split())


@dataclass
class Rapport:
    importees: int = 0
    deja_presentes: int = 0
    rejets: list = field(default_factory=list)  # (line number, reason)

    def resume(self):
        return (f"{self.importees} demande(s) importée(s), {self.deja_presentes} déjà présente(s), "
                f"{len(self.rejets)} ligne(s) rejetée(s).")


class Referentiel:
    """Everything a row may name, loaded once (a few queries whatever the size of the file)."""

    def __init__(self):
        self.communes = {c.insee: c for c in Commune.objects.select_related("epci").prefetch_related("cantons")}
        self.epcis = {e.siren: e for e in Epci.objects.all()}
        self.thematiques = self._index(Thematique.objects.all(), "slug", "nom")
        self.prestations = self._index(TypePrestation.objects.all(), "slug", "nom", "sigle")
        self.partenaires = self._index(Partenaire.objects.all(), "slug", "nom", "sigle")
        self.types = self._choix(TypeCollectivite)
        self.types.update({"commune": TypeCollectivite.COMMUNE, "epci": TypeCollectivite.EPCI,
                           "intercommunalite": TypeCollectivite.EPCI, "autre": TypeCollectivite.AUTRE})
        self.statuts = self._choix(Statut)
        self.statuts.update({"close": Statut.CLOSE, "cloturee": Statut.CLOSE, "realisee": Statut.CLOSE})

    @staticmethod
    def _index(objets, *attributs):
        index = {}
        for objet in objets:
            for attribut in attributs:
                valeur = normaliser(getattr(objet, attribut))
                if valeur:
                    index.setdefault(valeur, objet)
        return index

    @staticmethod
    def _choix(choices):
        return {**{normaliser(v): v for v in choices.values}, **{normaliser(label): v for v, label in choices.choices}}


def lire_date(valeur):
    valeur = (valeur or "").strip()
    for format_date in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(valeur, format_date).date()
        except ValueError:
            continue
    raise ValueError(f"date illisible « {valeur} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)")


def cle_de(ligne):
    """The import key: the old tool's id when there is one, else a hash of the row's content."""
    identifiant = (ligne.get("id") or "").strip()
    if identifiant:
        return (PREFIXE_CLE + identifiant)[:64]
    contenu = "|".join(normaliser(ligne.get(colonne, "")) for colonne in COLONNES + COLONNES_FACULTATIVES)
    return PREFIXE_CLE + hashlib.sha256(contenu.encode()).hexdigest()[:40]


def _trouver(index, valeur, message):
    objet = index.get(normaliser(valeur))
    if objet is None:
        raise ValueError(f"{message} « {valeur.strip()} »")
    return objet


def analyser(ligne, ref, aujourd_hui):
    """Check one row; return the values to save, or raise ValueError with the French reason."""
    jour = lire_date(ligne.get("date"))
    if jour > aujourd_hui:
        raise ValueError(f"date dans le futur ({jour:%d/%m/%Y})")
    type_collectivite = _trouver(ref.types, ligne.get("type", ""),
                                 "type de collectivité inconnu (commune, epci, syndicat ou autre) :")
    code = (ligne.get("collectivite") or "").strip()
    commune = epci = None
    if type_collectivite == TypeCollectivite.EPCI:
        epci = ref.epcis.get(code)
        if epci is None:
            raise ValueError(f"intercommunalité inconnue (SIREN « {code} »)" if code else "SIREN de l'EPCI manquant")
    elif code:
        commune = ref.communes.get(code.zfill(5))
        if commune is None:
            raise ValueError(f"commune inconnue (code INSEE « {code} »)")
    elif type_collectivite == TypeCollectivite.COMMUNE:
        raise ValueError("code INSEE de la commune manquant")
    noms = [nom for nom in (ligne.get("thematique") or "").split("|") if nom.strip()]
    if not noms:
        raise ValueError("thématique manquante")
    thematiques = [_trouver(ref.thematiques, nom, "thématique inconnue") for nom in noms]
    statut = _trouver(ref.statuts, ligne.get("statut") or "close", "statut inconnu")
    partenaire = prestation = None
    if (ligne.get("partenaire") or "").strip():
        partenaire = _trouver(ref.partenaires, ligne["partenaire"], "partenaire inconnu")
    if (ligne.get("prestation") or "").strip():
        prestation = _trouver(ref.prestations, ligne["prestation"], "type de prestation inconnu")
        if partenaire is None:
            raise ValueError("prestation sans partenaire : on ne sait pas qui l'a réalisée")
    return {"jour": jour, "type_collectivite": type_collectivite, "commune": commune, "epci": epci,
            "thematiques": thematiques, "statut": statut, "partenaire": partenaire, "prestation": prestation,
            "nom_structure": (ligne.get("nom_structure") or "").strip()[:200],
            "titre": (ligne.get("titre") or "").strip()[:200] or TITRE_PAR_DEFAUT}


def enregistrer(valeurs, cle):
    """Save one checked row: the demande with its frozen territory, its thématiques and its assignment."""
    jour = valeurs["jour"]
    cree_le = timezone.make_aware(datetime.combine(jour, time(12, 0)))
    demande = Demande(
        reference=format_reference(jour.year, prochain_numero(jour.year)), annee=jour.year, cree_le=cree_le,
        statut_modifie_le=cree_le, source=Source.HISTORIQUE, cle_import=cle,
        type_collectivite=valeurs["type_collectivite"], commune=valeurs["commune"], epci=valeurs["epci"],
        nom_structure=valeurs["nom_structure"], nom="", prenom="", fonction=Fonction.AUTRE,
        titre=valeurs["titre"], description="Demande reprise de l'historique de l'ancien outil de suivi.",
        statut=valeurs["statut"],
    )
    figer_territoire(demande)
    statuts = []
    if valeurs["partenaire"]:
        statuts = [STATUT_AFFECTATION[valeurs["statut"]]]
    # Set by hand only when the old tool's status does not follow from the assignment.
    demande.statut_manuel = statut_selon_affectations(statuts, valeurs["statut"]) != valeurs["statut"]
    demande.save()
    demande.thematiques.set(valeurs["thematiques"])
    if valeurs["partenaire"]:
        Affectation.objects.create(
            demande=demande, partenaire=valeurs["partenaire"], statut=statuts[0],
            prestation_realisee=valeurs["prestation"], cree_le=cree_le, statut_modifie_le=cree_le,
        )
    return demande


def lire_csv(contenu):
    """Rows of a CSV text (comma, semicolon or tab), as (line number, dict with lower-case column names)."""
    contenu = contenu.lstrip("\ufeff")
    try:
        dialecte = csv.Sniffer().sniff(contenu.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialecte = csv.excel
    lecteur = csv.DictReader(io.StringIO(contenu), dialect=dialecte)
    lecteur.fieldnames = [normaliser(nom).replace(" ", "_") for nom in lecteur.fieldnames or []]
    manquantes = [colonne for colonne in COLONNES if colonne not in lecteur.fieldnames]
    if manquantes:
        raise ValueError(f"colonnes manquantes : {', '.join(manquantes)} (attendues : {', '.join(COLONNES)})")
    for ligne in lecteur:
        yield lecteur.line_num, {cle: (valeur or "") for cle, valeur in ligne.items() if cle}


def importer(contenu, dry_run=False):
    """Import the CSV text `contenu`; return a Rapport. With dry_run, everything is rolled back."""
    rapport = Rapport()
    ref = Referentiel()
    aujourd_hui = timezone.localdate()
    lignes = list(lire_csv(contenu))
    cles = {numero: cle_de(ligne) for numero, ligne in lignes}
    existantes = set(Demande.objects.filter(cle_import__in=set(cles.values())).values_list("cle_import", flat=True))
    with transaction.atomic():
        for numero, ligne in lignes:
            cle = cles[numero]
            if cle in existantes:
                rapport.deja_presentes += 1
                continue
            try:
                valeurs = analyser(ligne, ref, aujourd_hui)
            except ValueError as erreur:
                rapport.rejets.append((numero, str(erreur)))
                continue
            enregistrer(valeurs, cle)
            existantes.add(cle)
            rapport.importees += 1
        if dry_run:
            transaction.set_rollback(True)
    return rapport
