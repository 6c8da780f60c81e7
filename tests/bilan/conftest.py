from datetime import datetime

import pytest

from demandes.models import StatutAffectation, TypeCollectivite
from site_collectivites.squelette import referentiel as demo
from site_collectivites.taxonomie.models import Thematique, TypePrestation
from site_collectivites.territoire.importer import importer_fichiers_par_defaut
from site_collectivites.territoire.models import Commune, Epci
from tests.bilan.factories import PARIS, AffectationFactory, DemandeFactory
from tests.factories import PartenaireFactory


@pytest.fixture
def territoire(db):
    """The real reference: 362 communes, 19 cantons, 16 EPCI."""
    importer_fichiers_par_defaut()
    return {c.insee: c for c in Commune.objects.filter(insee__in=["26001", "26289", "26362", "26113"])}


@pytest.fixture
def referentiel(db):
    """The 9 thématiques and 4 types de prestation of the site, and four partenaires."""
    for ordre, (slug, nom, *_reste) in enumerate(demo.THEMATIQUES):
        Thematique.objects.create(slug=slug, nom=nom, ordre=ordre)
    for ordre, (slug, nom, sigle, definition) in enumerate(demo.TYPES_PRESTATION):
        TypePrestation.objects.create(slug=slug, nom=nom, sigle=sigle, definition=definition, ordre=ordre)
    partenaires = {
        slug: PartenaireFactory(slug=slug, nom=nom, sigle=sigle)
        for slug, nom, sigle in [
            ("caue", "Conseil d'architecture, d'urbanisme et de l'environnement", "CAUE"),
            ("sded", "Territoire d'énergie Drôme – SDED", "SDED"),
            ("gestion-eau", "Service de la gestion de l'eau", "Gestion de l'eau"),
            ("dah", "Drôme Aménagement Habitat", "DAH"),
        ]
    }
    return {
        "thematiques": {t.slug: t for t in Thematique.objects.all()},
        "prestations": {p.slug: p for p in TypePrestation.objects.all()},
        "partenaires": partenaires,
    }


@pytest.fixture
def jeu(territoire, referentiel):
    """A hand-made year with known answers (see tests/bilan/test_statistiques.py for the expected figures).

    2025: 9 demandes — 4 from 3 communes (2 under 1,000 inhabitants), 3 from 2 EPCI, 1 syndicat, 1 other;
    2024: 6 demandes.
    """
    t = referentiel["thematiques"]
    p = referentiel["prestations"]
    part = referentiel["partenaires"]
    solaure, saillans, valence, die = (territoire[c] for c in ["26001", "26289", "26362", "26113"])
    diois = Epci.objects.get(siren="242600534")
    agglo = Epci.objects.get(siren="200068781")
    commune = TypeCollectivite.COMMUNE
    d = {}
    d[1] = DemandeFactory(commune=solaure, mois=3, thematiques=[t["energie"], t["habitat"]])
    d[2] = DemandeFactory(commune=solaure, mois=5, thematiques=[t["eau-et-environnement"]])
    d[3] = DemandeFactory(commune=saillans, mois=3, thematiques=[t["amenagement"]])
    d[4] = DemandeFactory(commune=valence, mois=6, thematiques=[t["amenagement"]])
    # 31 December, 23:30 in Paris: 22:30 UTC, still December.
    d[5] = DemandeFactory(type_collectivite=TypeCollectivite.EPCI, epci=agglo, thematiques=[t["numerique"]],
                          cree_le=datetime(2025, 12, 31, 23, 30, tzinfo=PARIS))
    d[6] = DemandeFactory(type_collectivite=TypeCollectivite.EPCI, epci=diois, mois=2,
                          thematiques=[t["eau-et-environnement"]])
    d[7] = DemandeFactory(type_collectivite=TypeCollectivite.EPCI, epci=diois, mois=2,
                          thematiques=[t["eau-et-environnement"]])
    d[8] = DemandeFactory(type_collectivite=TypeCollectivite.SYNDICAT, commune=die, nom_structure="SIVU des eaux",
                          mois=2, thematiques=[t["eau-et-environnement"]])
    d[9] = DemandeFactory(type_collectivite=TypeCollectivite.AUTRE, nom_structure="Office de tourisme", mois=11,
                          thematiques=[t["culture-et-patrimoine"]])
    for _ in range(6):
        DemandeFactory(annee=2024, commune=saillans, type_collectivite=commune, thematiques=[t["amenagement"]])
    AffectationFactory(demande=d[1], partenaire=part["sded"], prestation_realisee=p["conseil"])
    AffectationFactory(demande=d[2], partenaire=part["gestion-eau"], prestation_realisee=p["amo"])
    AffectationFactory(demande=d[3], partenaire=part["caue"], prestation_realisee=p["amo"])
    AffectationFactory(demande=d[3], partenaire=part["dah"], statut=StatutAffectation.DECLINEE)
    AffectationFactory(demande=d[4], partenaire=part["caue"], statut=StatutAffectation.EN_COURS)
    AffectationFactory(demande=d[8], partenaire=part["gestion-eau"], prestation_realisee=p["maitrise-d-oeuvre"])
    return d


@pytest.fixture
def page_bilan(home):
    from tests.bilan.factories import BilanPageFactory

    return BilanPageFactory(parent=home, annee_par_defaut=2025)


def utilisateur(nom, groupe=None):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(nom, f"{nom}@example.org", "motdepasse", first_name=nom.capitalize())
    if groupe:
        user.groups.add(Group.objects.get(name=groupe))
    return user


@pytest.fixture
def coordination(db):
    return utilisateur("coordinatrice", "Coordination des demandes")


@pytest.fixture
def agent_caue(referentiel):
    from demandes.models import AgentPartenaire

    user = utilisateur("agentcaue", "Agents des partenaires")
    AgentPartenaire.objects.create(utilisateur=user, partenaire=referentiel["partenaires"]["caue"])
    return user


@pytest.fixture
def redacteur(db):
    return utilisateur("redacteur", "Rédacteurs")
