"""Admin login protection (django-axes, settings AXES_*): two lockouts, the page shown when locked out, and the
logout that ends the server's session.

django-axes 8 counts failures per combination of AXES_LOCKOUT_PARAMETERS, but compares them all with one
AXES_FAILURE_LIMIT. We want two thresholds: AXES_FAILURE_LIMIT (5) for one user name from one IP — the
Département's agents share a few outgoing addresses, so never the IP alone — and a higher one,
CONNEXION_ECHECS_PAR_COMPTE (15), for one user name from every IP together, so that an attacker who spreads
his guesses over many addresses (6 IPs × 4 wrong passwords stayed below the first) is stopped too. Higher,
because anyone can lock an account this way: at 15 the owner has to be unlucky, and the pair's limit still
stops a single address long before.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
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


def echecs_du_compte(nom_utilisateur, depuis):
    """Failed logins for this user name from every IP since `depuis` (the attempts axes recorded: one row per
    IP and browser, each with its count and its last failure's time, as axes reads them for its own limit)."""
    if not nom_utilisateur:
        return 0
    return AccessAttempt.objects.filter(username=nom_utilisateur, attempt_time__gte=depuis).aggregate(
        total=Sum("failures_since_start"))["total"] or 0


class GestionnaireConnexions(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler (per user name and IP), plus the lockout per user name.

    `get_failures` is what axes compares with AXES_FAILURE_LIMIT, both before a login is tried (is_locked) and
    after a failure (to lock at once): once the account's failures from every IP reach
    CONNEXION_ECHECS_PAR_COMPTE within the cool-off, it answers « the limit », so the account is locked from
    every address with axes' own lockout (same page, same length, same unlock command).
    """

    def get_failures(self, request, credentials=None):
        echecs = super().get_failures(request, credentials)
        par_compte = echecs_du_compte(get_client_username(request, credentials), get_cool_off_threshold(request))
        if par_compte >= settings.CONNEXION_ECHECS_PAR_COMPTE:
            return max(echecs, get_failure_limit(request, credentials))
        return echecs
