"""The consent notice shown beside every subscription form, versioned.

Never edit a published version: add a new one and point VERSION_COURANTE at it. Each proof of consent stores the
version and the full text the person saw (PreuveConsentement), so an old proof stays readable.
"""

MENTIONS = {
    "2026-12": (
        "En vous abonnant, vous acceptez de recevoir par courriel la lettre d'information du Département de la "
        "Drôme sur l'ingénierie publique (actualités, rendez-vous, offres et aides pour les collectivités). "
        "Votre adresse, vos thématiques et, si vous les indiquez, votre collectivité et votre fonction ne servent "
        "qu'à cet envoi ; elles ne sont jamais cédées. Chaque lettre contient un lien pour vous désabonner ou "
        "changer vos thématiques. Sans activité de votre part pendant trois ans, nous vous demandons si vous "
        "souhaitez rester abonné, puis nous effaçons vos données."
    ),
}
VERSION_COURANTE = "2026-12"


def mention(version=None):
    """(version, text) of the notice: the requested version if it exists, else the current one."""
    version = version if version in MENTIONS else VERSION_COURANTE
    return version, MENTIONS[version]
