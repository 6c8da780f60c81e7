"""The admin exports survive any character typed in a public form: a vertical tab or a \\x01 in one row made
`?export=xlsx` answer 500 for the whole listing (issue #21). Every control character goes through the real export
views (demandes for the coordination and for the assigned partner, registrations, subscribers), in XLSX and CSV;
both files open, show the same text, and hold no character a spreadsheet refuses."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from site_collectivites.exploitation.exports import texte_tableur
from tests.agenda.factories import AgendaIndexPageFactory, EvenementInscriptionFactory, InscriptionFactory
from tests.demandes.factories import AffectationFactory, DemandeFactory, compte
from tests.factories import PartenaireFactory
from tests.newsletter.factories import AbonneFactory
from tests.utils import lire_csv

pytestmark = pytest.mark.django_db

CONTROLES = [chr(code) for code in range(0x20)] + ["\x7f"]
# PostgreSQL stores no NUL character (and Django's form fields refuse it): \x00 never reaches an export from the
# database, so it is tried on the function itself below.
STOCKABLES = CONTROLES[1:]
# What a spreadsheet refuses: XML 1.0 (the XLSX format) allows only tab, line feed and carriage return.
REFUSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def texte(code):
    """A value with the control character in the middle and another one before a formula."""
    return f"avant{chr(code)}après"


def lire_xlsx(reponse):
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    lignes = list(openpyxl.load_workbook(io.BytesIO(contenu)).active.values)
    return [["" if cellule is None else cellule for cellule in ligne] for ligne in lignes]


def exports(client, url):
    """The rows of the CSV and of the XLSX export of the listing at `url`, both answered 200."""
    fichiers = {}
    for format_ in ("csv", "xlsx"):
        reponse = client.get(url, {"export": format_})
        assert reponse.status_code == 200, f"export {format_} : {reponse.status_code}"
        fichiers[format_] = lire_csv(reponse) if format_ == "csv" else lire_xlsx(reponse)
    return fichiers


def cellules(lignes, titre):
    return [str(ligne[lignes[0].index(titre)]) for ligne in lignes[1:]]


def verifier(fichiers, titre, nombre):
    """The column `titre` holds each value as a person reads it, in both files alike; no refused character;
    a formula hidden behind a control character is shown as text."""
    valeurs = {}
    for format_, lignes in fichiers.items():
        colonne = cellules(lignes, titre)
        assert len(colonne) == nombre, f"{format_} : {len(colonne)} lignes"
        sales = [repr(c) for c in colonne if REFUSES.search(c)]
        assert not sales, f"{format_} « {titre} » : caractère refusé restant {sales}"
        valeurs[format_] = sorted(c.replace("\r\n", "\n").replace("\r", "\n") for c in colonne)
    assert valeurs["csv"] == valeurs["xlsx"], "le CSV et le XLSX montrent le même texte"
    textes = valeurs["csv"]
    assert "avant après" in textes, "un saut de ligne de Word (tabulation verticale) sépare les mots"
    assert "avantaprès" in textes, "\\x01 est retiré"
    assert all("avant" in c and "après" in c for c in textes if not c.startswith("'")), textes
    assert "'=cmd|' /C calc'!A0" in textes, "la formule cachée derrière \\x01 reste du texte"


def test_the_function_leaves_what_spreadsheets_accept():
    for caractere in CONTROLES:
        nettoye = texte_tableur(f"a{caractere}b")
        assert not REFUSES.search(nettoye), repr(caractere)
        assert nettoye in ("ab", "a b", f"a{caractere}b"), repr(nettoye)
    assert texte_tableur("Drôme\tÉté\n2027\r\n") == "Drôme\tÉté\n2027\r\n"
    assert texte_tableur("a\ufffeb\uffff") == "ab"  # not characters in XML 1.0 either
    assert texte_tableur(12) == 12 and texte_tableur(None) is None


def test_demandes_export_for_the_coordination_and_the_partner(client, home):
    partenaire = PartenaireFactory(nom="Territoire d'énergie Drôme – SDED")
    for code in map(ord, STOCKABLES):
        demande = DemandeFactory(titre=texte(code), nom=f"Martin{chr(code)}", calendrier=texte(code))
        AffectationFactory(demande=demande, partenaire=partenaire)
    AffectationFactory(demande=DemandeFactory(titre="\x01=cmd|' /C calc'!A0"), partenaire=partenaire)
    nombre = len(STOCKABLES) + 1
    for utilisateur in (compte("coordinatrice", "Coordination des demandes"),
                        compte("agent_sded", "Agents des partenaires", partenaire)):
        client.force_login(utilisateur)
        verifier(exports(client, reverse("demandes:index")), "Projet", nombre)


def test_registrations_export(client, home):
    evenement = EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), capacite=100)
    for code in map(ord, STOCKABLES):
        InscriptionFactory(evenement=evenement, nom=texte(code), besoins_accessibilite=texte(code))
    InscriptionFactory(evenement=evenement, nom="\x01=cmd|' /C calc'!A0")
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "motdepasse-tres-long-42"))
    verifier(exports(client, reverse("agenda_inscriptions:index")), "Nom", len(STOCKABLES) + 1)


def test_subscribers_export(client, home):
    for code in map(ord, STOCKABLES):
        AbonneFactory(collectivite=texte(code), fonction=texte(code))
    AbonneFactory(collectivite="\x01=cmd|' /C calc'!A0")
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "motdepasse-tres-long-42"))
    verifier(exports(client, reverse("newsletter_abonnes:index")), "Collectivité", len(STOCKABLES) + 1)
