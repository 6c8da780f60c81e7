"""A rate limit per client IP shared by every public form, counted in the database.

The count of each (action, client) is one row of CompteurLimite, incremented by one atomic statement
(INSERT … ON CONFLICT DO UPDATE … RETURNING): every gunicorn worker and app server counts in the same row, two
simultaneous attempts never read the same count, and the limits hold whether Redis is configured, restarted or
unreachable (they were counted in the cache: per process without Redis, and a 500 with Redis down). One
statement per form sent, which saves far more anyway. The window opens at the first attempt and lasts
`fenetre_secondes`, as before; `manage.py purger_compteurs_limites` deletes the rows of ended windows each night.

A public form counts its accepted submissions only (`noter_envoi` once it is valid) and checks the count before
(`attente_avant_envoi`): a person whose form came back with errors is never refused for it. When the limit is
reached, the form comes back as typed with a 429, Retry-After and, at the top of its error summary, the time when
it will be accepted (`refuser_pour_limite`): nothing typed is lost.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from site_collectivites.models import CompteurLimite


def client_ip(request):
    """The visitor's IP. Behind TRUSTED_PROXY_COUNT reverse proxies, read it from X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _requete_compter():
    """The one statement that counts, written from the model's names (PostgreSQL, and SQLite for `make run`). In
    the UPDATE, every expression reads the row as it was: a window that has ended restarts at 1."""
    table = connection.ops.quote_name(CompteurLimite._meta.db_table)
    cle, nombre, fin = (connection.ops.quote_name(CompteurLimite._meta.get_field(nom).column)
                        for nom in ("cle", "nombre", "fin"))
    # Django's names of our own table and columns, quoted; every value is a parameter.
    return (
        f"INSERT INTO {table} ({cle}, {nombre}, {fin}) VALUES (%s, 1, %s) "  # nosec B608
        f"ON CONFLICT ({cle}) DO UPDATE SET "
        f"{nombre} = CASE WHEN {table}.{fin} > %s THEN {table}.{nombre} + 1 ELSE 1 END, "
        f"{fin} = CASE WHEN {table}.{fin} > %s THEN {table}.{fin} ELSE excluded.{fin} END "
        f"RETURNING {nombre}"
    )


def compter(action, identifiant, fenetre_secondes):
    """Count one attempt of `action` by `identifiant` (an IP, an address); return the attempts in its current
    window, this one included. The identifiant is kept only as a keyed hash."""
    empreinte = _empreinte(action, identifiant)
    maintenant = timezone.now()
    date = connection.ops.adapt_datetimefield_value
    with connection.cursor() as curseur:
        curseur.execute(_requete_compter(), [empreinte, date(maintenant + timedelta(seconds=fenetre_secondes)),
                                             date(maintenant), date(maintenant)])
        return curseur.fetchone()[0]


def _empreinte(action, identifiant):
    return salted_hmac("limite", f"{action}:{identifiant}", algorithm="sha256").hexdigest()


def attente_avant_envoi(request, action, maximum, maintenant=None):
    """Seconds this client must wait before a submission of `action` is accepted again: 0 when it may send now.

    Reads the counter without counting: only an accepted submission counts (`noter_envoi`), so a form sent back
    for its errors, however often, never uses up the person's quota."""
    maintenant = maintenant or timezone.now()
    compteur = CompteurLimite.objects.filter(cle=_empreinte(action, client_ip(request)), fin__gt=maintenant).first()
    if compteur is None or compteur.nombre < maximum:
        return 0
    return max(1, math.ceil((compteur.fin - maintenant).total_seconds()))


def noter_envoi(request, action, fenetre_secondes):
    """Count one accepted submission of `action` by this client."""
    return compter(action, client_ip(request), fenetre_secondes)


def message_d_attente(attente, maintenant=None):
    """« Vous pourrez l'envoyer à partir de 17 h 42 (dans 12 minutes). », Paris time."""
    reprise = timezone.localtime((maintenant or timezone.now()) + timedelta(seconds=attente))
    minutes = max(1, math.ceil(attente / 60))
    return (f"Vous pourrez l'envoyer à partir de {reprise:%H} h {reprise:%M} "
            f"(dans {minutes} minute{'s' if minutes > 1 else ''}).")


def refuser_pour_limite(formulaire, attente, explication, fichiers_perdus=False):
    """The form sent once too often comes back as typed, with the reason and the time to send it again at the
    top of its error summary (its other errors, if any, beside their fields as usual)."""
    formulaire.is_valid()  # fills form.errors, so the summary and the fields show them
    message = f"{explication} Par sécurité, le site en limite le nombre. {message_d_attente(attente)} " \
              "Ce que vous avez saisi est conservé ci-dessous"
    message += ", sauf les pièces jointes : joignez-les de nouveau." if fichiers_perdus else "."
    formulaire.add_error(None, message)


def avec_retry_after(reponse, attente):
    """429 and Retry-After on the form's own page (RFC 6585, RFC 9110 § 10.2.3)."""
    reponse.status_code = 429
    reponse["Retry-After"] = str(attente)
    return reponse


def purger_compteurs():
    """Delete the counters whose window has ended; the number deleted."""
    return CompteurLimite.objects.filter(fin__lte=timezone.now()).delete()[0]
