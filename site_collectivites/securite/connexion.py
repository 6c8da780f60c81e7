"""Admin login protection: the page shown by django-axes when a login is locked out (settings AXES_*), and the
logout that ends the server's session."""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from wagtail.admin.views.account import LogoutView


def minutes_de_blocage():
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def reponse_verrouillage(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French page with the wait, status 429 (Too Many Requests)."""
    return render(request, "securite/verrouillage.html", {"minutes": minutes_de_blocage()}, status=429)


class Deconnexion(LogoutView):
    """The admin's logout, by POST only (the menu's button), which ends the session on the server.

    Wagtail's view deletes the session cookie and says « logged out » whatever the method, after Django's 405
    for a GET: the browser forgot a session that stayed valid on the server, for whoever kept its cookie. A GET
    (an old bookmark, a typed address) now leads to the dashboard, where the menu logs out, and changes nothing.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return super().dispatch(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            return redirect("wagtailadmin_home")
        return HttpResponseNotAllowed(["POST"])
