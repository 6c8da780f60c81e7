"""Queue an e-mail: `mettre_en_file(message, nature, cle)`.

The message is built by the caller as usual (an EmailMultiAlternatives with its text and HTML parts) and stored
whole, so that what is sent is what was decided in the request, whatever changes afterwards (a page renamed, an
event moved). The row is written in the caller's transaction; the task that sends it is enqueued once the
transaction commits, and `manage.py envoyer_courriels` sends whatever the worker missed.
"""

from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from site_collectivites.exploitation.courriels import ligne_d_en_tete
from site_collectivites.models import CourrielEnFile

from .envoi import FileDEnvoi, inscrire_file


def contenu_du_message(message):
    """The message as a row stores it (JSON): from, to, cc, bcc, reply-to, headers and subject on one line, both parts."""
    if message.attachments:
        raise ValueError("Les pièces jointes ne passent pas par la file d'envoi : mettez un lien dans le message.")
    html = next((contenu for contenu, type_mime in getattr(message, "alternatives", []) if type_mime == "text/html"),
                None)
    return {
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {nom: ligne_d_en_tete(valeur) for nom, valeur in message.extra_headers.items()},
        "subject": ligne_d_en_tete(message.subject),
        "body": message.body,
        "html": html,
    }


def mettre_en_file(message, nature, cle=None):
    """Store `message` as a CourrielEnFile of `nature` and have it sent after commit; the row.

    `cle`: an e-mail that must go once whatever happens (a registration's confirmation): queued again with the
    same key, the first row is returned and nothing new is sent.
    """
    donnees = contenu_du_message(message)
    valeurs = {
        "nature": nature,
        "destinataires": ", ".join(donnees["to"] + donnees["cc"] + donnees["bcc"]),
        "sujet": donnees["subject"][:255],
        "message": donnees,
    }
    if cle:
        courriel, cree = CourrielEnFile.objects.get_or_create(cle=cle, defaults=valeurs)
    else:
        courriel, cree = CourrielEnFile.objects.create(**valeurs), True
    if cree:
        from .taches import envoyer_courriel_en_file

        transaction.on_commit(lambda: envoyer_courriel_en_file.enqueue(courriel.pk))
    return courriel


def construire(courriel):
    """The EmailMultiAlternatives of a queued row, as it was queued."""
    donnees = courriel.message
    message = EmailMultiAlternatives(
        subject=donnees["subject"], body=donnees["body"], from_email=donnees["from_email"], to=donnees["to"],
        cc=donnees["cc"], bcc=donnees["bcc"], reply_to=donnees["reply_to"], headers=donnees["headers"],
    )
    if donnees.get("html"):
        message.attach_alternative(donnees["html"], "text/html")
    return message


FILE = inscrire_file(FileDEnvoi("site", CourrielEnFile, construire))


def purger(jours, maintenant=None):
    """Delete the rows sent or abandoned more than `jours` days ago (their addresses and personal links); the
    number deleted. Rows still to send are never deleted."""
    limite = (maintenant or timezone.now()) - timedelta(days=jours)
    fini = Q(etat=CourrielEnFile.Etat.ENVOYE, envoye_le__lt=limite) | Q(
        etat=CourrielEnFile.Etat.ABANDONNE, prochain_essai__lt=limite)
    return CourrielEnFile.objects.filter(fini).delete()[0]
