"""The "latest content" of an issue: pages of offres and agenda published between two issues.

newsletter reads published content of offres and agenda (docs/architecture.md); nothing there imports newsletter.
"""

from django.apps import apps
from django.utils import timezone

# nature → (model, field shown as the item's date)
MODELES = {
    "actualites": ("agenda.ActualitePage", "date_publication"),
    "evenements": ("agenda.EvenementPage", "debut"),
    "offres": ("offres.OffrePage", None),
    "aides": ("offres.AidePage", None),
    "realisations": ("offres.RealisationPage", None),
}


def contenus_recents(nature, debut, fin, nombre):
    """Up to `nombre` live, public pages of `nature` first published in [debut, fin), newest first.

    One query, whatever the number of items (their URLs come from Wagtail's cached site root paths)."""
    modele, champ_date = MODELES[nature]
    pages = (
        apps.get_model(modele).objects.live().public()
        .filter(first_published_at__gte=debut, first_published_at__lt=fin)
        .order_by("-first_published_at")[:nombre]
    )
    contenus = []
    for page in pages:
        date = getattr(page, champ_date) if champ_date else None
        if hasattr(date, "hour"):
            date = timezone.localtime(date)
        contenus.append({
            "titre": page.title,
            "resume": getattr(page, "resume", "") or page.search_description,
            "url": page.get_full_url(),
            "date": date,
        })
    return contenus
