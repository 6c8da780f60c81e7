"""Admin of the registrations (menu « Inscriptions aux événements »): listing filtered by event and status, CSV and
XLSX exports, cancellation by an organiser; and a guard against deleting an event that has registrations.

Wagtail's own ModelViewSet rather than wagtail-modeladmin: modeladmin is the deprecated predecessor of ModelViewSet
(moved out of Wagtail into a separate package for old projects), while ModelViewSet ships with Wagtail 7.4 LTS, has
the filters and the CSV / XLSX export we need, and is what the territory admin already uses (docs/agenda.md).
"""


import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.base import ModelPermissionPolicy

from agenda import inscriptions
from agenda.models import AgendaIndexPage, EvenementPage, Inscription, ReplayIndexPage, StatutInscription
from agenda.models.evenements import ModeInscription
from site_collectivites.exploitation.exports import ExportMixin

ACTIONS_REFUSEES = frozenset({"add", "delete"})


class InscriptionPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, minus add and delete, which nobody has: registrations come from the public form
    (its capacity rules), and one is cancelled rather than deleted, so that the waiting list moves up."""

    def user_has_permission(self, user, action):
        if action in ACTIONS_REFUSEES:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ACTIONS_REFUSEES]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


class InscriptionFilterSet(WagtailFilterSet):
    evenement = django_filters.ModelChoiceFilter(
        label="Événement",
        queryset=EvenementPage.objects.filter(inscription=ModeInscription.SUR_LE_SITE).order_by("-debut"),
    )
    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutInscription.choices)

    class Meta:
        model = Inscription
        fields = ["evenement", "statut"]


def _occupation(inscription):
    """"28 / 40 places, 3 en attente" for the registration's event (annotated by the index view's queryset)."""
    capacite = inscription.evenement.capacite
    places = f"{inscription.places_evenement or 0} / {capacite if capacite is not None else 'illimité'}"
    return f"{places} places, {inscription.attente_evenement or 0} en attente"


class InscriptionIndexView(ExportMixin, IndexView):
    export_filename = "inscriptions"

    def get_base_queryset(self):
        # One query for the page of rows: event, commune and EPCI joined, the event's seats and waiting list as
        # subqueries (no query per row).
        meme_evenement = Inscription.objects.filter(evenement=OuterRef("evenement")).order_by().values("evenement")
        places = meme_evenement.filter(statut=StatutInscription.CONFIRMEE).annotate(n=Sum("nombre_personnes"))
        attente = meme_evenement.filter(statut=StatutInscription.ATTENTE).annotate(n=Count("pk"))
        return (
            super()
            .get_base_queryset()
            .select_related("evenement", "commune", "epci")
            .annotate(
                places_evenement=Subquery(places.values("n")[:1], output_field=IntegerField()),
                attente_evenement=Subquery(attente.values("n")[:1], output_field=IntegerField()),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.statut != StatutInscription.ANNULEE and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.append(
                ListingButton(
                    "Annuler l'inscription",
                    url=reverse("agenda_inscriptions:annuler", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class InscriptionViewSet(ModelViewSet):
    model = Inscription
    icon = "form"
    menu_label = "Inscriptions aux événements"
    menu_order = 250
    add_to_admin_menu = True
    name = "agenda_inscriptions"
    url_prefix = "agenda/inscriptions"
    index_view_class = InscriptionIndexView
    filterset_class = InscriptionFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None  # plain database search (icontains)
    search_fields = ["nom", "prenom", "email", "autre_structure", "commune__nom", "epci__nom"]
    list_per_page = 50
    form_fields = ["prenom", "nom", "fonction", "email", "besoins_accessibilite"]
    list_display = [
        "nom_complet",  # first column: links to the edit view and carries the row buttons
        Column("collectivite", label="Collectivité", accessor="collectivite"),
        "evenement",
        Column("nombre_personnes", label="Personnes", sort_key="nombre_personnes"),
        Column("statut", label="Statut", accessor="get_statut_display", sort_key="statut"),
        Column("occupation", label="Places de l'événement", accessor=_occupation),
        DateColumn("created_at", label="Inscrit le", sort_key="created_at"),
    ]
    list_export = [
        "evenement.title",
        "collectivite",
        "prenom",
        "nom",
        "fonction",
        "email",
        "nombre_personnes",
        "besoins_accessibilite",
        "get_statut_display",
        "created_at",
        "cancelled_at",
    ]
    export_headings = {
        "evenement.title": "Événement",
        "collectivite": "Collectivité ou structure",
        "prenom": "Prénom",
        "nom": "Nom",
        "fonction": "Fonction",
        "email": "Adresse électronique",
        "nombre_personnes": "Nombre de personnes",
        "besoins_accessibilite": "Besoins d'accessibilité",
        "get_statut_display": "Statut",
        "created_at": "Inscrit le",
        "cancelled_at": "Annulée le",
    }
    inspect_view_fields = [
        "evenement", "prenom", "nom", "fonction", "email", "commune", "epci", "autre_structure", "nombre_personnes",
        "besoins_accessibilite", "statut", "created_at", "cancelled_at",
    ]

    @property
    def permission_policy(self):
        return InscriptionPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("annuler/<int:pk>/", self.annuler_view, name="annuler")]

    def annuler_view(self, request, pk):
        """An organiser cancels a registration: GET asks for confirmation, POST cancels (and promotes)."""
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        inscription = get_object_or_404(Inscription.objects.select_related("evenement"), pk=pk)
        index_url = reverse(self.get_url_name("index"))
        if request.method == "POST":
            promues = inscriptions.annuler(inscription)
            texte = f"Inscription de {inscription.nom_complet} annulée."
            if promues:
                texte += f" Confirmée(s) depuis la liste d'attente : {', '.join(i.nom_complet for i in promues)}."
            messages.success(request, texte)
            return redirect(f"{index_url}?evenement={inscription.evenement_id}")
        return TemplateResponse(
            request,
            "agenda/admin/annuler_inscription.html",
            {"inscription": inscription, "index_url": index_url, "header_icon": "cross",
             "page_title": "Annuler une inscription"},
        )


@hooks.register("register_admin_viewset")
def register_inscriptions():
    return InscriptionViewSet()


@hooks.register("before_delete_page")
def refuser_suppression_avec_inscriptions(request, page):
    """Registrations are protected (on_delete=PROTECT): explain it instead of a server error."""
    if Inscription.objects.filter(evenement__path__startswith=page.path).exists():
        messages.error(
            request,
            "Cet événement (ou une page en dessous) a des inscriptions : il ne peut pas être supprimé. "
            "Passez son statut à « Annulé » pour prévenir les inscrits, ou annulez d'abord les inscriptions.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("parametres_pages_en_cache")
def parametres_des_pages():
    """What the agenda, the replays and the news read of the query string (their filters, the news' thématique,
    the page number): the page cache keys on the declared parameters only (site_collectivites/cache/cles.py)."""
    return {*AgendaIndexPage.FILTRES, *ReplayIndexPage.FILTRES, "thematique", "page"}
