"""The service measured (#20 item 4): delays from the history, 5 working days with French public holidays, the
public figures for the whole Département and the admin's by partner, each user seeing only what is theirs."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from demandes.bilan import service
from demandes.models import Statut, StatutAffectation
from demandes.suivi import mettre_a_jour_affectation
from tests.bilan.factories import AffectationFactory, DemandeFactory

PARIS = ZoneInfo("Europe/Paris")


def le(jour, heure=10):
    return datetime.datetime(2026, *jour, heure, 0, tzinfo=PARIS)


def test_easter_and_the_french_public_holidays():
    assert service.paques(2026) == datetime.date(2026, 4, 5)
    assert service.paques(2027) == datetime.date(2027, 3, 28)
    feries = service.jours_feries(2026)
    assert len(feries) == 11
    assert {datetime.date(2026, 4, 6), datetime.date(2026, 5, 14), datetime.date(2026, 5, 25)} <= feries


def test_five_working_days_skip_weekends_and_holidays():
    # Received Thursday 30 April 2026: Friday 1 May and Friday 8 May are holidays, so the 5th working day is
    # Monday 11 May (4, 5, 6, 7, 11); the delay ends at midnight after it.
    assert service.fin_du_delai(le((4, 30))) == datetime.datetime(2026, 5, 12, tzinfo=PARIS)
    # Received a Monday without holidays: the following Monday.
    assert service.fin_du_delai(le((3, 2))) == datetime.datetime(2026, 3, 10, tzinfo=PARIS)


def prise_en_charge(affectation, quand, statut=StatutAffectation.ACCEPTEE):
    """As an agent records it in the back office (demandes/suivi.py), at `quand`."""
    with mock.patch("django.utils.timezone.now", return_value=quand):
        mettre_a_jour_affectation(affectation, None, statut)
    affectation.refresh_from_db()


@pytest.fixture
def historique(jeu, referentiel):
    """2026: four demandes. SDED: assigned after 1 day, taken on after 3 (within 5 working days), then again on
    a second demande after 12 days (late). CAUE: assigned, never taken on. One demande never assigned, closed."""
    part = referentiel["partenaires"]
    rapide = DemandeFactory(annee=2026, mois=3, cree_le=le((3, 2)))
    lente = DemandeFactory(annee=2026, mois=3, cree_le=le((3, 2)))
    attente = DemandeFactory(annee=2026, mois=3, cree_le=le((3, 2)))
    DemandeFactory(annee=2026, mois=3, cree_le=le((3, 2)), statut=Statut.SANS_SUITE)
    a1 = AffectationFactory(demande=rapide, partenaire=part["sded"], statut=StatutAffectation.A_TRAITER, cree_le=le((3, 3)))
    a2 = AffectationFactory(demande=lente, partenaire=part["sded"], statut=StatutAffectation.A_TRAITER, cree_le=le((3, 3)))
    AffectationFactory(demande=attente, partenaire=part["caue"], statut=StatutAffectation.A_TRAITER, cree_le=le((3, 4)))
    prise_en_charge(a1, le((3, 5)))
    prise_en_charge(a2, le((3, 14)), StatutAffectation.EN_COURS)
    prise_en_charge(a2, le((3, 20)), StatutAffectation.TERMINEE)  # the first taking on is kept
    assert a2.prise_en_charge_le == le((3, 14))
    return part


def test_the_figures_come_from_the_recorded_dates(historique):
    tous = service.mesurer(2026)
    assert tous["demandes"] == 4 and tous["affectees"] == 3 and tous["prises_en_charge"] == 2
    assert tous["mediane_affectation"] == 1.0  # 1, 1 and 2 days
    assert tous["mediane_prise_en_charge"] == 7.5  # 3 and 12 days
    assert tous["part_dans_le_delai"] == 25.0  # 1 of 4: the others are late or not taken on
    assert tous["part_closes"] == 50.0  # the one finished by SDED and the one « sans suite »
    sded = service.mesurer(2026, partenaire=historique["sded"])
    assert (sded["demandes"], sded["part_dans_le_delai"], sded["mediane_prise_en_charge"]) == (2, 50.0, 7.5)
    caue = service.mesurer(2026, partenaire=historique["caue"])
    assert (caue["demandes"], caue["prises_en_charge"], caue["mediane_prise_en_charge"]) == (1, 0, None)
    assert caue["part_dans_le_delai"] == 0.0


def test_the_public_bilan_shows_the_departements_figures_and_how_they_are_made(client, historique, page_bilan):
    soupe = BeautifulSoup(client.get("/bilan/?annee=2026").content.decode(), "html.parser")
    section = soupe.find("section", class_="bilan-service")
    texte = section.get_text(" ", strip=True)
    assert "Le service rendu aux collectivités en 2026" in texte
    assert "7,5\xa0jours entre la réception et la prise en charge par le partenaire" in texte
    assert "25\xa0% des demandes prises en charge sous 5 jours ouvrés (4\xa0demandes mesurées)" in texte
    assert "jours fériés exclus" in section.find("details").get_text()


def figures_admin(client, chemin):
    section = BeautifulSoup(client.get(chemin).content.decode(), "html.parser").find("section", class_="bilan-service")
    return section.find("h2").get_text(strip=True), section.get_text(" ", strip=True)


def test_the_coordination_filters_by_partner_an_agent_sees_only_its_own(client, historique, coordination, agent_caue):
    client.force_login(coordination)
    titre, _ = figures_admin(client, "/admin/bilan/?annee=2026")
    assert titre == "Le service rendu en 2026 : tous les partenaires"
    titre, texte = figures_admin(client, f"/admin/bilan/?annee=2026&service={historique['sded'].pk}")
    assert titre == "Le service rendu en 2026 : SDED" and "50\xa0% des demandes prises en charge" in texte
    client.get("/admin/bilan/?annee=2026&service=abc")  # ignored, never a 500

    client.force_login(agent_caue)
    titre, texte = figures_admin(client, f"/admin/bilan/?annee=2026&service={historique['sded'].pk}")
    assert titre == "Le service rendu en 2026 : CAUE" and "0\xa0% des demandes prises en charge" in texte
