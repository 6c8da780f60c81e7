"""The public views of the BilanPage: the year's figures, their CSV and the canton pages.

They only choose the year and the figures (publication.py) and render; no business rule lives here.
"""

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.territoire.models import Canton

from . import publication, service
from .exports import SERIES, reponse_csv


def _annee(request, page):
    annees = publication.annees_publiees()
    par_defaut = publication.annee_par_defaut(annees, page.annee_par_defaut)
    return publication.annee_demandee(request.GET.get("annee", ""), annees, par_defaut), annees


def _contexte_annee(annee, annees, fige, differe):
    return {"annee": annee, "annees": annees, "fige": fige, "differe": differe,
            "annee_en_cours": annee == timezone.localdate().year}


def avec_liens_cantons(page, cantons, annee, request=None):
    """The canton rows with the URL of their page (for the table under the chart)."""
    return [{**ligne, "url": page.url_route("canton", request, slug=ligne["slug"]) + f"?annee={annee}"
             if ligne["slug"] else ""} for ligne in cantons]


def page_bilan(request, page):
    annee, annees = _annee(request, page)
    bilan, fige, differe = publication.chiffres_publies(annee)
    series = [(cle, titre, bilan[cle]) for cle, titre in SERIES if cle != "cantons"]
    return page.render(request, context_overrides={
        **_contexte_annee(annee, annees, fige, differe), "bilan": bilan,
        "series": series, "cantons": avec_liens_cantons(page, bilan["cantons"], annee, request),
        "url_csv": page.url_route("csv", request) + f"?annee={annee}",
        "service": service.mesurer(annee), "annee_chaine": str(annee),
    })


def csv_bilan(request, page):
    annee, _annees = _annee(request, page)
    bilan, _fige, _differe = publication.chiffres_publies(annee)
    return reponse_csv(bilan, f"bilan-ingenierie-publique-{annee}.csv")


def page_canton(request, page, slug):
    canton = Canton.objects.filter(slug=slug).first()
    if canton is None:
        raise Http404("Canton inconnu")
    annee, annees = _annee(request, page)
    donnees, fige, differe = publication.canton_publie(annee, canton.code)
    return page.render(request, template="bilan/canton.html", context_overrides={
        **_contexte_annee(annee, annees, fige, differe), "canton": canton, "donnees": donnees,
        "titre_page": f"Bilan {annee} par canton : {canton.nom}",
        "titre_seo": f"Bilan {annee} par canton : {canton.nom} – {settings.WAGTAIL_SITE_NAME}",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "canonical": url_publique(request.path) + f"?annee={annee}",
        "url_bilan": page.get_url(request) + f"?annee={annee}",
    })
