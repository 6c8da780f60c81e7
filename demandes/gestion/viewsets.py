"""The back office's menu « Demandes »: the demandes, their e-mails, the agents of the partners.

Wagtail's own ModelViewSet rather than wagtail-modeladmin (docs/demandes.md explains): the back office needs
per-row scoping of every view, filters, CSV/XLSX export and bulk actions, which ModelViewSet has in Wagtail
7.4 LTS and modeladmin (the deprecated predecessor, kept as a separate package) does not.
"""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy

from site_collectivites.securite.permissions import LectureSeulePermissionPolicy

from .. import acces
from ..models import AgentPartenaire, CourrielDemande, Demande
from . import detail, vues
from .filtres import DemandeFilterSet


class DemandePermissionPolicy(ModelPermissionPolicy):
    """The model permissions, for coordination and agents only (acces.peut_acceder), per row through
    acces.py. Nobody deletes a demande: it is closed, then anonymised after the retention period."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return acces.peut_acceder(user) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            return acces.peut_modifier(user, instance)
        return self.user_has_permission(user, action) and acces.peut_voir(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return acces.filtrer_demandes(user)


class DemandeViewSet(ModelViewSet):
    model = Demande
    name = "demandes"
    url_prefix = "demandes/demandes"
    icon = "form"
    menu_label = "Demandes"
    index_view_class = vues.DemandeIndexView
    inspect_view_class = detail.DemandeInspectView
    inspect_view_enabled = True
    filterset_class = DemandeFilterSet
    search_fields = ["reference", "titre", "territoire_commune", "nom_structure", "territoire_epci", "nom", "email"]
    search_backend_name = None  # searched in the database, accents and case aside (DemandeIndexView), per user
    list_per_page = 50
    ordering = ["-cree_le"]
    export_filename = "demandes"
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return DemandePermissionPolicy(self.model)

    def get_urlpatterns(self):
        # Only our views: no generic delete, history, usage or copy view that would bypass acces.py.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("new/", vues.SaisieDemandeView.as_view(), name="add"),
            path("edit/<int:pk>/", vues.ModificationDemandeView.as_view(), name="edit"),
            # The detail page's forms post to the detail view, which shows an invalid form again, filled.
            path("<int:pk>/note/", self.inspect_view, {"action": "note"}, name="note"),
            path("<int:pk>/statut/", self.inspect_view, {"action": "statut"}, name="statut"),
            path("<int:pk>/affectations/", self.inspect_view, {"action": "affecter"}, name="affecter"),
            path("<int:pk>/affectations/<int:affectation_pk>/", self.inspect_view, {"action": "affectation"},
                 name="affectation"),
            path("<int:pk>/lien-demandeur/revoquer/", self.inspect_view, {"action": "revoquer_lien"},
                 name="revoquer_lien"),
            path("<int:pk>/pieces/<int:piece_pk>/", vues.piece_jointe, name="piece_jointe"),
        ]


class CourrielDemandeViewSet(ModelViewSet):
    """The outbox: a failed send shows here with its error and next try (coordination only)."""

    model = CourrielDemande
    url_prefix = "demandes/courriels"
    icon = "mail"
    menu_label = "Courriels des demandes"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["demande", "nature", "destinataire", "etat", "tentatives", "prochain_essai", "derniere_erreur"]
    list_filter = ["etat", "nature"]
    search_backend_name = None
    exclude_form_fields = []

    @property
    def permission_policy(self):
        return LectureSeulePermissionPolicy(self.model)

    def get_queryset(self, request):
        return CourrielDemande.objects.select_related("demande")


class AgentPartenaireViewSet(ModelViewSet):
    """The coordination ties an account (created in Paramètres > Utilisateurs, group « Agents des
    partenaires ») to its partenaire."""

    model = AgentPartenaire
    url_prefix = "demandes/agents"
    icon = "group"
    menu_label = "Agents des partenaires"
    form_fields = ["utilisateur", "partenaire"]
    list_display = ["utilisateur", "partenaire"]
    list_filter = ["partenaire"]
    search_fields = ["utilisateur__username", "utilisateur__last_name", "partenaire__nom"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return AgentPartenaire.objects.select_related("utilisateur", "partenaire")


class DemandesGroup(ModelViewSetGroup):
    menu_label = "Demandes"
    menu_icon = "form"
    menu_order = 200
    items = (DemandeViewSet, CourrielDemandeViewSet, AgentPartenaireViewSet)
