"""Response headers Django does not set itself: Permissions-Policy (settings.PERMISSIONS_POLICY).

Django's SecurityMiddleware already sends HSTS, X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy; django-csp sends the Content Security Policy.
"""

from django.conf import settings


def valeur_permissions_policy(politique):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{fonction}=({' '.join(origines)})" for fonction, origines in politique.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.valeur = valeur_permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.valeur:
            response.headers.setdefault("Permissions-Policy", self.valeur)
        return response
