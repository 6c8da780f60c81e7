"""The statistics run a fixed number of aggregate queries, whatever the number of demandes."""

import random
import time
from datetime import datetime

from demandes.bilan.statistiques import calculer_bilan, calculer_cantons
from demandes.models import Affectation, Demande, TypeCollectivite
from tests.bilan.factories import PARIS
from tests.utils import count_queries, max_queries

REQUETES_BILAN = 8
REQUETES_CANTONS = 6


def creer_demandes(nombre, territoire, referentiel):
    """`nombre` demandes of 2025 and 2024 with thématiques and assignments, in a few bulk queries."""
    hasard = random.Random(6)
    communes = list(territoire.values())
    thematiques = list(referentiel["thematiques"].values())
    prestations = list(referentiel["prestations"].values())
    partenaires = list(referentiel["partenaires"].values())
    demandes = []
    for i in range(nombre):
        commune = hasard.choice(communes)
        annee = hasard.choice([2024, 2025])
        demandes.append(Demande(
            reference=f"DEM-PERF-{i:06d}", annee=annee, cree_le=datetime(annee, hasard.randint(1, 12), 3, tzinfo=PARIS),
            type_collectivite=TypeCollectivite.COMMUNE, commune=commune, territoire_insee=commune.insee,
            territoire_commune=commune.nom, territoire_canton_code="2604", territoire_canton="Le Diois",
            territoire_tranche="moins_1000", nom="X", prenom="Y", fonction="maire", titre="T", description="D",
        ))
    demandes = Demande.objects.bulk_create(demandes, batch_size=2000)
    Lien = Demande.thematiques.through
    Lien.objects.bulk_create(
        [Lien(demande_id=d.pk, thematique_id=hasard.choice(thematiques).pk) for d in demandes], batch_size=5000
    )
    Affectation.objects.bulk_create(
        [Affectation(demande_id=d.pk, partenaire=hasard.choice(partenaires), statut="terminee",
                     prestation_realisee=hasard.choice(prestations)) for d in demandes],
        batch_size=5000,
    )


def test_nombre_de_requetes_borne_avec_vingt_mille_demandes(territoire, referentiel):
    creer_demandes(20, territoire, referentiel)
    peu = count_queries(lambda: calculer_bilan(2025))
    Demande.objects.all().delete()
    creer_demandes(20_000, territoire, referentiel)
    debut = time.perf_counter()
    with max_queries(REQUETES_BILAN):
        bilan = calculer_bilan(2025)
    duree = time.perf_counter() - debut
    assert peu <= REQUETES_BILAN
    assert bilan["total"] + bilan["total_precedent"] == 20_000
    assert sum(ligne["nombre"] for ligne in bilan["mois"]) == bilan["total"]
    with max_queries(REQUETES_CANTONS):
        cantons = calculer_cantons(2025)
    assert cantons["2604"]["total"] == bilan["total"]
    assert duree < 5, f"bilan de 20 000 demandes calculé en {duree:.2f} s"
