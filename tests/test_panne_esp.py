"""The provider of e-mail goes down: every kind of e-mail the site sends waits in the outbox, none is lost, each
is delivered exactly once when it comes back (site_collectivites/courrier/, docs/courriels.md)."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from agenda import inscriptions
from demandes import suivi
from demandes.models import CourrielDemande, Demande
from newsletter import retention
from site_collectivites.models import CourrielEnFile
from tests import courriel_commutable
from tests.agenda.factories import AgendaIndexPageFactory, EvenementInscriptionFactory
from tests.demandes.conftest import comptes, donnees_valides, page_demande, referentiel, territoire  # noqa: F401
from tests.demandes.factories import AffectationFactory
from tests.newsletter.factories import AbonneFactory

ESP = "tests.courriel_commutable.BackendCommutable"


@pytest.fixture
def esp(settings):
    settings.EMAIL_BACKEND = ESP
    courriel_commutable.ETAT["en_panne"] = False
    yield courriel_commutable.ETAT
    courriel_commutable.ETAT["en_panne"] = False


def toutes_les_files():
    """Every outbox row of the site: (nature, état)."""
    return ([(c.nature, c.etat) for c in CourrielEnFile.objects.all()]
            + [(c.nature, c.etat) for c in CourrielDemande.objects.all()])


def envoyer_courriels():
    sortie, erreurs = io.StringIO(), io.StringIO()
    try:
        call_command("envoyer_courriels", stdout=sortie, stderr=erreurs)
    except CommandError as erreur:
        return 1, str(erreur)
    return 0, erreurs.getvalue()


def test_every_kind_of_email_survives_an_esp_outage(client, home, page_demande, territoire, referentiel, comptes,
                                                    esp, settings, django_capture_on_commit_callbacks):
    esp["en_panne"] = True
    assert client.get("/healthz").json()["statut"] == "ok"
    evenement = EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), capacite=1,
                                            title="Rencontre des secrétaires de mairie")
    ancien_abonne = AbonneFactory(email="fidele@mairie.example", derniere_activite=timezone.now() - timedelta(days=2000))
    get_user_model().objects.filter(username="redacteur").update(email="redacteur@ladrome.example")
    personne = {"prenom": "Alex", "fonction": "Maire", "autre_structure": "Syndicat mixte", "nombre_personnes": 1}
    with django_capture_on_commit_callbacks(execute=True):
        # A demande (acknowledgement, notification), then its assignment to a partner.
        assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 302
        suivi.affecter(Demande.objects.get(), referentiel["sded"], comptes["coordination"])
        # Registrations: confirmed, waiting list, cancelled, promoted.
        premiere = inscriptions.inscrire(evenement, nom="Alpha", email="alpha@example.org", **personne)
        inscriptions.inscrire(evenement, nom="Bravo", email="bravo@example.org", **personne)
        inscriptions.annuler(premiere)
        # The newsletter: a subscription's confirmation, an inactive subscriber's renewal.
        assert client.post("/lettre/inscription/", {"email": "nouvelle@mairie.example"}).status_code == 302
        assert retention.relancer_inactifs() == 1
        # A partner's reminder, an editor's password reset.
        AffectationFactory(partenaire=referentiel["service"], statut_modifie_le=timezone.now() - timedelta(days=30))
        call_command("relancer_partenaires", "--jours", "10", stdout=io.StringIO())
        assert client.post("/admin/password_reset/", {"email": "redacteur@ladrome.example"}).status_code == 302

    attendus = Counter({
        ("accuse_reception", "echec"): 1, ("notification", "echec"): 1, ("affectation", "echec"): 1,
        ("inscription", "echec"): 3, ("annulation_inscription", "echec"): 1,
        ("lettre_confirmation", "echec"): 1, ("lettre_renouvellement", "echec"): 1,
        ("relance_partenaire", "echec"): 1, ("reinitialisation", "echec"): 1,
    })
    # Nothing left, nothing lost: every e-mail is a row that failed once and waits for its next try.
    assert mail.outbox == []
    assert Counter(toutes_les_files()) == attendus
    # One failure is a hiccup, retried in five minutes: nobody is woken up.
    assert client.get("/healthz").json()["courriels_en_retard"] == 0

    # An hour later, the provider still down: /healthz says so, the retry command fails loudly.
    CourrielEnFile.objects.update(prochain_essai=timezone.now() - timedelta(hours=1))
    CourrielDemande.objects.update(prochain_essai=timezone.now() - timedelta(hours=1))
    code, erreurs = envoyer_courriels()
    assert code == 1 and f"{sum(attendus.values())} courriel(s) en souffrance" in erreurs
    sante = client.get("/healthz").json()
    assert sante["statut"] == "degrade" and sante["courriels_en_retard"] == sum(attendus.values())
    assert all(tentatives == 2 for tentatives in CourrielEnFile.objects.values_list("tentatives", flat=True))

    # The provider comes back: once their next try is due, the run delivers everything, the next one nothing more.
    esp["en_panne"] = False
    CourrielEnFile.objects.update(prochain_essai=timezone.now())
    CourrielDemande.objects.update(prochain_essai=timezone.now())
    assert envoyer_courriels() == (0, "")
    assert envoyer_courriels() == (0, "")
    assert {etat for _, etat in toutes_les_files()} == {"envoye"}
    livres = Counter((tuple(m.to), m.subject) for m in mail.outbox)
    assert len(mail.outbox) == sum(attendus.values()) and set(livres.values()) == {1}
    destinataires = {adresse for m in mail.outbox for adresse in m.to}
    assert {"mairie@saillans.example.org", "src@example.org", "sded@example.org", "alpha@example.org",
            "bravo@example.org", "nouvelle@mairie.example", "fidele@mairie.example",
            "redacteur@ladrome.example"} <= destinataires
    assert client.get("/healthz").json()["statut"] == "ok"
    # The registration's cancellation link and the password reset link went out as they were queued.
    assert any("/inscription/annuler/?jeton=" in m.body for m in mail.outbox if m.to == ["bravo@example.org"])
    assert any("/admin/password_reset/confirm/" in m.body for m in mail.outbox)


def test_an_email_that_keeps_failing_is_abandoned_visibly(admin_client, home, esp, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMultiAlternatives

    from site_collectivites.courrier.file import mettre_en_file

    esp["en_panne"] = True
    with django_capture_on_commit_callbacks(execute=True):
        mettre_en_file(EmailMultiAlternatives("Inscription confirmée : Forum", "Bonjour", to=["x@mairie.example"]),
                       CourrielEnFile.Nature.INSCRIPTION)
    for _ in range(4):
        CourrielEnFile.objects.update(prochain_essai=timezone.now())
        envoyer_courriels()
    courriel = CourrielEnFile.objects.get()
    assert (courriel.etat, courriel.tentatives) == ("abandonne", 5)
    # Listed in the admin with its error, never its body.
    liste = admin_client.get("/admin/courriels/?etat=abandonne").content.decode()
    assert "Inscription confirmée : Forum" in liste and "Le fournisseur d&#x27;e-mail ne répond pas" in liste
    fiche = admin_client.get(f"/admin/courriels/inspect/{courriel.pk}/").content.decode()
    assert "Abandonné après plusieurs essais" in fiche and "Bonjour" not in fiche
    # Abandoned is not « late »: a person must look, the retries are over.
    assert client_healthz(admin_client)["courriels_en_retard"] == 0


def client_healthz(client):
    return client.get("/healthz").json()
