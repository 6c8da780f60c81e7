"""Partners edit their own offers (#20 item 5): the group « Agents des partenaires » may add and change pages
under the catalogue (page permissions on it), submitted to the Département's moderation (they cannot publish);
a partner's agent then edits only the offers of its own partner, never the catalogue page, the partners' page or
another partner's offers. The restriction is applied where Wagtail asks a page what a user may do
(`Page.permissions_for_user`) and in the offer's form (the partner field holds the agent's partner only).
"""

from django import forms

from site_collectivites.models.adresses import FormulairePage
from site_collectivites.taxonomie.agents import partenaire_restreint

GROUPE_AGENTS = "Agents des partenaires"
PERMISSIONS_AGENTS = ("add_page", "change_page")


def restreindre(testeur, page, permises):
    """Narrow a PagePermissionTester of `page` for a partner's agent to the `permises` actions (a set, or a
    function of the agent's partner); nothing changes for anyone else."""
    partenaire = partenaire_restreint(testeur.user)
    if partenaire is not None:
        permises = permises(partenaire) if callable(permises) else permises
        testeur.permissions = set(testeur.permissions) & set(permises)
    return testeur


def actions_sur_offre(page):
    """An agent may change an offer of its own partner (a new offer being created is its own)."""
    return lambda partenaire: {"add", "change"} if page.partenaire_id in (None, partenaire.pk) else set()


def donner_les_droits(index, Group, GroupPagePermission, Permission):
    """The agents' page permissions on a catalogue page (the skeleton and a migration call it; idempotent)."""
    groupe = Group.objects.filter(name=GROUPE_AGENTS).first()
    if groupe is None:
        return
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PERMISSIONS_AGENTS):
        GroupPagePermission.objects.get_or_create(group=groupe, page_id=index.pk, permission=permission)


class FormulaireOffre(FormulairePage):
    """The pages' form (ASCII slugs) and, for a partner's agent, the partner field offers its own partner only (and refuses another)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partenaire = partenaire_restreint(self.for_user) if self.for_user is not None else None
        if partenaire is not None and "partenaire" in self.fields:
            self.fields["partenaire"].queryset = self.fields["partenaire"].queryset.filter(pk=partenaire.pk)
            self.fields["partenaire"].initial = partenaire.pk

    def clean_partenaire(self):
        valeur = self.cleaned_data.get("partenaire")
        partenaire = partenaire_restreint(self.for_user) if self.for_user is not None else None
        if partenaire is not None and valeur is not None and valeur.pk != partenaire.pk:
            raise forms.ValidationError(f"Vous ne pouvez rédiger que les offres de {partenaire.nom_court}.")
        return valeur
