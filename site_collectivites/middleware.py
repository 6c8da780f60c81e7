"""When the database is briefly unreachable, say so and ask to retry, rather than a generic error.

A form posted at that moment was not saved (its transaction never committed): the page says it plainly, with
the 503 status and a Retry-After header that tells a load balancer or a browser when to come back. The page
reads nothing from the database.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
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
