"""The newsletter: subscribers and their proof of consent, issues (pages), sends and deliveries."""

from .abonnes import Abonne, NatureConsentement, PreuveConsentement, StatutAbonne  # noqa: F401
from .envois import Envoi, EvenementEsp, Remise, StatutEnvoi, StatutRemise  # noqa: F401
from .pages import NewsletterIndexPage, NewsletterPage  # noqa: F401
