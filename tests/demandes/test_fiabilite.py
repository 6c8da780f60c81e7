"""Nothing lost: a failing e-mail backend never loses a demande; references stay unique under load."""

import threading
from datetime import timedelta

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from demandes.models import CourrielDemande, Demande
from demandes.models.references import prochain_numero
from demandes.services import enregistrer_demande
from tests.demandes.conftest import donnees_valides
from tests.utils import en_tetes_recus

EN_PANNE = "tests.demandes.courriel_en_panne.BackendEnPanne"


def test_a_mail_failure_keeps_the_demande_and_is_retried_later(
    client, page_demande, territoire, referentiel, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = EN_PANNE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_demande.url, donnees_valides(territoire, referentiel))

    # The person sees the confirmation: the demande is saved even though no e-mail could leave.
    assert response.status_code == 302
    demande = Demande.objects.get()
    assert demande.reference in client.get(response["Location"]).content.decode()
    courriels = CourrielDemande.objects.filter(demande=demande)
    assert {c.etat for c in courriels} == {"echec"}
    assert all(c.tentatives == 1 and "Connexion au serveur" in c.derniere_erreur for c in courriels)
    assert all(c.prochain_essai > timezone.now() for c in courriels)

    # Not due yet: the retry command leaves them alone.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("envoyer_courriels_demandes", stdout=open("/dev/null", "w"))
    assert not mail.outbox

    # Once due, the backend is back: both go out, once.
    courriels.update(prochain_essai=timezone.now() - timedelta(seconds=1))
    call_command("envoyer_courriels_demandes", stdout=open("/dev/null", "w"))
    call_command("envoyer_courriels_demandes", stdout=open("/dev/null", "w"))
    assert sorted(m.to[0] for m in mail.outbox) == ["mairie@saillans.example.org", "src@example.org"]
    assert {c.etat for c in courriels.all()} == {"envoye"}


def test_a_title_with_line_breaks_still_reaches_the_partner(
    client, page_demande, territoire, referentiel, django_capture_on_commit_callbacks
):
    """A script posted a title with CR/LF: Django refuses a header with a line break, so the partner's
    notification failed at every retry and was never delivered. The subject is now folded onto one line."""
    titre = "Rénovation de l'école\r\nBcc: intrus@example.org\n\u2028tranche 2"
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel, titre=titre))
    assert reponse.status_code == 302
    demande = Demande.objects.get()
    assert {c.nature: c.etat for c in CourrielDemande.objects.filter(demande=demande)} == {
        "accuse_reception": "envoye", "notification": "envoye"}
    [notification] = [m for m in mail.outbox if m.to == ["src@example.org"]]
    en_tetes = en_tetes_recus(notification)
    assert en_tetes["Subject"] == (
        f"Nouvelle demande {demande.reference} : Rénovation de l'école Bcc: intrus@example.org tranche 2")
    assert "Bcc" not in en_tetes and "\n" not in en_tetes["Subject"] and "\r" not in en_tetes["Subject"]
    assert demande.titre == titre  # what the person sent is kept as sent; only the header is folded


def test_the_header_line_folds_every_line_break():
    from site_collectivites.exploitation.courriels import ligne_d_en_tete

    for saut in ("\r\n", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\t", "\x00"):
        assert ligne_d_en_tete(f"Lettre{saut}de mars") == "Lettre de mars", repr(saut)
    assert ligne_d_en_tete("  Lettre \r\n\r\n  de mars \n") == "Lettre de mars"
    assert ligne_d_en_tete("Énergie : « Drôme »") == "Énergie : « Drôme »"


def test_retries_back_off_then_give_up_visibly(db, territoire, referentiel, settings):
    from demandes.taches import envoyer_dus

    settings.EMAIL_BACKEND = EN_PANNE
    demande = enregistrer_demande(_cleaned(territoire, referentiel))
    courriel = CourrielDemande.objects.get(demande=demande, nature="accuse_reception")
    delais = []
    for _ in range(5):
        avant = timezone.now()
        CourrielDemande.objects.filter(pk=courriel.pk).update(prochain_essai=avant - timedelta(seconds=1))
        envoyer_dus()
        courriel.refresh_from_db()
        delais.append(courriel.prochain_essai - avant)
    assert courriel.etat == "abandonne" and courriel.tentatives == 5
    assert delais[0] < delais[1] < delais[2] < delais[3]


def _cleaned(territoire, referentiel):
    return {
        "type_collectivite": "commune", "commune": territoire["saillans"], "nom": "Martin", "prenom": "Claire",
        "fonction": "maire", "email": "mairie@saillans.example.org", "titre": "Projet",
        "thematiques": [referentiel["energie"]], "description": "Description.",
    }


def test_references_follow_each_other_within_a_year(db):
    assert [prochain_numero(2026) for _ in range(3)] == [1, 2, 3]
    assert prochain_numero(2027) == 1


@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_under_concurrent_submissions(base_restauree, territoire, referentiel):
    """Ten demandes submitted at the same instant from ten connections get ten different numbers."""
    depart = threading.Barrier(10)
    erreurs = []

    def soumettre():
        try:
            depart.wait(timeout=10)
            enregistrer_demande(_cleaned(territoire, referentiel))
        except Exception as erreur:  # collected: a failing thread must fail the test
            erreurs.append(erreur)
        finally:
            connections.close_all()

    fils = [threading.Thread(target=soumettre) for _ in range(10)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()

    assert not erreurs
    numeros = sorted(int(reference.rsplit("-", 1)[1]) for reference in Demande.objects.values_list("reference", flat=True))
    assert numeros == list(range(1, 11))
    assert connection.vendor == "postgresql"


def test_failed_mails_are_visible_in_the_admin_and_not_editable(admin_client, db, territoire, referentiel, settings):
    settings.EMAIL_BACKEND = EN_PANNE
    demande = enregistrer_demande(_cleaned(territoire, referentiel))
    from demandes.taches import envoyer_dus

    envoyer_dus()
    html = admin_client.get("/admin/demandes/courriels/").content.decode()
    assert demande.reference in html and "Échec (nouvel essai prévu)" in html
    assert "Connexion au serveur de messagerie perdue" in html
    assert admin_client.get("/admin/demandes/courriels/new/").status_code == 302  # refused


def test_editors_see_no_demandes(client, db, territoire, referentiel):
    from django.contrib.auth.models import Group, User

    redacteur = User.objects.create_user("redac", password="motdepasse-solide-2026")
    redacteur.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(redacteur)
    enregistrer_demande(_cleaned(territoire, referentiel))
    response = client.get("/admin/demandes/demandes/")
    assert response.status_code in (302, 403)
    assert "Projet" not in client.get("/admin/").content.decode()



def test_database_unreachable_during_a_submission_says_it_was_not_saved(client, page_demande, territoire, referentiel):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch("demandes.services.prochain_numero", side_effect=OperationalError("connexion perdue")):
        response = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    contenu = response.content.decode()
    assert "Service momentanément indisponible" in contenu
    assert "Ce que vous venez d'envoyer n'a pas été enregistré." in contenu
    assert not Demande.objects.exists() and not CourrielDemande.objects.exists()
    # Once the database is back, the same submission goes through.
    assert client.post(page_demande.url, donnees_valides(territoire, referentiel)).status_code == 302
    assert Demande.objects.count() == 1
