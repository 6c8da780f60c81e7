from .pages import HomePage, PlanDuSitePage, StandardPage  # noqa: F401
from .parametres import Navigation, ParametresSite  # noqa: F401
from .limites import CompteurLimite  # noqa: F401
from .courriels import CourrielEnFile, EnvoiAvecEssais, EtatEnvoi  # noqa: F401
