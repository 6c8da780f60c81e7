"""The demandes in the Wagtail admin.

For now: read-only lists of the demandes and of their e-mails (a failed send shows here, with its error and
next try), for users holding the "view" permission (superusers). The follow-up back office with roles,
assignments and exports comes with the rest of issue 5.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from site_collectivites.permissions import LectureSeulePermissionPolicy

from .models import CourrielDemande, Demande


class LectureSeuleViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []

    @property
    def permission_policy(self):
        return LectureSeulePermissionPolicy(self.model)


class DemandeViewSet(LectureSeuleViewSet):
    model = Demande
    name = "demandes"
    url_prefix = "demandes/demandes"
    icon = "form"
    menu_label = "Demandes"
    list_display = ["reference", "titre", "territoire_commune", "statut", "cree_le"]
    list_filter = ["statut", "type_collectivite", "annee"]
    search_fields = ["reference", "titre", "territoire_commune", "nom_structure"]
    search_backend_name = None


class CourrielDemandeViewSet(LectureSeuleViewSet):
    model = CourrielDemande
    url_prefix = "demandes/courriels"
    icon = "mail"
    menu_label = "Courriels des demandes"
    list_display = ["demande", "nature", "destinataire", "etat", "tentatives", "prochain_essai", "derniere_erreur"]
    list_filter = ["etat", "nature"]
    search_backend_name = None

    def get_queryset(self, request):
        return CourrielDemande.objects.select_related("demande")


class DemandesGroup(ModelViewSetGroup):
    menu_label = "Demandes"
    menu_icon = "form"
    menu_order = 200
    items = (DemandeViewSet, CourrielDemandeViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return DemandesGroup()
