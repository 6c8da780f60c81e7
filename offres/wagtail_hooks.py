"""Read-only admin listing of the State aids imported from aides-territoires (menu "Aides de l'État").

The rows are written by `manage.py import_aides_etat` only: as for the territory reference, the permission
policy refuses add / change / delete to everybody, editors can only read what the import left.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from site_collectivites.securite.permissions import LectureSeulePermissionPolicy

from .models import AideEtat


class AideEtatViewSet(ModelViewSet):
    model = AideEtat
    icon = "link-external"
    menu_label = "Aides de l'État"
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    search_backend_name = None
    search_fields = ["nom", "financeurs", "identifiant"]
    list_display = ["nom", "financeurs", "date_limite", "importe_le"]
    list_filter = ["thematiques"]
    exclude_form_fields = []

    @property
    def permission_policy(self):
        return LectureSeulePermissionPolicy(AideEtat)


@hooks.register("register_admin_viewset")
def register_aides_etat_viewset():
    return AideEtatViewSet("aides_etat")
