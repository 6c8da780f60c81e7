"""Sending an issue: one delivery row per subscriber created up front, headers on every message, test send,
targeting by thématique, double-send guard, interrupted then resumed with no duplicate and nobody skipped,
transient errors retried, figures."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter import envoi as moteur
from newsletter.models import Envoi, Remise, StatutAbonne, StatutEnvoi, StatutRemise
from tests.factories import ThematiqueFactory
from tests.newsletter.factories import AbonneFactory
from tests.newsletter.interruption import BackendCapricieux, BackendCoupe, Coupure
from tests.utils import en_tetes_recus

pytestmark = pytest.mark.django_db

ANYMAIL_TEST = "anymail.backends.test.EmailBackend"


@pytest.fixture(autouse=True)
def _esp(settings):
    settings.EMAIL_BACKEND = ANYMAIL_TEST


def _destinataires():
    return sorted(m.to[0] for m in mail.outbox)


def test_full_send_reaches_every_confirmed_subscriber_once_with_headers(lettre, settings):
    confirmes = [AbonneFactory() for _ in range(7)]
    AbonneFactory(statut=StatutAbonne.EN_ATTENTE)
    AbonneFactory(statut=StatutAbonne.DESABONNE)
    AbonneFactory(statut=StatutAbonne.REBOND)
    settings.NEWSLETTER_TAILLE_LOT = 3
    envoi, lance = moteur.lancer_envoi(lettre)
    assert lance
    assert _destinataires() == sorted(a.email for a in confirmes)
    envoi.refresh_from_db()
    assert envoi.statut == StatutEnvoi.TERMINE and envoi.total == 7
    assert Remise.objects.filter(envoi=envoi, statut=StatutRemise.ENVOYEE).count() == 7
    par_adresse = {a.email: a for a in confirmes}
    for message in mail.outbox:
        abonne = par_adresse[message.to[0]]
        url = f"http://testserver/lettre/desabonnement/{abonne.jeton}/direct/"
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert abonne.email not in message.extra_headers["List-Unsubscribe"]
        assert message.subject == "Lettre de novembre 2026"
        html = message.alternatives[0][0]
        assert f"/lettre/preferences/{abonne.jeton}/" in html and f"/lettre/preferences/{abonne.jeton}/" in message.body
        assert "JETON-ABONNE" not in html + message.body
        assert "Bonjour à toutes et à tous" in html and "Bonjour à toutes et à tous" in message.body
    assert all(r.message_id != "" for r in Remise.objects.all())


def test_a_title_with_a_line_break_is_sent_on_one_line(lettre):
    """Django refuses a subject with CR/LF: every delivery of the issue would have failed."""
    AbonneFactory()
    lettre.title = "Lettre de novembre\r\n2026"
    lettre.save_revision().publish()
    envoi, _ = moteur.lancer_envoi(lettre)
    envoi.refresh_from_db()
    assert envoi.statut == StatutEnvoi.TERMINE
    [message] = mail.outbox
    assert en_tetes_recus(message)["Subject"] == "Lettre de novembre 2026"


def test_the_email_is_table_based_with_inline_styles_and_bounded_width(lettre):
    AbonneFactory()
    moteur.lancer_envoi(lettre)
    html = mail.outbox[0].alternatives[0][0]
    assert '<table role="presentation" width="600"' in html and "max-width:600px" in html
    assert "<style" not in html and "<script" not in html
    assert '<p style="margin:0 0 16px 0;' in html  # rich text got inline styles
    assert 'lang="fr"' in html


def test_links_to_the_site_s_pages_in_rich_text_are_absolute_in_the_email(home, index_lettre, settings):
    """Rich text writes a link to a page of the site as « /chemin/ », which a mail client cannot follow: the
    e-mail carries it on SITE_URL, in its HTML and in its plain text; other links stay as they are."""
    from tests.newsletter.factories import NewsletterPageFactory

    settings.SITE_URL = "https://collectivites.drome.example"
    lettre = NewsletterPageFactory(parent=index_lettre, title="Lettre avec liens", corps=[{"type": "texte", "value": (
        f'<p>Lisez <a linktype="page" id="{index_lettre.pk}">les lettres</a>, '
        '<a href="https://www.ladrome.fr/">le Département</a> et <a href="mailto:contact@ladrome.fr">écrivez</a>.</p>'
    )}])
    AbonneFactory()
    moteur.lancer_envoi(lettre)
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert 'href="https://collectivites.drome.example/lettre-information/"' in html
    assert 'href="https://www.ladrome.fr/"' in html and 'href="mailto:contact@ladrome.fr"' in html
    assert "les lettres (https://collectivites.drome.example/lettre-information/)" in message.body
    assert "le Département (https://www.ladrome.fr/)" in message.body


def test_a_double_click_starts_one_send(lettre):
    AbonneFactory()
    _, premier = moteur.lancer_envoi(lettre)
    envoi, second = moteur.lancer_envoi(lettre)
    assert (premier, second) == (True, False)
    assert Envoi.objects.count() == 1 and len(mail.outbox) == 1


def test_an_interrupted_send_resumes_without_duplicates_nor_gaps(lettre, settings):
    abonnes = [AbonneFactory() for _ in range(25)]
    settings.NEWSLETTER_TAILLE_LOT = 4
    settings.EMAIL_BACKEND = "tests.newsletter.interruption.BackendCoupe"
    BackendCoupe.limite = 11
    envoi = Envoi.objects.create(lettre=lettre)
    with pytest.raises(Coupure):
        moteur.envoyer_envoi(envoi.pk)
    assert envoi.statut == StatutEnvoi.EN_COURS
    assert Remise.objects.filter(envoi=envoi).count() == 25  # every row exists from the start
    assert Remise.objects.filter(statut=StatutRemise.ENVOYEE).count() == 11
    BackendCoupe.limite = 10_000  # the worker restarts
    from django.core.management import call_command

    call_command("reprendre_envois_lettre", verbosity=0)
    assert _destinataires() == sorted(a.email for a in abonnes)  # each exactly once
    envoi.refresh_from_db()
    assert envoi.statut == StatutEnvoi.TERMINE


def test_a_subscriber_who_unsubscribes_during_the_send_is_not_mailed(lettre, settings):
    abonnes = [AbonneFactory() for _ in range(3)]
    settings.EMAIL_BACKEND = "tests.newsletter.interruption.BackendCoupe"
    BackendCoupe.limite = 1
    envoi = Envoi.objects.create(lettre=lettre)
    with pytest.raises(Coupure):
        moteur.envoyer_envoi(envoi.pk)
    from newsletter import services

    restant = next(a for a in abonnes if a.email not in _destinataires())
    services.desabonner(restant)
    BackendCoupe.limite = 100
    moteur.envoyer_envoi(Envoi.objects.get().pk)
    assert restant.email not in _destinataires() and len(mail.outbox) == 2


def test_transient_errors_are_retried_with_backoff_permanent_ones_abandoned(lettre, settings):
    ok, panne, invalide = AbonneFactory(), AbonneFactory(), AbonneFactory()
    settings.EMAIL_BACKEND = "tests.newsletter.interruption.BackendCapricieux"
    BackendCapricieux.refuses, BackendCapricieux.invalides = {panne.email}, {invalide.email}
    envoi, _ = moteur.lancer_envoi(lettre)
    remise = Remise.objects.get(abonne=panne)
    assert remise.statut == StatutRemise.ECHEC and remise.tentatives == 1
    assert remise.prochain_essai > timezone.now() + datetime.timedelta(seconds=30)
    assert Remise.objects.get(abonne=invalide).statut == StatutRemise.ABANDONNEE
    assert Envoi.objects.get().statut == StatutEnvoi.EN_COURS
    # Later the ESP is back: the retry sends only what is due.
    BackendCapricieux.refuses = set()
    Remise.objects.filter(pk=remise.pk).update(prochain_essai=timezone.now())
    mail.outbox.clear()
    moteur.envoyer_envoi(envoi.pk)
    assert _destinataires() == [panne.email]
    assert Envoi.objects.get().statut == StatutEnvoi.TERMINE
    chiffres = moteur.avancement(envoi)
    assert (chiffres["envoyees"], chiffres["abandonnees"], chiffres["total"]) == (2, 1, 3)
    assert ok.email not in _destinataires()


def test_targeting_by_thematique(lettre):
    energie, eau = ThematiqueFactory(nom="Énergie"), ThematiqueFactory(nom="Eau et environnement")
    pour_energie = AbonneFactory()
    pour_energie.thematiques.set([energie])
    pour_eau = AbonneFactory()
    pour_eau.thematiques.set([eau])
    pour_tout = AbonneFactory()  # no choice: everything
    moteur.lancer_envoi(lettre, thematiques=[energie])
    assert _destinataires() == sorted([pour_energie.email, pour_tout.email])


def test_a_running_send_is_not_run_twice_at_once(lettre):
    """The advisory lock: a second worker finds the Envoi held and sends nothing."""
    from django.db import connections

    AbonneFactory()
    envoi = Envoi.objects.create(lettre=lettre)
    autre = connections.create_connection("default")
    try:
        with autre.cursor() as curseur:
            curseur.execute("SELECT pg_advisory_lock(%s, %s)", [moteur.CLE_VERROU, envoi.pk])
        assert moteur.envoyer_envoi(envoi.pk) is None
        assert not mail.outbox
        # The other worker finishes (unlock explicitly: a closed connection's backend releases its locks
        # asynchronously, which would make the next assertion racy on a busy machine).
        with autre.cursor() as curseur:
            curseur.execute("SELECT pg_advisory_unlock(%s, %s)", [moteur.CLE_VERROU, envoi.pk])
    finally:
        autre.close()
    assert moteur.envoyer_envoi(envoi.pk) == 1


def test_admin_preview_test_send_and_send(superuser_client, lettre):
    AbonneFactory.create_batch(3)
    url = reverse("newsletter_envoi:envoi", args=[lettre.pk])
    page = superuser_client.get(url)
    assert page.status_code == 200 and "3 abonnés confirmés" in page.content.decode()
    apercu = superuser_client.get(reverse("newsletter_envoi:apercu", args=[lettre.pk]))
    assert "Bonjour à toutes et à tous" in apercu.content.decode()
    superuser_client.post(url, {"action": "test", "adresses": "redaction@ladrome.example, com@ladrome.example"})
    assert _destinataires() == ["com@ladrome.example", "redaction@ladrome.example"]
    assert all(m.subject.startswith("[TEST]") and "List-Unsubscribe" in m.extra_headers for m in mail.outbox)
    assert not Envoi.objects.exists()
    mail.outbox.clear()
    superuser_client.post(url, {"action": "envoyer", "confirmation": "on"})
    assert len(mail.outbox) == 3
    suivi = superuser_client.get(url).content.decode()
    assert "3 / 3" in suivi
    liste = superuser_client.get(reverse("newsletter_envois:index")).content.decode()
    assert "Lettre de novembre 2026" in liste and "3 / 3" in liste


def test_sending_needs_its_own_permission(client, lettre):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    AbonneFactory()
    redacteur = get_user_model().objects.create_user("redac", "r@example.org", "motdepasse-tres-long-42")
    redacteur.groups.add(Group.objects.get(name="Modérateurs"))
    client.force_login(redacteur)
    url = reverse("newsletter_envoi:envoi", args=[lettre.pk])
    assert "demande la permission" in client.get(url).content.decode()
    assert client.post(url, {"action": "envoyer", "confirmation": "on"}).status_code in (302, 403)
    assert not Envoi.objects.exists() and not mail.outbox
    from django.contrib.auth.models import Permission

    redacteur.user_permissions.add(Permission.objects.get(codename="envoyer_lettre"))
    client.force_login(get_user_model().objects.get(pk=redacteur.pk))
    client.post(url, {"action": "envoyer", "confirmation": "on"})
    assert len(mail.outbox) == 1


def test_a_user_who_cannot_edit_the_page_gets_403(client, lettre):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("lecteur", "l@example.org", "motdepasse-tres-long-42")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    for nom in ("newsletter_envoi:envoi", "newsletter_envoi:apercu"):
        reponse = client.get(reverse(nom, args=[lettre.pk]))
        assert reponse.status_code in (302, 403) and "Lettre de novembre" not in reponse.content.decode()
