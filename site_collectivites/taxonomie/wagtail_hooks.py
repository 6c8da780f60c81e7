from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from django.core.exceptions import PermissionDenied
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from .agents import partenaire_restreint
from .models import Partenaire, Thematique, TypePrestation


class PolitiquePartenaires(ModelPermissionPolicy):
    """A partner's agent changes its own partner's record only (its contact, its description); the groups' rights
    otherwise."""

    def user_has_permission_for_instance(self, user, action, instance):
        partenaire = partenaire_restreint(user)
        if partenaire is not None and instance.pk != partenaire.pk:
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)


class EditionPartenaire(EditView):
    """Wagtail's generic edit view checks the model permission only: the record itself is checked here, for
    the form and for its submission alike."""

    def get_object(self, queryset=None):
        objet = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", objet):
            raise PermissionDenied
        return objet


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
    edit_view_class = EditionPartenaire

    @property
    def permission_policy(self):
        return PolitiquePartenaires(self.model)


class ReferentielGroup(SnippetViewSetGroup):
    menu_label = "Référentiel"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThematiqueViewSet, TypePrestationViewSet, PartenaireViewSet)


register_snippet(ReferentielGroup)
