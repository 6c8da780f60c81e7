"""CSV import of subscribers whose consent was collected elsewhere (a paper form at a meeting…).

The source of that consent is required and recorded in each new subscriber's proof of consent. Existing
addresses are left as they are (an unsubscribed or suppressed person is never re-subscribed by an import).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from newsletter import services
from newsletter.models import Abonne, NatureConsentement, PreuveConsentement, StatutAbonne
from site_collectivites.taxonomie.models import Thematique

TAILLE_MAX = 5 * 1024 * 1024
COLONNES = {"email", "thematiques", "collectivite", "fonction"}


@dataclass
class Bilan:
    crees: int = 0
    existants: int = 0
    erreurs: list = field(default_factory=list)


def lire_csv(contenu_octets):
    """Rows of the file as dicts (UTF-8 with or without BOM, comma or semicolon). Raises ValueError."""
    try:
        texte = contenu_octets.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        raise ValueError("Le fichier doit être un CSV encodé en UTF-8.") from erreur
    try:
        dialecte = csv.Sniffer().sniff(texte[:4096], delimiters=",;")
    except csv.Error:
        dialecte = csv.excel
    lecteur = csv.DictReader(io.StringIO(texte), dialect=dialecte)
    entetes = {(nom or "").strip().lower() for nom in (lecteur.fieldnames or [])}
    if "email" not in entetes:
        raise ValueError("La première ligne doit nommer les colonnes, dont « email ».")
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in ligne.items() if k} for ligne in lecteur]


def importer(lignes, source, utilisateur=None):
    """Create the new subscribers as confirmed, each with an "import" proof naming `source`."""
    bilan = Bilan()
    thematiques = {t.slug: t for t in Thematique.objects.all()} | {t.nom.lower(): t for t in Thematique.objects.all()}
    qui = f" par {utilisateur.get_username()}" if utilisateur else ""
    with transaction.atomic():
        for numero, ligne in enumerate(lignes, start=2):
            email = services.normaliser_email(ligne.get("email"))
            try:
                validate_email(email)
            except ValidationError:
                bilan.erreurs.append(f"Ligne {numero} : adresse invalide « {email[:80]} »")
                continue
            noms = [n.strip().lower() for n in ligne.get("thematiques", "").replace(",", "|").split("|") if n.strip()]
            inconnues = [n for n in noms if n not in thematiques]
            if inconnues:
                bilan.erreurs.append(f"Ligne {numero} : thématique inconnue « {inconnues[0][:80]} »")
                continue
            maintenant = timezone.now()
            abonne, cree = Abonne.objects.get_or_create(email=email, defaults={
                "statut": StatutAbonne.CONFIRME, "confirme_le": maintenant, "derniere_activite": maintenant,
                "collectivite": ligne.get("collectivite", "")[:200], "fonction": ligne.get("fonction", "")[:150],
            })
            if not cree:
                bilan.existants += 1
                continue
            abonne.thematiques.set([thematiques[n] for n in noms])
            PreuveConsentement.objects.create(
                abonne=abonne, nature=NatureConsentement.IMPORT, details=f"Source : {source}. Import{qui}."[:2000],
            )
            bilan.crees += 1
    return bilan
