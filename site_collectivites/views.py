from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from site_collectivites.exploitation.adresse_publique import url_publique


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = url_publique(reverse("sitemap"))
    body = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


# The error pages (docs/securite.md § Error pages). 403, 404 and the CSRF failure use the site's layout, menus
# included; 400 and 500 read nothing from the database: the request's host may be refused (every menu lookup
# would fail again), or the error may come from the database itself.


def requete_invalide(request, exception=None):
    return HttpResponseBadRequest(render_to_string("400.html"))


def acces_refuse(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def echec_csrf(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was not sent from a page of this browser's session (expired, cookies refused).

    Django's own page is in English and speaks of DEBUG; the person only needs to know nothing was saved and how
    to send it again."""
    return render(request, "403_csrf.html", {"admin": request.path.startswith("/admin/")}, status=403)


def server_error(request):
    # No context processors that hit the database: the error may come from it.
    return HttpResponse(render_to_string("500.html"), status=500)
