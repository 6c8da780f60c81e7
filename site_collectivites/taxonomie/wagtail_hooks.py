from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partenaire, Thematique, TypePrestation


class ThematiqueViewSet(SnippetViewSet):
    model = Thematique
    icon = "tag"
    menu_label = "Thématiques"
    list_display = ["nom", "slug", "ordre"]
    search_fields = ["nom"]


class TypePrestationViewSet(SnippetViewSet):
    model = TypePrestation
    icon = "list-ul"
    menu_label = "Types de prestation"
    list_display = ["nom", "sigle", "ordre"]


class PartenaireViewSet(SnippetViewSet):
    model = Partenaire
    icon = "group"
    menu_label = "Partenaires"
    list_display = ["nom", "sigle", "nature", "email_contact"]
    list_filter = ["nature", "thematiques"]
    search_fields = ["nom", "sigle"]


class ReferentielGroup(SnippetViewSetGroup):
    menu_label = "Référentiel"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThematiqueViewSet, TypePrestationViewSet, PartenaireViewSet)


register_snippet(ReferentielGroup)
