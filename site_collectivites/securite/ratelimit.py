"""A rate limit per client IP shared by every public form, counted in the database.

The count of each (action, client) is one row of CompteurLimite, incremented by one atomic statement
(INSERT … ON CONFLICT DO UPDATE … RETURNING): every gunicorn worker and app server counts in the same row, two
simultaneous attempts never read the same count, and the limits hold whether Redis is configured, restarted or
unreachable (they were counted in the cache: per process without Redis, and a 500 with Redis down). One
statement per form sent, which saves far more anyway. The window opens at the first attempt and lasts
`fenetre_secondes`, as before; `manage.py purger_compteurs_limites` deletes the rows of ended windows each night.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.template.response import TemplateResponse
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
    empreinte = salted_hmac("limite", f"{action}:{identifiant}", algorithm="sha256").hexdigest()
    maintenant = timezone.now()
    date = connection.ops.adapt_datetimefield_value
    with connection.cursor() as curseur:
        curseur.execute(_requete_compter(), [empreinte, date(maintenant + timedelta(seconds=fenetre_secondes)),
                                             date(maintenant), date(maintenant)])
        return curseur.fetchone()[0]


def limite_atteinte(request, action, maximum, fenetre_secondes):
    """Count one attempt of `action` for this IP; True when more than `maximum` in the window."""
    return compter(action, client_ip(request), fenetre_secondes) > maximum


def purger_compteurs():
    """Delete the counters whose window has ended; the number deleted."""
    return CompteurLimite.objects.filter(fin__lte=timezone.now()).delete()[0]


def reponse_limite_atteinte(request, gabarit, contexte, fenetre_secondes):
    """The answer to a form sent once too often: 429, the page saying when to try again, and Retry-After.

    `gabarit` extends templates/429.html (the form's own explanation); the wait shown is the whole window, the
    longest it can be.
    """
    minutes = -(-fenetre_secondes // 60)
    reponse = TemplateResponse(request, gabarit, {**contexte, "minutes": minutes}, status=429)
    reponse["Retry-After"] = str(fenetre_secondes)
    return reponse
