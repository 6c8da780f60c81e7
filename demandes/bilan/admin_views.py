"""The bilan in the Wagtail admin: the dashboard (coordination: everything; a partner's agents: their own
demandes), its CSV, the freezing of a published year (confirmed when it replaces published figures), and the
QR code of any page.

Who may do what is asked of demandes.acces; the figures come from statistiques.py.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from demandes.acces import est_coordination, filtrer_demandes, partenaire_de, peut_acceder
from site_collectivites.taxonomie.models import Partenaire
from site_collectivites.territoire.models import Canton, Epci

from . import publication, qr, rapport, service
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


class VueDuBilan(WagtailAdminTemplateMixin, TemplateView):
    """An admin page of the bilan: the coordination and partners' agents only, a real 403 for anyone else."""

    def dispatch(self, request, *args, **kwargs):
        if not peut_acceder(request.user):
            return refus(request)
        return super().dispatch(request, *args, **kwargs)


class TableauBilanView(VueDuBilan):
    template_name = "bilan/admin/tableau.html"
    page_title = "Bilan de l'ingénierie publique"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": "Bilan"}]

    def filtres(self):
        """Canton and EPCI narrowing, by code (as frozen in the demandes); unknown values are ignored."""
        canton = str(self.request.GET.get("canton", ""))[:5]
        epci = str(self.request.GET.get("epci", ""))[:9]
        return {"canton": canton if canton and Canton.objects.filter(code=canton).exists() else None,
                "epci": epci if epci and Epci.objects.filter(siren=epci).exists() else None}

    def service(self, annee, coordination):
        """The service's figures: the coordination chooses a partner (or all), an agent sees its partner's."""
        if coordination:
            valeur = str(self.request.GET.get("service", ""))[:9]
            choisi = Partenaire.objects.filter(pk=int(valeur)).first() if valeur.isdigit() else None
        else:
            choisi = partenaire_de(self.request.user)
        titre = f"Le service rendu en {annee}" + (f" : {choisi.nom_court}" if choisi else " : tous les partenaires")
        # The requesters' answers (« utile ? ») by partner and thématique: the same scope.
        return {"service": service.mesurer(annee, partenaire=choisi), "service_partenaire": choisi,
                "utilite": service.utilite(annee, partenaire=choisi),
                "titre_service": titre,
                "partenaires_service": Partenaire.objects.order_by("nom") if coordination else []}

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
            **self.service(annee, coordination),
        })
        return contexte


def _annee(valeur):
    try:
        return int(valeur or "")
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def figer_annee(request):
    """The coordination freezes the published figures of a year: one click the first time. Freezing a frozen
    year again replaces what the public reads, so it goes through a page saying what will change (GET), whose
    button posts `confirmer=oui`; a POST without it only leads to that page."""
    if not est_coordination(request.user):
        return refus(request)
    donnees = request.POST if request.method == "POST" else request.GET
    annee = _annee(donnees.get("annee"))
    if annee not in annees_disponibles():
        messages.error(request, "Aucune demande pour cette année : rien à figer.")
        return redirect("bilan_tableau")
    tableau = reverse("bilan_tableau") + f"?annee={annee}"
    fige = BilanFige.objects.filter(annee=annee).first()
    if fige is not None and not (request.method == "POST" and request.POST.get("confirmer") == "oui"):
        if request.method == "POST":
            return redirect(reverse("bilan_figer") + f"?annee={annee}")
        return confirmer_refigement(request, fige, tableau)
    if request.method == "GET":
        return redirect(tableau)  # a year not frozen yet is frozen by the dashboard's button; a GET never writes
    publication.figer(annee, request.user)
    if fige is None:
        messages.success(request, f"Les chiffres de {annee} sont figés : la page publique affiche désormais ces chiffres.")
    else:
        messages.success(request, f"Les chiffres publiés de {annee} sont mis à jour : la page publique affiche "
                                  "désormais les chiffres actuels.")
    return redirect(tableau)


def confirmer_refigement(request, fige, url_tableau):
    lignes, cantons = publication.ecarts(fige)
    return TemplateResponse(request, "bilan/admin/confirmer_refigement.html", {
        "page_title": f"Mettre à jour les chiffres publiés de {fige.annee} ?", "header_icon": "warning",
        "fige": fige, "lignes": lignes, "cantons": cantons, "url_tableau": url_tableau,
    })


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


class RapportActiviteView(VueDuBilan):
    """A partner's activity report (rapport.py): the coordination chooses the partner, a partner's agent gets
    its own whatever the URL says; a page, a page to print (?format=impression) and an XLSX (?format=xlsx)."""

    template_name = "bilan/admin/rapport.html"
    page_title = "Rapport d'activité"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": reverse("bilan_tableau"), "label": "Bilan"},
                                         {"url": "", "label": "Rapport d'activité"}]

    def choix(self):
        requete, coordination = self.request.GET, est_coordination(self.request.user)
        partenaires = list(Partenaire.objects.order_by("nom")) if coordination else []
        if coordination:
            valeur = str(requete.get("partenaire", ""))[:9]
            partenaire = next((p for p in partenaires if valeur.isdigit() and p.pk == int(valeur)), None)
            partenaire = partenaire or (partenaires[0] if partenaires else None)
        else:
            partenaire = partenaire_de(self.request.user)
        annee = _annee(requete.get("annee", ""))
        annee = annee if annee and 2000 <= annee <= 2100 else timezone.localdate().year
        trimestre = str(requete.get("trimestre", ""))
        return partenaire, partenaires, annee, int(trimestre) if trimestre in ("1", "2", "3", "4") else None

    def get(self, request, *args, **kwargs):
        partenaire, _partenaires, annee, trimestre = self.choix()
        if partenaire is None:
            raise Http404("Aucun partenaire.")
        format_demande = request.GET.get("format", "")
        if format_demande == "xlsx":
            donnees = rapport.rapport(partenaire, annee, trimestre)
            reponse = HttpResponse(rapport.classeur(donnees), content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            nom = slugify(f"rapport-activite-{partenaire.nom_court}-{rapport.periode_en_clair(donnees)}")
            reponse["Content-Disposition"] = f'attachment; filename="{nom}.xlsx"'
            return reponse
        if format_demande == "impression":
            return TemplateResponse(request, "bilan/admin/rapport_impression.html",
                                    self.contexte_rapport(partenaire, annee, trimestre))
        return super().get(request, *args, **kwargs)

    def contexte_rapport(self, partenaire, annee, trimestre):
        donnees = rapport.rapport(partenaire, annee, trimestre)
        return {"rapport": donnees, "periode": rapport.periode_en_clair(donnees),
                "periode_precedente": rapport.periode_en_clair({**donnees, "annee": annee - 1})}

    def get_context_data(self, **kwargs):
        contexte = super().get_context_data(**kwargs)
        partenaire, partenaires, annee, trimestre = self.choix()
        requete = self.request.GET.copy()
        requete["partenaire"], requete["annee"] = partenaire.pk, annee
        contexte.update(self.contexte_rapport(partenaire, annee, trimestre))
        contexte.update({"partenaires": partenaires, "annee": annee, "trimestre": trimestre,
                         "annees": list(range(timezone.localdate().year, 2021, -1)),
                         "url_xlsx": "?" + _avec(requete, format="xlsx"),
                         "url_impression": "?" + _avec(requete, format="impression")})
        return contexte


def _avec(requete, **valeurs):
    copie = requete.copy()
    for cle, valeur in valeurs.items():
        copie[cle] = valeur
    return copie.urlencode()
