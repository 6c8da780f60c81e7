"""Read-only admin listing of the State aids imported from aides-territoires (menu "Aides de l'État").

The rows are written by `manage.py import_aides_etat` only: as for the territory reference, the permission
policy refuses add / change / delete to everybody, editors can only read what the import left.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from site_collectivites.securite.permissions import LectureSeulePermissionPolicy

from . import filters, filtres_aides, filtres_realisations
from .models import AideEtat


@hooks.register("parametres_pages_en_cache")
def parametres_des_pages():
    """What the catalogue, the aids and the réalisations read of the query string (their facets, the catalogue's
    words, the page number: filters.numero_page) and an aid's print view (`impression`, AidePage.get_context): the
    page cache keys on the declared parameters only (site_collectivites/cache/cles.py)."""
    return {*filters.PARAMS_FILTRES, *(f.param for f in filtres_aides.FACETTES),
            *(f.param for f in filtres_realisations.FACETTES), "page", "impression"}


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
