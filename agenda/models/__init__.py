"""Events (agenda) and news (actualités): one module per page family."""

from .actualites import ActualiteIndexPage, ActualitePage  # noqa: F401
from .evenements import AgendaIndexPage, EvenementPage  # noqa: F401
from .inscriptions import Inscription, StatutInscription  # noqa: F401
from .replays import ReplayIndexPage  # noqa: F401
