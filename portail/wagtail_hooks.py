from wagtail import hooks

from portail.accueil import sections

# The home page's lists of news, events and réalisations (HomePage.get_context reads this hook).
hooks.register("sections_accueil", sections)
