"""The register of personal data processing (RGPD art. 30), in one place.

The public page « Données personnelles » shows it (the « registre des traitements » block) and
docs/donnees-personnelles.md carries the same table (`manage.py registre_donnees --ecrire`, checked by the
tests): what the site tells people, what IT documents and what the code does cannot drift apart. Retention
periods are read from the settings that the retention commands apply.
"""

from dataclasses import dataclass

from django.conf import settings

MARQUE_DEBUT = "<!-- registre:debut (généré par manage.py registre_donnees --ecrire) -->"
MARQUE_FIN = "<!-- registre:fin -->"


@dataclass(frozen=True)
class Traitement:
    nom: str
    personnes: str
    donnees: str
    finalite: str
    base_legale: str
    duree: str


def _duree(jours):
    if jours % 365 == 0:
        annees = jours // 365
        return f"{annees} an{'s' if annees > 1 else ''}"
    if jours >= 60 and jours % 30 in (0, 1, 2):
        return f"{round(jours / 30.4)} mois"
    return f"{jours} jours"


MISSION = "mission d'intérêt public (art. 6.1.e)"
SECURITE = "obligation légale de sécurité (art. 6.1.c et 32)"


def traitements():
    """The register, with the retention periods of the current settings."""
    return [
        Traitement(
            "Demandes d'accompagnement", "élus et agents des collectivités",
            "nom, prénom, fonction, e-mail, téléphone, collectivité, projet, pièces jointes, suivi",
            "répondre à la demande, la suivre, établir le bilan annuel", MISSION,
            f"{_duree(settings.DEMANDES_CONSERVATION_JOURS)} après la clôture de la demande, puis anonymisation "
            "(restent les données utiles au bilan : collectivité, territoire, thématiques, prestations)",
        ),
        Traitement(
            "Inscriptions aux événements", "participants",
            "nom, prénom, fonction, structure, e-mail, nombre de personnes, besoins d'accessibilité",
            "organiser l'événement, prévenir les participants, permettre l'annulation", MISSION,
            f"{_duree(settings.AGENDA_CONSERVATION_INSCRIPTIONS_JOURS)} après l'événement, puis effacement de la "
            "personne (restent les effectifs)",
        ),
        Traitement(
            "Lettre d'information", "abonnés",
            "e-mail, thématiques, collectivité et fonction facultatives, preuve du consentement, envois",
            "adresser la lettre d'information", "consentement (art. 6.1.a), retiré d'un clic",
            f"tant que l'abonnement dure ; demande non confirmée : "
            f"{_duree(settings.NEWSLETTER_PURGE_NON_CONFIRMES_JOURS)} ; sans activité pendant "
            f"{_duree(settings.NEWSLETTER_INACTIVITE_JOURS)} : demande de renouvellement, puis suppression ; "
            "adresse désabonnée conservée pour ne plus jamais l'écrire",
        ),
        Traitement(
            "Comptes de l'espace d'administration", "agents du Département et des partenaires",
            "identifiant, nom, e-mail, mot de passe chiffré, second facteur, groupes",
            "éditer le site, traiter les demandes", MISSION,
            "tant que la personne exerce cette fonction ; désactivé à son départ",
        ),
        Traitement(
            "Journaux de connexion et de sécurité", "toute personne qui se connecte ou visite le site",
            "identifiant saisi, adresse IP, navigateur, date", "protéger le site contre les intrusions", SECURITE,
            "180 jours (connexions) ; 14 jours (serveur web)",
        ),
    ]


def tableau_markdown():
    lignes = [
        "| Traitement | Personnes | Données | Finalité | Base légale | Durée de conservation |",
        "|---|---|---|---|---|---|",
    ]
    for t in traitements():
        lignes.append(f"| {t.nom} | {t.personnes} | {t.donnees} | {t.finalite} | {t.base_legale} | {t.duree} |")
    return "\n".join(lignes)


def document_a_jour(texte):
    """`texte` (docs/donnees-personnelles.md) with the table between the markers regenerated."""
    debut = texte.index(MARQUE_DEBUT) + len(MARQUE_DEBUT)
    fin = texte.index(MARQUE_FIN)
    return texte[:debut] + "\n" + tableau_markdown() + "\n" + texte[fin:]
