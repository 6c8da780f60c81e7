"""Links of the e-mails: the confirmation token (signed, expiring, single use) and the personal links.

The personal links (preferences, unsubscribe) carry the subscriber's random secret `Abonne.jeton`, never the
address: anyone who holds the e-mail can use them, nobody can guess them.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

from site_collectivites.exploitation.adresse_publique import url_publique

SEL_CONFIRMATION = "newsletter.confirmation"


class JetonInvalide(Exception):
    """Unreadable, tampered with, already used, or pointing to nobody."""


class JetonExpire(JetonInvalide):
    """Valid but too old: the person subscribes again."""


def nouveau_nonce():
    return secrets.token_urlsafe(16)


def jeton_confirmation(abonne):
    """Signed token of the confirmation link: the subscriber's id and the nonce of this request."""
    return signing.dumps({"a": abonne.pk, "n": abonne.jeton_confirmation}, salt=SEL_CONFIRMATION, compress=True)


def lire_jeton_confirmation(jeton):
    """The pending subscriber a confirmation token designates. Raises JetonExpire or JetonInvalide."""
    from newsletter.models import Abonne

    max_age = settings.NEWSLETTER_CONFIRMATION_JOURS * 86400
    try:
        donnees = signing.loads(jeton, salt=SEL_CONFIRMATION, max_age=max_age)
        abonne_id, nonce = int(donnees["a"]), str(donnees["n"])
    except signing.SignatureExpired as erreur:
        raise JetonExpire from erreur
    except (signing.BadSignature, KeyError, TypeError, ValueError) as erreur:
        raise JetonInvalide from erreur
    abonne = Abonne.objects.filter(pk=abonne_id).first()
    # The nonce is emptied when the link is used: a second click finds no match.
    if abonne is None or not nonce or abonne.jeton_confirmation != nonce:
        raise JetonInvalide
    return abonne


def url_absolue(nom, *args):
    return url_publique(reverse(nom, args=args))
