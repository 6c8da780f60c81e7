import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Canton, Commune, Epci
from tests.demandes.factories import DemandeFormPageFactory
from tests.offres.factories import OffreIndexPageFactory, OffrePageFactory
from tests.securite.test_antivirus import clamd_unix  # noqa: F401 (fixture: a fake ClamAV daemon)


@pytest.fixture
def territoire(db):
    """A small territory: Saillans (under 1,000 inhabitants) and Valence, split between two cantons."""
    epci = Epci.objects.create(siren="242600534", nom="CC du Crestois", nature="CC")
    valence_agglo = Epci.objects.create(siren="200068781", nom="CA Valence Romans Agglo", nature="CA")
    crest = Canton.objects.create(code="2602", nom="Crest", bureau_centralisateur="26108")
    valence_1 = Canton.objects.create(code="2615", nom="Valence-1", bureau_centralisateur="26362")
    valence_2 = Canton.objects.create(code="2616", nom="Valence-2", bureau_centralisateur="26362")
    saillans = Commune.objects.create(insee="26289", nom="Saillans", population=950, epci=epci)
    saillans.cantons.set([crest])
    valence = Commune.objects.create(insee="26362", nom="Valence", population=64458, epci=valence_agglo)
    valence.cantons.set([valence_2, valence_1])
    return {"saillans": saillans, "valence": valence, "epci": epci, "crest": crest, "valence_1": valence_1}


@pytest.fixture
def referentiel(db):
    service = Partenaire.objects.create(nom="Service des relations avec les collectivités", sigle="SRC",
                                        nature="direction", email_contact="src@example.org")
    sded = Partenaire.objects.create(nom="Territoire d'énergie Drôme – SDED", sigle="SDED",
                                     email_contact="sded@example.org")
    energie = Thematique.objects.create(nom="Énergie", slug="energie", service_referent=service)
    habitat = Thematique.objects.create(nom="Habitat", slug="habitat", service_referent=service)
    amo = TypePrestation.objects.create(nom="Assistance à maîtrise d'ouvrage", sigle="AMO", definition="…")
    return {"service": service, "sded": sded, "energie": energie, "habitat": habitat, "amo": amo}


@pytest.fixture
def page_demande(home):
    return DemandeFormPageFactory(parent=home, intro="<p>Décrivez votre projet.</p>")


@pytest.fixture
def offre(home, referentiel):
    index = OffreIndexPageFactory(parent=home)
    return OffrePageFactory(
        parent=index, title="Conseil en énergie des communes", slug="conseil-energie",
        partenaire=referentiel["sded"], thematiques=[referentiel["energie"]],
    )


def pdf(nom="note.pdf", taille=None):
    contenu = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if taille:
        contenu = contenu + b"0" * (taille - len(contenu))
    return SimpleUploadedFile(nom, contenu, content_type="application/pdf")


def docx(nom="plan.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(nom, buffer.getvalue(), content_type="application/octet-stream")


def donnees_valides(territoire, referentiel, **autres):
    donnees = {
        "type_collectivite": "commune",
        "commune": territoire["saillans"].pk,
        "nom": "Martin",
        "prenom": "Claire",
        "fonction": "maire",
        "email": "mairie@saillans.example.org",
        "telephone": "04 75 21 51 05",
        "titre": "Rénovation énergétique de l'école",
        "thematiques": [referentiel["energie"].pk],
        "type_prestation": referentiel["amo"].pk,
        "description": "L'école date de 1932 et consomme beaucoup de fioul.",
        "calendrier": "Travaux à l'été 2027",
        "budget": "250000",
    }
    donnees.update(autres)
    return donnees


@pytest.fixture
def comptes(db, referentiel):
    """Coordination, an agent of the SDED, an agent of the Département's service, a page editor."""
    from tests.demandes.factories import compte

    return {
        "coordination": compte("coordinatrice", "Coordination des demandes"),
        "agent_sded": compte("agent_sded", "Agents des partenaires", referentiel["sded"]),
        "agent_src": compte("agent_src", "Agents des partenaires", referentiel["service"]),
        "redacteur": compte("redacteur", "Rédacteurs"),
        "agent_sans_partenaire": compte("agent_orphelin", "Agents des partenaires"),
    }
