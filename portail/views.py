"""The site search's page (/recherche/): every published page, whatever its app (recherche.py)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portail.recherche import avec_extrait, decrire, rechercher
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
    if resultats is not None and not isinstance(resultats.object_list, list):
        # Wagtail's own search (SQLite, or a query it builds otherwise): the page of results described in one query.
        ids = [page.pk for page in resultats.object_list]
        lues = avec_extrait(Page.objects.only("title", "url_path", "search_description", "content_type_id")).in_bulk(ids)
        resultats.object_list = decrire([lues[pk] for pk in ids if pk in lues])
    titre = f"Recherche : « {query} »" if query else "Rechercher sur le site"
    if resultats is not None and resultats.number > 1:
        titre += f" – page {resultats.number}"
    response = render(request, "portail/recherche.html",
                      {"query": query, "resultats": resultats, "titre_page": titre})
    if query:
        # Results pages are for people, not for search engines.
        response["X-Robots-Tag"] = "noindex, follow"
    return response
