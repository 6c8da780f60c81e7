"""Admin permission policies shared by the apps."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import ModelPermissionPolicy

ACTIONS_EDITION = frozenset({"add", "change", "delete"})


class LectureSeulePermissionPolicy(ModelPermissionPolicy):
    """The model's permissions minus add / change / delete, which nobody has: the rows are written by the
    site itself (an import command, a public form, a background task), never typed in the admin."""

    def user_has_permission(self, user, action):
        if action in ACTIONS_EDITION:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ACTIONS_EDITION]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)
