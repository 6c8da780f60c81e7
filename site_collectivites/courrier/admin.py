"""The outbox in the admin (Paramètres > Courriels envoyés): every e-mail of the site but the demandes' own (in
Demandes > Courriels des demandes), its state, its tries and its last error. Read only; the message's body is
never shown (it holds personal links: password reset, cancellation)."""

from wagtail.admin.viewsets.model import ModelViewSet

from site_collectivites.models import CourrielEnFile
from site_collectivites.securite.permissions import LectureSeulePermissionPolicy

COLONNES = ["nature", "destinataires", "sujet", "etat", "tentatives", "prochain_essai", "derniere_erreur",
            "envoye_le", "cree_le"]


class CourrielEnFileViewSet(ModelViewSet):
    model = CourrielEnFile
    url_prefix = "courriels"
    icon = "mail"
    menu_label = "Courriels envoyés"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["sujet", "nature", "destinataires", "etat", "tentatives", "prochain_essai", "derniere_erreur"]
    list_filter = ["etat", "nature"]
    search_fields = ["destinataires", "sujet"]
    search_backend_name = None
    inspect_view_fields = COLONNES
    form_fields = ["nature", "destinataires", "sujet", "etat"]  # never used: nobody may add or change a row

    @property
    def permission_policy(self):
        return LectureSeulePermissionPolicy(self.model)
