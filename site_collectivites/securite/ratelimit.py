"""A rate limit per client IP shared by every public form, backed by Django's cache.

With Redis as the cache (REDIS_URL), the limit holds across several app servers.
"""

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse


def client_ip(request):
    """The visitor's IP. Behind TRUSTED_PROXY_COUNT reverse proxies, read it from X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limite_atteinte(request, action, maximum, fenetre_secondes):
    """Count one attempt of `action` for this IP; True when more than `maximum` in the window."""
    cle = f"limite:{action}:{client_ip(request)}"
    if cache.add(cle, 1, timeout=fenetre_secondes):
        return False
    try:
        return cache.incr(cle) > maximum
    except ValueError:  # the key expired between add() and incr()
        cache.add(cle, 1, timeout=fenetre_secondes)
        return False


def reponse_limite_atteinte(request, gabarit, contexte, fenetre_secondes):
    """The answer to a form sent once too often: 429, the page saying when to try again, and Retry-After.

    `gabarit` extends templates/429.html (the form's own explanation); the wait shown is the whole window, the
    longest it can be.
    """
    minutes = -(-fenetre_secondes // 60)
    reponse = TemplateResponse(request, gabarit, {**contexte, "minutes": minutes}, status=429)
    reponse["Retry-After"] = str(fenetre_secondes)
    return reponse
