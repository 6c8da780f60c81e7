"""An e-mail provider that can be switched off and on, as an ESP is when it goes down then comes back."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend

ETAT = {"en_panne": False}


class BackendCommutable(EmailBackend):
    def send_messages(self, messages):
        if ETAT["en_panne"]:
            raise SMTPServerDisconnected("Le fournisseur d'e-mail ne répond pas")
        return super().send_messages(messages)
