"""The back office of the demandes in the Wagtail admin (demandes/gestion/)."""

from wagtail import hooks

from .gestion.actions_groupees import ACTIONS
from .gestion.viewsets import DemandesGroup


@hooks.register("register_admin_viewset")
def register_viewset():
    return DemandesGroup()


for action in ACTIONS:
    hooks.register("register_bulk_action", action)
