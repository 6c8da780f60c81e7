"""The demande's overall status, derived from its assignments (affectations).

The coordination may set a status by hand (`Demande.statut_manuel`); otherwise every change of an assignment
recomputes it with `statut_selon_affectations`:
- no assignment: the status stays where the coordination put it (reçue, en cours d'analyse);
- an assignment accepted or in progress, or some finished while others wait: en cours d'accompagnement;
- assignments waiting for an answer, none started: orientée;
- every assignment that was not declined is finished: close (accompagnement réalisé);
- every assignment declined: back to en cours d'analyse, for the coordination to route it again.
"""

from .models.affectations import StatutAffectation as A
from .models.demandes import Statut


def statut_selon_affectations(statuts, statut_actuel):
    statuts = set(statuts)
    if not statuts:
        return statut_actuel
    if statuts & {A.ACCEPTEE, A.EN_COURS} or {A.TERMINEE, A.A_TRAITER} <= statuts:
        return Statut.ACCOMPAGNEMENT
    if A.A_TRAITER in statuts:
        return Statut.ORIENTEE
    if A.TERMINEE in statuts:
        return Statut.CLOSE
    return Statut.ANALYSE
