"""Bulk actions on the demandes listing (Wagtail's bulk action framework): confide several demandes to a
partenaire and change their status (coordination), move assignments to another agent or partenaire (an agent
leaves).

Every selected id goes through demandes/acces.py: an id outside the user's demandes is refused, and « select
all » means all the demandes this user may see. The listing shows a user only the actions it may run
(`boutons_pour`): Wagtail's own footer would show every registered action to everyone."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import classproperty
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.widgets import ListingButton

from .. import acces, suivi
from ..models import Affectation, Demande
from .formulaires import ConfierForm, ReaffectationForm, StatutMasseForm


class DemandeBulkAction(BulkAction):
    @classproperty
    def models(cls):
        return [Demande]

    def dispatch(self, request, *args, **kwargs):
        if not self.autorise(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def autorise(cls, user):
        return acces.peut_acceder(user)

    def get_queryset(self, model, object_ids):
        return list(Demande.objects.filter(pk__in=[i for i in object_ids if str(i).isdigit()]))

    def check_perm(self, demande):
        return acces.peut_voir(self.request.user, demande)

    def get_all_objects_in_listing_query(self, parent_id):
        return acces.filtrer_demandes(self.request.user).values_list("pk", flat=True)

    def object_context(self, demande):
        return {"item": demande, "titre": f"{demande.reference} – {demande.titre}"}


class ConfierBulkAction(DemandeBulkAction):
    """Confide the chosen demandes to a partenaire: one assignment each (those it already has are kept), the
    partenaire told once by one e-mail listing them (suivi.confier_en_masse)."""

    display_name = "Confier à un partenaire"
    action_type = "confier"
    aria_label = "Confier les demandes choisies à un partenaire"
    template_name = "demandes/gestion/action_groupee.html"
    form_class = ConfierForm
    action_priority = 5

    @classmethod
    def autorise(cls, user):
        return acces.peut_coordonner(user)

    def get_execution_context(self):
        donnees = self.cleaned_form.cleaned_data
        return {"user": self.request.user, "partenaire": donnees["partenaire"], "agent": donnees["agent"]}

    @classmethod
    def execute_action(cls, objects, user=None, partenaire=None, agent=None, **kwargs):
        # The second number is Wagtail's « child objects »: here the demandes the partenaire already had.
        return suivi.confier_en_masse(objects, partenaire, user, agent=agent)

    def get_success_message(self, num_parent_objects, num_child_objects):
        partenaire = self.cleaned_form.cleaned_data["partenaire"].nom_court
        message = f"{num_parent_objects} demande(s) confiée(s) à {partenaire}"
        if num_child_objects:
            message += f" ; {num_child_objects} l'étai(en)t déjà"
        return message + "."


class ChangerStatutBulkAction(DemandeBulkAction):
    display_name = "Changer le statut"
    action_type = "changer_statut"
    aria_label = "Changer le statut des demandes choisies"
    template_name = "demandes/gestion/action_groupee.html"
    form_class = StatutMasseForm
    action_priority = 10

    @classmethod
    def autorise(cls, user):
        return acces.peut_coordonner(user)

    def get_execution_context(self):
        donnees = self.cleaned_form.cleaned_data
        return {"statut": donnees["statut"], "user": self.request.user,
                "message": donnees["message_au_demandeur"].strip()}

    @classmethod
    def execute_action(cls, objects, statut=None, user=None, message="", **kwargs):
        # Each demande whose status changes tells its requester once (demandes/demandeur.py).
        return suivi.changer_statut_en_masse(objects, statut, user, message_au_demandeur=message), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Statut changé pour {num_parent_objects} demande(s)."


class ReaffecterBulkAction(DemandeBulkAction):
    display_name = "Réaffecter"
    action_type = "reaffecter"
    aria_label = "Confier les demandes choisies à un autre agent ou partenaire"
    template_name = "demandes/gestion/action_groupee.html"
    form_class = ReaffectationForm
    action_priority = 20

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_execution_context(self):
        donnees = self.cleaned_form.cleaned_data
        user = self.request.user
        ancien = donnees.get("ancien_partenaire") or acces.partenaire_de(user)
        return {"user": user, "ancien": ancien, "nouveau": donnees.get("nouveau_partenaire"), "agent": donnees["agent"]}

    @classmethod
    def execute_action(cls, objects, user=None, ancien=None, nouveau=None, agent=None, **kwargs):
        affectations = Affectation.objects.filter(demande__in=objects, partenaire=ancien).select_related(
            "demande", "partenaire", "agent"
        )
        return suivi.reaffecter(list(affectations), user, agent=agent, partenaire=nouveau), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} affectation(s) déplacée(s)."


ACTIONS = (ConfierBulkAction, ChangerStatutBulkAction, ReaffecterBulkAction)


def boutons_pour(user):
    """The listing's bulk action buttons this user may use (Wagtail's footer markup, its JavaScript adds the ids)."""
    return [
        ListingButton(
            action.display_name, reverse("wagtail_bulk_action", args=["demandes", "demande", action.action_type]),
            attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
            priority=action.action_priority, classname=" ".join(action.classes | {"bulk-action-btn"}),
        )
        for action in sorted(ACTIONS, key=lambda action: action.action_priority)
        if action.autorise(user)
    ]
