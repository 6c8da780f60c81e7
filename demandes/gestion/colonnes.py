"""The columns of the demandes listing that show the work waiting: how old each demande is, and for how long
its oldest assignment « à traiter » has waited for the partenaire's answer."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.admin.ui.tables import Column

from .. import acces
from ..models import Affectation, StatutAffectation


def attente_depuis(user):
    """Annotation: when the oldest assignment « à traiter » that `user` follows started to wait (None if none
    waits). An agent sees its own partenaire's wait; the coordination, the longest of all."""
    en_attente = acces.filtrer_affectations(
        user, Affectation.objects.filter(demande=OuterRef("pk"), statut=StatutAffectation.A_TRAITER)
    )
    return Subquery(en_attente.order_by("statut_modifie_le").values("statut_modifie_le")[:1])


def duree(depuis, maintenant=None):
    """« 12 jours », « 1 jour », « moins d'un jour », or « — » when nothing waits."""
    if depuis is None:
        return "—"
    jours = ((maintenant or timezone.now()) - depuis).days
    if jours < 1:
        return "moins d'un jour"
    return f"{jours} jour{'s' if jours > 1 else ''}"


def colonnes_de_l_attente():
    return [
        Column("age", label="Âge", accessor=lambda demande: duree(demande.cree_le)),
        Column("attente_depuis", label="Affectation en attente depuis", sort_key="attente_depuis",
               accessor=lambda demande: duree(demande.attente_depuis)),
    ]
