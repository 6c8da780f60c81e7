"""What every public page shows around its content (the header's names and logo, main menu, footer links and
contact details, the newsletter link, the default sharing image), read once per generation of the page cache, not on every render.

Building it costs two site settings queries, one query per menu to fetch the chosen pages, and a URL
computation per link: about a third of a small page's rendering time. It changes only when an editor changes a
page, a menu or the site settings, and each of those bumps the page cache's generation
(cache/invalidation.py), so the stored copy is read in the same round trip as that generation and is never
stale. Plain dicts and strings are stored, never model instances.
"""

from django.conf import settings
from wagtail.models import Site

from site_collectivites.cache.pages import FORMAT_ENTREES, ecrire_pour_la_generation, lire_de_la_generation
from site_collectivites.models import Navigation, ParametresSite
from site_collectivites.models.parametres import RESEAUX

NOMS_RESEAUX = dict(RESEAUX)
FORMAT_IMAGE_PARTAGE = "fill-1200x630|format-jpeg"


def _liens(stream, request):
    liens = []
    for bloc in stream:
        value = bloc.value
        page = value.get("page")
        if page:
            if not page.live:
                continue  # a chosen page that was unpublished: the link is hidden
            href = page.get_url(request)
        else:
            href = value.get("url")
        if href:
            liens.append({"href": href, "text": value.text, "externe": not page})
    return liens


def identite(parametres):
    """The header's names and logo (a rendition 96 px high: an SVG stays an SVG)."""
    logo = parametres.logo
    return {
        "organisation": parametres.nom_organisation,
        "site": parametres.nom_site,
        "logo": logo.get_rendition("height-96").url if logo else None,
        "logo_alt": parametres.logo_texte_alternatif,
    }


def calculer(request, site):
    navigation = Navigation.for_site(site)
    parametres = ParametresSite.for_site(site)
    page_lettre = parametres.page_lettre
    image = parametres.image_partage_defaut
    return {
        "identite": identite(parametres),
        "menu": _liens(navigation.menu_principal, request),
        "pied": _liens(navigation.liens_pied_de_page, request),
        "url_lettre": page_lettre.get_url(request) if page_lettre and page_lettre.live else None,
        "contact": {
            "nom_service": parametres.nom_service,
            "adresse": parametres.adresse,
            "telephone": parametres.telephone,
            "email": parametres.email,
            "horaires": parametres.horaires,
            "reseaux": [
                {"url": bloc.value["url"], "nom": NOMS_RESEAUX.get(bloc.value["reseau"], bloc.value["reseau"])}
                for bloc in parametres.reseaux_sociaux
            ],
        },
        "image_partage": image.get_rendition(FORMAT_IMAGE_PARTAGE).url if image else None,
    }


def navigation_du_site(request):
    """The dict above for the request's site: from the request, else from the cache, else computed."""
    if request is None:
        return None
    donnees = getattr(request, "_navigation_du_site", None)
    if donnees is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        cle = f"navigation:v{FORMAT_ENTREES}:{site.pk}"  # a release that changes the dict reads none of the old
        donnees, gen = lire_de_la_generation(cle)
        if donnees is None:
            donnees = calculer(request, site)
            ecrire_pour_la_generation(cle, gen, donnees, settings.CACHE_PAGES_SECONDES)
        request._navigation_du_site = donnees
    return donnees
