"""Admin of the newsletter (menu « Lettre d'information »): subscribers (search, filters, CSV export and import,
proofs of consent), sends with their figures, and the send page of each issue (button "Envoyer la lettre")."""


import django_filters
from django.contrib.auth import get_user_model
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies.base import ModelPermissionPolicy

from newsletter import admin_views
from newsletter import envoi as moteur
from newsletter.models import Abonne, Envoi, NewsletterPage, StatutAbonne
from site_collectivites.exploitation.exports import ExportMixin
from site_collectivites.taxonomie.models import Thematique


class AbonneFilterSet(WagtailFilterSet):
    statut = django_filters.ChoiceFilter(label="Statut", choices=StatutAbonne.choices)
    thematiques = django_filters.ModelChoiceFilter(label="Thématique", queryset=Thematique.objects.all())

    class Meta:
        model = Abonne
        fields = ["statut", "thematiques"]


class AbonneIndexView(ExportMixin, IndexView):
    export_filename = "abonnes-lettre"

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("thematiques")

    @property
    def header_buttons(self):
        boutons = super().header_buttons
        if self.request.user.has_perm("newsletter.add_abonne"):
            boutons.append(HeaderButton("Importer un CSV", url=reverse("newsletter_envoi:import"), icon_name="upload"))
        return boutons


def _thematiques(abonne):
    return ", ".join(t.nom for t in abonne.thematiques.all()) or "Toutes"


class AbonneViewSet(ModelViewSet):
    model = Abonne
    icon = "user"
    menu_label = "Abonnés"
    name = "newsletter_abonnes"
    url_prefix = "lettre/abonnes"
    index_view_class = AbonneIndexView
    filterset_class = AbonneFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None  # plain database search (icontains)
    search_fields = ["email", "collectivite", "fonction"]
    list_per_page = 50
    form_fields = ["email", "thematiques", "collectivite", "fonction"]
    list_display = [
        "email",
        Column("statut", label="Statut", accessor="get_statut_display", sort_key="statut"),
        Column("thematiques", label="Thématiques", accessor=_thematiques),
        "collectivite",
        DateColumn("cree_le", label="Inscrit le", sort_key="cree_le"),
        DateColumn("derniere_activite", label="Dernière activité", sort_key="derniere_activite"),
    ]
    list_export = ["email", "get_statut_display", "thematiques_texte", "collectivite", "fonction", "cree_le",
                   "confirme_le", "desabonne_le", "derniere_activite"]
    export_headings = {
        "email": "Adresse électronique", "get_statut_display": "Statut", "thematiques_texte": "Thématiques",
        "collectivite": "Collectivité", "fonction": "Fonction", "cree_le": "Inscrit le", "confirme_le": "Confirmé le",
        "desabonne_le": "Désabonné le", "derniere_activite": "Dernière activité",
    }
    inspect_view_fields = ["email", "statut", "thematiques", "collectivite", "fonction", "cree_le", "confirme_le",
                           "desabonne_le", "derniere_activite", "relance_le", "rebonds_temporaires", "preuves_texte"]


class EnvoiPermissionPolicy(ModelPermissionPolicy):
    """Sends are read in the admin; they are made by the send page of an issue, never added or edited here."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


def _progression(envoi):
    chiffres = envoi.chiffres
    return f"{chiffres['envoyees']} / {chiffres['total']}"


class EnvoiIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("lettre")

    def get_context_data(self, *args, **kwargs):
        contexte = super().get_context_data(*args, **kwargs)
        for envoi in contexte["object_list"]:
            envoi.chiffres = moteur.avancement(envoi)  # one aggregate per row, 20 rows a page
        return contexte

    def get_list_more_buttons(self, instance):
        return [ListingButton("Suivi de l'envoi", url=reverse("newsletter_envoi:envoi", args=[instance.lettre_id]),
                              icon_name="mail", priority=10)]


class EnvoiViewSet(ModelViewSet):
    model = Envoi
    icon = "mail"
    menu_label = "Envois"
    name = "newsletter_envois"
    url_prefix = "lettre/envois"
    index_view_class = EnvoiIndexView
    copy_view_enabled = False
    list_per_page = 20
    form_fields = []
    list_display = [
        Column("lettre", label="Lettre", accessor="lettre.title"),
        Column("statut", label="Statut", accessor="get_statut_display"),
        Column("progression", label="Envoyés", accessor=_progression),
        Column("echecs", label="Échecs", accessor=lambda e: e.chiffres["abandonnees"] + e.chiffres["en_echec"]),
        Column("rebonds", label="Rebonds", accessor=lambda e: e.chiffres["rebonds"]),
        Column("plaintes", label="Plaintes", accessor=lambda e: e.chiffres["plaintes"]),
        Column("desabonnements", label="Désabonnements", accessor=lambda e: e.chiffres["desabonnements"]),
        DateColumn("cree_le", label="Lancé le"),
    ]

    @property
    def permission_policy(self):
        return EnvoiPermissionPolicy(self.model)


class LettreGroup(ViewSetGroup):
    menu_label = "Lettre d'information"
    menu_icon = "mail"
    menu_order = 260
    items = (AbonneViewSet, EnvoiViewSet)


@hooks.register("register_admin_viewset")
def register_lettre():
    return LettreGroup()


@hooks.register("register_admin_urls")
def urls_envoi():
    vues = [
        path("<int:page_id>/", admin_views.envoi, name="envoi"),
        path("<int:page_id>/apercu/", admin_views.apercu, name="apercu"),
        path("import/", admin_views.importer, name="import"),
    ]
    return [path("lettre/envoi/", include((vues, "newsletter_envoi")))]


@hooks.register("register_page_header_buttons")
def bouton_envoi(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, NewsletterPage):
        yield ListingButton("Envoyer la lettre", url=reverse("newsletter_envoi:envoi", args=[page.pk]),
                            icon_name="mail", priority=5)


@hooks.register("before_delete_page")
def refuser_suppression_lettre_envoyee(request, page):
    """A sent issue keeps its deliveries (on_delete=PROTECT): explain it instead of a server error."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if Envoi.objects.filter(lettre__path__startswith=page.path).exists():
        messages.error(request, "Cette lettre (ou une lettre sous cette page) a été envoyée : elle reste dans "
                                "l'archive avec ses chiffres d'envoi. Dépubliez-la si elle ne doit plus être lue.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
