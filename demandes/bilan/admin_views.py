"""The bilan in the Wagtail admin: the dashboard (coordination: everything; a partner's agents: their own
demandes), its CSV, the freezing of a published year, and the QR code of any page.

Who may do what is asked of demandes.acces; the figures come from statistiques.py.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from demandes.acces import est_coordination, filtrer_demandes, partenaire_de, peut_acceder
from site_collectivites.territoire.models import Canton, Epci

from . import publication, qr
from .exports import SERIES, reponse_csv
from .models import BilanFige, BilanPage
from .statistiques import annees_disponibles, calculer_bilan


def refus(request):
    """A real 403 (Wagtail would turn PermissionDenied into a redirect to the admin home)."""
    return TemplateResponse(request, "bilan/admin/refus.html",
                            {"page_title": "Accès refusé", "header_icon": "warning"}, status=403)


def perimetre(user):
    """(queryset, partenaire) of the figures `user` may see: all for the coordination, its partenaire's
    demandes for an agent (only that partenaire's assignments count in prestations and partenaires)."""
    if est_coordination(user):
        return None, None
    return filtrer_demandes(user), partenaire_de(user)


def bilan_de(user, annee, **filtres):
    queryset, partenaire = perimetre(user)
    return calculer_bilan(annee, queryset=queryset, partenaire=partenaire, **filtres)


class TableauBilanView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "bilan/admin/tableau.html"
    page_title = "Bilan de l'ingénierie publique"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not peut_acceder(request.user):
            return refus(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": "Bilan"}]

    def filtres(self):
        """Canton and EPCI narrowing, by code (as frozen in the demandes); unknown values are ignored."""
        canton = str(self.request.GET.get("canton", ""))[:5]
        epci = str(self.request.GET.get("epci", ""))[:9]
        return {"canton": canton if canton and Canton.objects.filter(code=canton).exists() else None,
                "epci": epci if epci and Epci.objects.filter(siren=epci).exists() else None}

    def annee(self):
        queryset, _partenaire = perimetre(self.request.user)
        annees = annees_disponibles(queryset)
        actuelle = timezone.localdate().year
        if actuelle not in annees:
            annees.insert(0, actuelle)
        return publication.annee_demandee(self.request.GET.get("annee", ""), annees, actuelle), annees

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            annee, _annees = self.annee()
            bilan = bilan_de(request.user, annee, **self.filtres())
            return reponse_csv(bilan, f"bilan-{annee}.csv")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        user = self.request.user
        annee, annees = self.annee()
        filtres = self.filtres()
        bilan = bilan_de(user, annee, **filtres)
        coordination = est_coordination(user)
        contexte.update({
            "annee": annee, "annees": annees, "bilan": bilan, "filtres": filtres,
            "series": [(cle, titre, bilan[cle]) for cle, titre in SERIES],
            "coordination": coordination, "partenaire": partenaire_de(user) if not coordination else None,
            "cantons": Canton.objects.order_by("code"), "epcis": Epci.objects.order_by("nom"),
            "fige": BilanFige.objects.filter(annee=annee).first() if coordination else None,
            "page_bilan": BilanPage.objects.live().first() if coordination else None,
            "url_csv": self.request.get_full_path() + ("&" if "?" in self.request.get_full_path() else "?")
            + "format=csv",
        })
        return contexte


@require_POST
def figer_annee(request):
    """The coordination freezes (or refreshes) the published figures of a year."""
    if not est_coordination(request.user):
        return refus(request)
    try:
        annee = int(request.POST.get("annee", ""))
    except ValueError:
        annee = None
    if annee not in annees_disponibles():
        messages.error(request, "Aucune demande pour cette année : rien à figer.")
        return redirect("bilan_tableau")
    publication.figer(annee, request.user)
    messages.success(request, f"Les chiffres de {annee} sont figés : la page publique affiche désormais ces chiffres.")
    return redirect(reverse("bilan_tableau") + f"?annee={annee}")


def qr_code(request, page_id, format_fichier):
    """The QR code of a page's public URL, for anyone who may edit the page; the bilan page's (and its
    canton routes') also for the coordination and agents, who print the report without editing pages."""
    page = get_object_or_404(Page, pk=page_id).specific
    lecteur_du_bilan = isinstance(page, BilanPage) and peut_acceder(request.user)
    if not (page.permissions_for_user(request.user).can_edit() or lecteur_du_bilan):
        return refus(request)
    url = page.get_full_url(request)
    if url is None or format_fichier not in qr.FORMATS:
        raise Http404("Page sans adresse publique ou format inconnu")
    route = str(request.GET.get("route", ""))[:200].strip("/")
    if route and all(part.replace("-", "").isalnum() for part in route.split("/")):
        url = url.rstrip("/") + f"/{route}/"
    reponse = HttpResponse(qr.code_qr(url, format_fichier), content_type=qr.FORMATS[format_fichier])
    nom = slugify(route.replace("/", "-") or page.slug) or "page"
    reponse["Content-Disposition"] = f'attachment; filename="qr-{nom}.{format_fichier}"'
    return reponse
