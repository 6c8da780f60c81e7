"""Every CSV the site offers opens right in a French spreadsheet: UTF-8 with a byte order mark (accents intact),
semicolon-separated (the comma is the French decimal separator), decimal commas. Downloaded as the staff member
who needs it, decoded as Excel does."""

import codecs

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.agenda.factories import AgendaIndexPageFactory, EvenementInscriptionFactory, InscriptionFactory
from tests.demandes.factories import DemandeFactory, compte
from tests.factories import ThematiqueFactory
from tests.newsletter.factories import AbonneFactory
from tests.utils import lire_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(db):
    return compte("coordinatrice", "Coordination des demandes")


@pytest.fixture
def administrateur(db):
    return User.objects.create_superuser("admin", "admin@example.org", "motdepasse-tres-long-42")


def colonne(lignes, titre):
    return [ligne[lignes[0].index(titre)] for ligne in lignes[1:]]


def test_the_shared_writer_writes_the_french_format():
    from site_collectivites.exploitation.exports import lignes_csv

    contenu = b"".join(lignes_csv([["libellé", "part (%)"], ["Drôme; Ardèche", 12.5], ["vide", None]]))
    assert contenu == codecs.BOM_UTF8 + 'libellé;part (%)\r\n"Drôme; Ardèche";12,5\r\nvide;\r\n'.encode()


def test_coordination_exports_the_demandes(client, home, coordination):
    demande = DemandeFactory(titre="Rénovation de l'école, tranche 2", territoire_canton="Le Diois",
                             thematiques=[ThematiqueFactory(nom="Énergie"), ThematiqueFactory(nom="Habitat")])
    client.force_login(coordination)
    lignes = lire_csv(client.get(reverse("demandes:index"), {"export": "csv"}))
    assert lignes[0][:4] == ["Référence", "Reçue le", "Source", "Statut"]
    assert colonne(lignes, "Référence") == [demande.reference]
    assert colonne(lignes, "Projet") == ["Rénovation de l'école, tranche 2"]  # the comma stays inside its cell
    assert colonne(lignes, "Thématiques") == ["Énergie, Habitat"]
    assert colonne(lignes, "Statut") == ["Reçue"]
    assert colonne(lignes, "Reçue le") == [timezone.localtime(demande.cree_le).strftime("%d/%m/%Y %H:%M")]


def test_organisers_export_the_registrations(client, home, administrateur):
    evenement = EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), title="Journée énergie")
    InscriptionFactory(evenement=evenement, nom="Bérénice", autre_structure="Syndicat d'électricité")
    client.force_login(administrateur)
    lignes = lire_csv(client.get(reverse("agenda_inscriptions:index"), {"export": "csv"}))
    assert lignes[0][:2] == ["Événement", "Collectivité ou structure"]
    assert colonne(lignes, "Nom") == ["Bérénice"]
    assert colonne(lignes, "Collectivité ou structure") == ["Syndicat d'électricité"]


def test_the_newsletter_team_exports_the_subscribers(client, home, administrateur):
    abonne = AbonneFactory(email="mairie@saint-andéol.example", collectivite="Commune de Saint-Andéol")
    abonne.thematiques.set([ThematiqueFactory(nom="Énergie"), ThematiqueFactory(nom="Eau et environnement")])
    client.force_login(administrateur)
    lignes = lire_csv(client.get(reverse("newsletter_abonnes:index"), {"export": "csv"}))
    assert lignes[0][:3] == ["Adresse électronique", "Statut", "Thématiques"]
    assert lignes[1][:2] == ["mairie@saint-andéol.example", "Confirmé"]
    assert sorted(lignes[1][2].split(", ")) == ["Eau et environnement", "Énergie"]


def test_coordination_exports_the_bilan(client, home, coordination):
    annee = timezone.localdate().year
    DemandeFactory(thematiques=[ThematiqueFactory(nom="Énergie")])
    DemandeFactory(thematiques=[ThematiqueFactory(nom="Solidarité")], type_collectivite="epci",
                   territoire_epci="CC du Diois")
    client.force_login(coordination)
    lignes = lire_csv(client.get("/admin/bilan/", {"annee": annee, "format": "csv"}))
    assert lignes[0] == ["rubrique", "code", "libellé", "nombre", "part (%)"]
    par_libelle = {ligne[2]: ligne for ligne in lignes if ligne[0] == "Demandes par thématique"}
    assert par_libelle["Énergie"][3:] == ["1", "50,0"] and par_libelle["Solidarité"][3:] == ["1", "50,0"]
