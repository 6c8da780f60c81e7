"""The site search's page (/recherche/): every published page, whatever its app (recherche.py)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portail.recherche import rechercher
from site_collectivites.cache import routage

RESULTATS_PAR_PAGE = 10
LONGUEUR_MAX_RECHERCHE = 200


def page_number(request):
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@require_GET
def recherche(request):
    query = request.GET.get("q", "").strip()[:LONGUEUR_MAX_RECHERCHE]
    routage.trouver_site(request)  # what the menus and footer need, without a query
    resultats = None
    if query:
        paginator = Paginator(rechercher(query), RESULTATS_PAR_PAGE)
        try:
            resultats = paginator.page(page_number(request))
        except (EmptyPage, PageNotAnInteger):
            resultats = paginator.page(paginator.num_pages or 1)
    response = render(request, "portail/recherche.html", {"query": query, "resultats": resultats})
    if query:
        # Results pages are for people, not for search engines.
        response["X-Robots-Tag"] = "noindex, follow"
    return response
