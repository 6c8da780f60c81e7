"""An e-mail backend that fails, as an ESP does when it is down."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class BackendEnPanne(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connexion au serveur de messagerie perdue")
