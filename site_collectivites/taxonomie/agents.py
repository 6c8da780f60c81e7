"""The partner a user acts for when the user is one of its agents and not an editor of the site: such a user may
edit its own partner's offers and partner record, never another's (offres/permissions.py, wagtail_hooks.py).

Which partner an agent belongs to is known above the ground floor (demandes: AgentPartenaire); it answers the
Wagtail hook « partenaire_de_l_utilisateur » with a function of the user. Editors (Rédacteurs, Modérateurs) and
superusers are never restricted: their rights are those of their groups.
"""

from wagtail import hooks

GROUPES_EDITORIAUX = ("Rédacteurs", "Modérateurs")


def partenaire_restreint(user):
    """The partner `user` is restricted to, or None (not an agent, or an editor or superuser). Cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return None
    if not hasattr(user, "_partenaire_restreint"):
        partenaire = None
        if not user.groups.filter(name__in=GROUPES_EDITORIAUX).exists():
            for fournisseur in hooks.get_hooks("partenaire_de_l_utilisateur"):
                partenaire = fournisseur(user)
                if partenaire is not None:
                    break
        user._partenaire_restreint = partenaire
    return user._partenaire_restreint
