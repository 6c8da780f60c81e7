"""The newsletter's part of the production skeleton (`manage.py initialiser_site`): the newsletter page, where
one subscribes and reads the issues, named in the site settings (the footer's subscription form posts there)."""

from site_collectivites.models import ParametresSite
from site_collectivites.squelette.chantier import page_presente

from .models import NewsletterIndexPage


def construire(chantier):
    index = page_presente(
        chantier.home, NewsletterIndexPage, "lettre-information", title="La lettre d'information",
        intro="Une lettre par mois, gratuite et sans publicité : les nouvelles offres d'ingénierie, les aides "
              "ouvertes, les rendez-vous et les réalisations des collectivités de la Drôme.",
        search_description="S'abonner à la lettre d'information de l'ingénierie publique en Drôme et lire les "
                           "lettres parues.",
    )
    parametres = ParametresSite.for_site(chantier.site)
    if parametres.page_lettre_id is None:
        parametres.page_lettre = index
        parametres.save(update_fields=["page_lettre"])
