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
from .aides import AideEtat, AideIndexPage, AidePage, Calendrier  # noqa: F401, E402
from .realisations import RealisationIndexPage, RealisationPage, TypeMaitreOuvrage  # noqa: F401, E402
