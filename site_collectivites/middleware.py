"""The site's own request-level middleware.

BaseIndisponibleMiddleware: when the database is briefly unreachable, say so and ask to retry, rather than a generic error.

A form posted at that moment was not saved (its transaction never committed): the page says it plainly, with
the 503 status and a Retry-After header that tells a load balancer or a browser when to come back. The page
reads nothing from the database.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDES = 120


class BaseIndisponibleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Base de données injoignable (%s) sur %s %s", type(exception).__name__, request.method,
                     request.path)
        reponse = HttpResponse(
            render_to_string("503.html", {"envoi": request.method == "POST"}), status=503
        )
        reponse["Retry-After"] = str(RETRY_AFTER_SECONDES)
        reponse["Cache-Control"] = "no-store"
        return reponse


class OctetNulMiddleware:
    """Refuses (400, in French) a URL whose path or query string holds a NUL byte.

    No page of the site has a use for one, and PostgreSQL refuses it in any string (ValueError from psycopg):
    every filter, search or token that reached a query with it answered 500. Found by the property-based
    tests (tests/robustesse). Forms posted with NUL bytes are answered by their own validation (Django's
    CharField refuses them), so only the URL is checked here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in cle or any("\x00" in valeur for valeur in valeurs) for cle, valeurs in request.GET.lists()
        ):
            return HttpResponseBadRequest(render_to_string("400.html"))  # the same page as handler400
        return self.get_response(request)
