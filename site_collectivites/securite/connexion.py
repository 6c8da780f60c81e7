"""Admin login protection: the page shown by django-axes when a login is locked out (settings AXES_*)."""

from django.conf import settings
from django.shortcuts import render


def minutes_de_blocage():
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def reponse_verrouillage(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French page with the wait, status 429 (Too Many Requests)."""
    return render(request, "securite/verrouillage.html", {"minutes": minutes_de_blocage()}, status=429)
