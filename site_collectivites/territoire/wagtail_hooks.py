"""Read-only listing of the territory (communes, cantons, EPCI) in the Wagtail admin, menu "Territoire".

The rows are maintained by `manage.py import_territoire`, so the viewsets offer no add / edit / delete / copy:
the permission policy refuses those actions to everybody (superusers included), which hides the buttons and
makes the corresponding URLs refused (Wagtail redirects to the dashboard with "permission denied", or 403 for
XHR). Reading needs the model's "view" permission (superusers have it).
"""

from django.contrib.admin.utils import quote
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from site_collectivites.securite.permissions import LectureSeulePermissionPolicy

from .models import Canton, Commune, Epci, TranchePopulation

class TerritoireViewSet(ModelViewSet):
    """Base: list + read-only detail ("inspect") view, nothing else offered."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # no outgoing references worth tracking; keeps the import lean
    search_backend_name = None  # plain database search (icontains) on search_fields
    list_per_page = 50
    # ModelViewSet builds its add / edit views (and their form) at URL registration even though nobody may
    # reach them (the policy refuses add / change / delete).
    exclude_form_fields = []

    @property
    def permission_policy(self):
        return LectureSeulePermissionPolicy(self.model)

    @property
    def url_finder_class(self):
        """Links to a commune / canton / EPCI elsewhere in the admin lead to its read-only page."""
        viewset = self

        class LectureSeuleURLFinder(ModelAdminURLFinder):
            def construct_edit_url(self, instance):
                return reverse(viewset.get_url_name("inspect"), args=(quote(instance.pk),))

            def get_edit_url(self, instance):
                if self.user and not viewset.permission_policy.user_has_permission(self.user, "view"):
                    return None
                return self.construct_edit_url(instance)

        return LectureSeuleURLFinder

    def get_permissions_to_register(self):
        """Only the "view" permission is offered in the group settings: editing is done by the import."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename=get_permission_codename("view", self.model_opts),
        )


def _liste_cantons(commune):
    return ", ".join(f"{canton.nom} ({canton.code})" for canton in commune.cantons.all())


class CommuneIndexView(IndexView):
    def get_base_queryset(self):
        # One query for the page (EPCI joined) plus one for all the cantons of the page.
        return super().get_base_queryset().select_related("epci").prefetch_related("cantons")


class CommuneInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "tranche_population":
            return "Tranche de population"
        return super().get_field_label(field_name, field)

    def get_tranche_population_display_value(self):
        return TranchePopulation(self.object.tranche_population).label if self.object.population is not None else "-"


class CommuneViewSet(TerritoireViewSet):
    model = Commune
    icon = "home"
    menu_label = "Communes"
    menu_order = 100
    name = "territoire_communes"
    url_prefix = "territoire/communes"
    index_view_class = CommuneIndexView
    inspect_view_class = CommuneInspectView
    list_display = [
        "nom",
        "insee",
        "population",
        "epci",
        Column("cantons", label="Cantons", accessor=_liste_cantons),
    ]
    list_filter = ["epci", "cantons"]
    search_fields = ["nom", "insee"]
    inspect_view_fields = ["nom", "insee", "population", "tranche_population", "codes_postaux", "epci", "cantons"]


class CantonIndexView(IndexView):
    def get_base_queryset(self):
        bureau = Commune.objects.filter(insee=OuterRef("bureau_centralisateur")).values("nom")[:1]
        return (
            super()
            .get_base_queryset()
            .annotate(nombre_communes=Count("communes"), nom_bureau_centralisateur=Subquery(bureau))
        )


class CantonViewSet(TerritoireViewSet):
    model = Canton
    icon = "site"
    menu_label = "Cantons"
    menu_order = 200
    name = "territoire_cantons"
    url_prefix = "territoire/cantons"
    index_view_class = CantonIndexView
    list_display = [
        "nom",
        "code",
        Column(
            "nom_bureau_centralisateur",
            label="Bureau centralisateur",
            accessor=lambda canton: canton.nom_bureau_centralisateur or canton.bureau_centralisateur,
        ),
        Column("nombre_communes", label="Communes (en tout ou partie)", sort_key="nombre_communes"),
    ]
    search_fields = ["nom", "code"]
    inspect_view_fields = ["code", "nom", "bureau_centralisateur", "communes"]


class EpciIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(nombre_communes=Count("communes"))


class EpciViewSet(TerritoireViewSet):
    model = Epci
    icon = "group"
    menu_label = "Intercommunalités (EPCI)"
    menu_order = 300
    name = "territoire_epci"
    url_prefix = "territoire/epci"
    index_view_class = EpciIndexView
    list_display = [
        "nom",
        "siren",
        "nature",
        "population",
        Column("nombre_communes", label="Communes dans la Drôme", sort_key="nombre_communes"),
    ]
    list_filter = ["nature"]
    search_fields = ["nom", "siren"]
    inspect_view_fields = ["nom", "siren", "nature", "population", "communes"]


class TerritoireViewSetGroup(ModelViewSetGroup):
    menu_label = "Territoire"
    menu_icon = "site"
    menu_order = 310
    items = (CommuneViewSet, CantonViewSet, EpciViewSet)


@hooks.register("register_admin_viewset")
def register_territoire_viewsets():
    return TerritoireViewSetGroup()
