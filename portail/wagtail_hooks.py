from wagtail import hooks

from portail.accueil import sections

# The home page's lists of news, events and réalisations (HomePage.get_context reads this hook).
hooks.register("sections_accueil", sections)


@hooks.register("parametres_pages_en_cache")
def parametres_de_la_recherche():
    """The search page's words and page number (portail/views.py): the page cache keys on declared parameters."""
    return {"q", "page"}
