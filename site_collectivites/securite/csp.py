"""Content Security Policy by path: django-csp's strict policy (settings.CONTENT_SECURITY_POLICY) on the public
site, a looser one (settings.CSP_POLITIQUE_ADMIN) under the Wagtail admin.

Why two policies: Wagtail 7.4's admin still writes inline <script> and style="…" attributes (choosers,
focal point, StreamField, see wagtail/wagtail#1288), so it needs 'unsafe-inline', which would void the policy
on the public pages. Admin pages are seen only by logged-in, two-factor-verified staff; public pages by
everyone, so that is where the strict policy matters. Decorating each admin view is impossible (they are
Wagtail's), hence a middleware that chooses by path.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def est_chemin_admin(chemin):
    return chemin.startswith(tuple(getattr(settings, "CSP_PREFIXES_ADMIN", ("/admin/",))))


class CSPMiddlewareParChemin(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parties = super().get_policy_parts(request, response, report_only=report_only)
        # A view that set its own policy (@csp decorator) keeps it; report-only stays as configured.
        if not report_only and parties.config is None and est_chemin_admin(request.path_info):
            parties.config = settings.CSP_POLITIQUE_ADMIN
        return parties
