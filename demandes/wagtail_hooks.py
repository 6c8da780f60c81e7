"""The back office of the demandes in the Wagtail admin (demandes/gestion/), and the admin home's panel of what
waits this morning (matinee.py)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .acces import partenaire_de, peut_acceder
from .matinee import matinee

from .gestion.actions_groupees import ACTIONS
from .gestion.viewsets import DemandesGroup


@hooks.register("register_admin_viewset")
def register_viewset():
    return DemandesGroup()


# The ground floor asks which partner an agent acts for (site_collectivites/taxonomie/agents.py): its offers and
# partner record are the ones it may edit (offres/permissions.py).
hooks.register("partenaire_de_l_utilisateur", partenaire_de)

for action in ACTIONS:
    hooks.register("register_bulk_action", action)


class MatineePanel(Component):
    """What waits for the coordination (or for a partner's agent, its share), first on the admin home."""

    name = "matinee"
    template_name = "demandes/gestion/panneau_matinee.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"matinee": matinee(self.user)}


@hooks.register("construct_homepage_panels")
def panneau_matinee(request, panels):
    if peut_acceder(request.user):
        panels.append(MatineePanel(request.user))
