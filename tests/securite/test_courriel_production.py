"""Production refuses to send blind (site_collectivites/exploitation/courriel.py): without an e-mail provider,
`check --deploy` fails naming the setting, nothing of a message reaches the logs, and the outbox does not mark it
sent. Production settings are read in a fresh interpreter, as wsgi.py and manage.py read them."""

import pytest

from demandes.models import CourrielDemande, Demande
from tests.demandes.conftest import donnees_valides, page_demande, referentiel, territoire  # noqa: F401
from tests.securite.test_production import SECRET, check_deploy, reglages_production
from tests.test_configuration import SETUP_PRODUCTION, _run_python

BREVO = {"ANYMAIL_ESP": "brevo", "ANYMAIL_BREVO_API_KEY": "cle-de-test"}
LIEN = "https://collectivites.ladrome.fr/admin/password_reset/confirm/MQ/cb3x9k-4f1e2d3c4b5a69788796a5b4c3d2e1f0/"


def test_no_provider_fails_the_deployment_check_naming_the_setting():
    code, sortie = check_deploy("courriel")
    assert code == 1
    assert ("(courriel.E001) Aucun fournisseur d'e-mail n'est configuré : définissez ANYMAIL_ESP (et ses clés "
            "ANYMAIL_*), ou EMAIL_BACKEND vers un relais SMTP. No e-mail provider configured: set ANYMAIL_ESP."
            ) in sortie


@pytest.mark.parametrize("environnement", [
    *({"EMAIL_BACKEND": f"django.core.mail.backends.{nom}.EmailBackend"}
      for nom in ("console", "filebased", "locmem", "dummy")),
    {"ANYMAIL_ESP": "test"},
])
def test_a_backend_that_writes_or_drops_messages_locally_is_refused_too(environnement):
    code, sortie = check_deploy("courriel", **environnement)
    assert code == 1 and "(courriel.E001)" in sortie


def test_a_provider_that_cannot_be_set_up_is_refused():
    code, sortie = check_deploy("courriel", ANYMAIL_ESP="brevo")
    assert code == 1 and "(courriel.E003)" in sortie and "ANYMAIL_BREVO_API_KEY" in sortie
    code, sortie = check_deploy("courriel", **{**BREVO, "ANYMAIL_ESP": "brevoo"})
    assert code == 1 and "(courriel.E003)" in sortie and "anymail.backends.brevoo" in sortie


def test_anymails_request_debugging_is_refused_it_prints_message_bodies():
    code, sortie = check_deploy("courriel", **BREVO, ANYMAIL_DEBUG_API_REQUESTS="false")
    assert code == 1 and "(courriel.E002) ANYMAIL_DEBUG_API_REQUESTS est défini" in sortie


def test_a_provider_or_an_smtp_relay_passes():
    assert check_deploy("courriel", **BREVO) == (0, "System check identified no issues (0 silenced).\n")
    assert check_deploy("courriel", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")[0] == 0


@pytest.mark.parametrize("environnement", [{}, {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}])
def test_without_a_provider_a_message_is_written_nowhere(environnement):
    """A password reset sent by production without a provider: refused, and neither its link nor its recipient
    appears in what the process writes (journald keeps it)."""
    code = (SETUP_PRODUCTION + ";from django.core.mail import send_mail\n"
            "try:\n"
            f"    send_mail('Réinitialisation du mot de passe', 'Lien : {LIEN}', None, ['redactrice@ladrome.fr'])\n"
            "except Exception as erreur:\n"
            "    print('refusé :', erreur)\n")
    resultat = _run_python(code, SECRET_KEY=SECRET, SITE_URL="https://collectivites.ladrome.fr",
                           **{"ANYMAIL_ESP": "", "EMAIL_BACKEND": "", **environnement})
    sortie = resultat.stdout + resultat.stderr
    assert "refusé : Aucun fournisseur d'e-mail n'est configuré : définissez ANYMAIL_ESP" in sortie
    assert "cb3x9k" not in sortie and "redactrice@" not in sortie and "Réinitialisation" not in sortie


def test_the_outbox_keeps_a_demandes_e_mails_unsent_until_a_provider_is_configured(
    settings, client, page_demande, territoire, referentiel, django_capture_on_commit_callbacks, capsys
):
    production = reglages_production("EMAIL_BACKEND", ANYMAIL_ESP="", EMAIL_BACKEND="")["EMAIL_BACKEND"]
    settings.EMAIL_BACKEND = production.strip("'")
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert reponse.status_code == 302 and Demande.objects.count() == 1
    courriels = CourrielDemande.objects.all()
    assert courriels.count() == 2
    assert {c.etat for c in courriels} == {CourrielDemande.Etat.ECHEC}, "never « envoyé » without a provider"
    assert all("ANYMAIL_ESP" in c.derniere_erreur and c.prochain_essai for c in courriels)
    assert "Rénovation énergétique" not in capsys.readouterr().out
