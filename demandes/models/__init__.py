from .affectations import PRISES_EN_CHARGE, Affectation, StatutAffectation  # noqa: F401
from .avis import UTILES, AvisDemandeur, Utilite  # noqa: F401
from .courriels import CourrielDemande  # noqa: F401
from .demandes import Demande, PieceJointe, Source, Statut, TypeCollectivite  # noqa: F401
from .journal import ActionJournal, EntreeJournal, NoteInterne  # noqa: F401
from .pages import DemandeFormPage  # noqa: F401
from .references import CompteurReference  # noqa: F401
from .roles import AgentPartenaire  # noqa: F401
