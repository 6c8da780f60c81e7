from .courriels import CourrielDemande  # noqa: F401
from .demandes import Demande, PieceJointe  # noqa: F401
from .pages import DemandeFormPage  # noqa: F401
from .references import CompteurReference  # noqa: F401
