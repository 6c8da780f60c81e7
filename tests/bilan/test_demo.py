"""The demo history gives the figures the Département published, and a rerun changes nothing."""

import io
import time

import pytest

from demandes.bilan import demo
from demandes.bilan.models import BilanFige
from demandes.bilan.statistiques import calculer_bilan
from demandes.models import Affectation, Demande, Statut, StatutAffectation
from site_collectivites.squelette.socle import construire


@pytest.fixture
def demo_chargee(territoire, home):
    construire(io.StringIO())
    debut = time.perf_counter()
    demo.load(io.StringIO())
    return time.perf_counter() - debut


def par_cle(serie):
    return {ligne["cle"]: ligne["nombre"] for ligne in serie}


def test_chiffres_publies_par_le_departement(demo_chargee):
    b2022 = calculer_bilan(2022)
    assert (b2022["total"], b2022["communes"]["nombre"]) == (864, 251)
    b2025 = calculer_bilan(2025)
    assert b2025["total"] == 825
    assert calculer_bilan(2024)["total"] == 705
    assert b2025["evolution"] == 17.0
    assert b2025["communes"]["nombre"] == 254
    assert b2025["communes"]["part_territoire"] == 70.2
    assert b2025["communes"]["part_demandes"] == 80.0
    types = par_cle(b2025["types"])
    assert types["epci"] == 106 and b2025["nombre_epci"] == 9
    assert 55 <= types["syndicat"] <= 65
    tranches = par_cle(b2025["tranches"])
    assert tranches["moins_1000"] > tranches["1000_5000"] + tranches["plus_5000"]  # most from small communes
    assert all(ligne["nombre"] > 0 for ligne in b2025["thematiques"])
    assert all(ligne["nombre"] > 0 for ligne in b2025["prestations"])
    assert demo_chargee < 30, f"contenu de démonstration du bilan chargé en {demo_chargee:.1f} s"


def test_tous_les_statuts_et_affectations_coherents(demo_chargee):
    statuts_2026 = set(Demande.objects.filter(annee=2026).values_list("statut", flat=True))
    assert {Statut.RECUE, Statut.ANALYSE, Statut.ORIENTEE, Statut.ACCOMPAGNEMENT, Statut.CLOSE} <= statuts_2026
    assert set(Affectation.objects.values_list("statut", flat=True)) == set(StatutAffectation.values)
    passees = Demande.objects.filter(annee__lt=2026)
    assert set(passees.values_list("statut", flat=True)) == {Statut.CLOSE, Statut.SANS_SUITE, Statut.REORIENTEE}
    # A finished assignment always says what was delivered; a declined one never.
    assert not Affectation.objects.filter(statut=StatutAffectation.TERMINEE, prestation_realisee=None).exists()
    assert not Affectation.objects.filter(statut=StatutAffectation.DECLINEE).exclude(prestation_realisee=None).exists()
    assert Demande.objects.filter(annee=2026, cree_le__date__gt="2026-11-30").count() == 0
    assert not Demande.objects.filter(statut_modifie_le__date__gt="2026-11-30").exists()
    assert not Affectation.objects.filter(statut_modifie_le__date__gt="2026-11-30").exists()
    assert not Demande.objects.exclude(email__endswith=".example.org").exists()
    assert Demande.objects.filter(reference="DEM-2025-00825").exists()


def test_relancer_ne_change_rien(demo_chargee):
    avant = (Demande.objects.count(), Affectation.objects.count(), BilanFige.objects.count(),
             list(Demande.objects.order_by("reference").values_list("reference", "cle_import", "statut")[:50]))
    sortie = io.StringIO()
    demo.load(sortie)
    assert "0 demandes de démonstration créées (3967 au total)" in sortie.getvalue()
    apres = (Demande.objects.count(), Affectation.objects.count(), BilanFige.objects.count(),
             list(Demande.objects.order_by("reference").values_list("reference", "cle_import", "statut")[:50]))
    assert avant == apres
    assert BilanFige.objects.get(annee=2025).donnees["bilan"] == calculer_bilan(2025)
