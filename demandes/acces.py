"""Who sees and does what in the back office. Every admin view, export, count and download asks here.

Roles are described in demandes/models/roles.py.
"""

from django.db.models import Exists, OuterRef

from .models import Affectation, AgentPartenaire, Demande, StatutAffectation


def est_coordination(user):
    return user.is_active and user.has_perm("demandes.coordonner_demandes")


def partenaire_de(user):
    """The partenaire whose demandes this agent handles, or None (not an agent, or no view permission)."""
    if not user.is_active or not user.has_perm("demandes.view_demande"):
        return None
    if not hasattr(user, "_partenaire_agent"):
        lien = AgentPartenaire.objects.select_related("partenaire").filter(utilisateur=user).first()
        user._partenaire_agent = lien.partenaire if lien else None
    return user._partenaire_agent


def peut_acceder(user):
    return est_coordination(user) or partenaire_de(user) is not None


def _selon_le_role(user, queryset, part_du_partenaire):
    """The one scoping rule of the back office: everything for the coordination, nothing for an account tied to
    no partenaire, and for an agent what `part_du_partenaire(queryset, partenaire)` keeps."""
    if est_coordination(user):
        return queryset
    partenaire = partenaire_de(user)
    return queryset.none() if partenaire is None else part_du_partenaire(queryset, partenaire)


def filtrer_demandes(user, queryset=None):
    """The demandes `user` may see: all for the coordination, those assigned to the agent's partenaire."""
    def assignees_a(qs, partenaire):
        return qs.filter(Exists(Affectation.objects.filter(demande=OuterRef("pk"), partenaire=partenaire)))

    return _selon_le_role(user, Demande.objects.all() if queryset is None else queryset, assignees_a)


def filtrer_affectations(user, queryset=None):
    """The assignments `user` may change: all for the coordination, its partenaire's for an agent."""
    return _selon_le_role(user, Affectation.objects.all() if queryset is None else queryset,
                          lambda qs, partenaire: qs.filter(partenaire=partenaire))


def peut_modifier_affectation(user, affectation):
    """Same rule as filtrer_affectations, for an assignment already in hand."""
    if est_coordination(user):
        return True
    partenaire = partenaire_de(user)
    return partenaire is not None and affectation.partenaire_id == partenaire.pk


def peut_voir(user, demande):
    return filtrer_demandes(user, Demande.objects.filter(pk=demande.pk)).exists()


def peut_coordonner(user):
    """Route and change demandes: assign them to partenaires, fix their status, correct them (the coordination
    with the change permission)."""
    return est_coordination(user) and user.has_perm("demandes.change_demande")


def peut_modifier(user, demande):
    """Change the demande itself (its fields, its overall status): the coordination only; an agent updates
    its own assignment and adds notes (peut_voir)."""
    return peut_coordonner(user)


def filtrer_avis(user, queryset=None):
    """The requesters' answers `user` may read: all for the coordination; for an agent, those of the demandes its
    partenaire followed (an assignment it did not decline). Never another partner's."""
    from .models import AvisDemandeur

    def suivies_par(qs, partenaire):
        return qs.filter(Exists(Affectation.objects.filter(demande=OuterRef("demande"), partenaire=partenaire)
                                .exclude(statut=StatutAffectation.DECLINEE)))

    return _selon_le_role(user, AvisDemandeur.objects.all() if queryset is None else queryset, suivies_par)


def peut_lire_avis(user, demande):
    if est_coordination(user):
        return True
    partenaire = partenaire_de(user)
    return partenaire is not None and any(
        a.partenaire_id == partenaire.pk and a.statut != StatutAffectation.DECLINEE for a in demande.affectations.all()
    )
