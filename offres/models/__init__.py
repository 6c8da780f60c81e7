from .offres import (  # noqa: F401
    OFFRES_PAR_PAGE,
    Beneficiaire,
    Conditions,
    IdentifiantOffre,
    OffreIndexPage,
    OffrePage,
    normaliser,
)
from .partenaires import PartenaireIndexPage  # noqa: F401
