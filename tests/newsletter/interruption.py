"""E-mail backends that stand for the ESP in the sending tests."""

from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError


class Coupure(BaseException):
    """The worker killed mid-send (BaseException: no `except Exception` of the code catches it)."""


class BackendCoupe(AnymailTestBackend):
    """Accepts `limite` messages, then the process "dies"."""

    limite = 0

    def send_messages(self, messages):
        from django.core import mail

        if len(mail.outbox) >= BackendCoupe.limite:
            raise Coupure()
        return super().send_messages(messages)


class BackendCapricieux(AnymailTestBackend):
    """Answers HTTP 503 for the addresses in `refuses`, and 400 (invalid) for those in `invalides`."""

    refuses = set()
    invalides = set()

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in BackendCapricieux.refuses:
                message.anymail_test_response = AnymailAPIError("Service indisponible", status_code=503)
            elif message.to[0] in BackendCapricieux.invalides:
                message.anymail_test_response = AnymailAPIError("Adresse invalide", status_code=400)
        return super().send_messages(messages)
