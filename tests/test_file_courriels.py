"""The outbox itself: written in the caller's transaction, once per key, readable by the right people only; the
password reset through it, limited (site_collectivites/courrier/, securite/reinitialisation.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from site_collectivites.courrier.file import mettre_en_file
from site_collectivites.models import CourrielEnFile
from tests.demandes.conftest import comptes, referentiel  # noqa: F401
from tests.utils import en_tetes_recus

pytestmark = pytest.mark.django_db


def message(sujet="Inscription confirmée : Forum des maires", **autres):
    courriel = EmailMultiAlternatives(sujet, "Bonjour,\nvotre inscription est confirmée.", to=["maire@die.example"],
                                      reply_to=["relations@ladrome.example"], headers={"X-Reference": "F-12"}, **autres)
    courriel.attach_alternative("<p>Bonjour,</p><p>votre inscription est <strong>confirmée</strong>.</p>", "text/html")
    return courriel


def test_a_queued_email_is_sent_after_commit_as_it_was_built(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        courriel = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
        assert mail.outbox == []  # not before the transaction commits
    (envoye,) = mail.outbox
    en_tetes = en_tetes_recus(envoye)
    assert en_tetes["Subject"] == "Inscription confirmée : Forum des maires"
    assert en_tetes["Reply-To"] == "relations@ladrome.example" and en_tetes["X-Reference"] == "F-12"
    assert envoye.to == ["maire@die.example"] and "votre inscription est confirmée" in envoye.body
    assert envoye.alternatives[0][1] == "text/html" and "<strong>confirmée</strong>" in envoye.alternatives[0][0]
    courriel.refresh_from_db()
    assert courriel.etat == "envoye" and courriel.envoye_le is not None


def test_a_rolled_back_transaction_queues_nothing_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
                raise RuntimeError("la transaction échoue")
    assert not CourrielEnFile.objects.exists() and mail.outbox == []


def test_the_same_key_is_queued_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        premier = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION, cle="inscription:1:confirmation")
        second = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION, cle="inscription:1:confirmation")
    assert premier.pk == second.pk and len(mail.outbox) == 1


def test_a_subject_with_line_breaks_is_folded_and_attachments_are_refused():
    courriel = mettre_en_file(message("Forum\r\nBcc: intrus@example.org"), CourrielEnFile.Nature.INSCRIPTION)
    assert courriel.sujet == "Forum Bcc: intrus@example.org"
    avec_piece = message()
    avec_piece.attach("plan.pdf", b"%PDF-1.4", "application/pdf")
    with pytest.raises(ValueError, match="pièces jointes"):
        mettre_en_file(avec_piece, CourrielEnFile.Nature.INSCRIPTION)


def test_the_outbox_in_the_admin_coordination_reads_a_partner_agent_is_refused(client, comptes):
    courriel = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
    client.force_login(comptes["coordination"])
    assert "Inscription confirmée : Forum des maires" in client.get("/admin/courriels/").content.decode()
    fiche = client.get(f"/admin/courriels/inspect/{courriel.pk}/").content.decode()
    assert "maire@die.example" in fiche and "votre inscription est confirmée" not in fiche
    # Nobody adds, changes or deletes a row, the coordination included.
    for url in ("/admin/courriels/new/", f"/admin/courriels/edit/{courriel.pk}/",
                f"/admin/courriels/delete/{courriel.pk}/"):
        assert client.get(url).status_code in (302, 403, 404), url
    for compte in ("agent_sded", "redacteur"):
        client.force_login(comptes[compte])
        for url in ("/admin/courriels/", f"/admin/courriels/inspect/{courriel.pk}/"):
            reponse = client.get(url)
            assert reponse.status_code in (302, 403), (compte, url)
            assert "maire@die.example" not in reponse.content.decode()


def test_password_reset_goes_through_the_outbox_and_is_limited(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "https://collectivites.ladrome.fr"
    get_user_model().objects.create_user("redac", "redac@ladrome.example", "un-mot-de-passe-solide-2026")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(11):
            reponse = client.post("/admin/password_reset/", {"email": "redac@ladrome.example"})
            # The same answer every time: nothing says whether the address has an account or the limit is reached.
            assert reponse.status_code == 302 and reponse["Location"].endswith("/admin/password_reset/done/")
    assert CourrielEnFile.objects.filter(nature="reinitialisation").count() == 3
    assert len(mail.outbox) == 3
    assert "https://collectivites.ladrome.fr/admin/password_reset/confirm/" in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body  # the request's host is never the link's


def test_password_reset_is_limited_per_client_across_addresses(client, django_capture_on_commit_callbacks):
    for n in range(12):
        get_user_model().objects.create_user(f"agent{n}", f"agent{n}@ladrome.example", "un-mot-de-passe-solide-2026")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            client.post("/admin/password_reset/", {"email": f"agent{n}@ladrome.example"})
    assert len(mail.outbox) == 10


def test_sent_emails_are_deleted_after_the_retention_period_unsent_ones_never(settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.COURRIELS_CONSERVATION_JOURS = 30
    il_y_a = timezone.now() - timedelta(days=31)
    ancien = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
    recent = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
    abandonne = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
    en_attente = mettre_en_file(message(), CourrielEnFile.Nature.INSCRIPTION)
    CourrielEnFile.objects.filter(pk=ancien.pk).update(etat="envoye", envoye_le=il_y_a)
    CourrielEnFile.objects.filter(pk=recent.pk).update(etat="envoye", envoye_le=timezone.now())
    CourrielEnFile.objects.filter(pk=abandonne.pk).update(etat="abandonne", prochain_essai=il_y_a)
    CourrielEnFile.objects.filter(pk=en_attente.pk).update(etat="echec", prochain_essai=il_y_a)
    call_command("purger_courriels", stdout=open("/dev/null", "w"))
    assert set(CourrielEnFile.objects.values_list("pk", flat=True)) == {recent.pk, en_attente.pk}
