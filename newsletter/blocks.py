"""Blocks of an issue: few, simple, and safe in e-mail clients (no embeds, tables of data or accordions)."""

from wagtail import blocks

from site_collectivites.blocks import CallToActionBlock, ImageFigureBlock

# No h4 nor document links: an e-mail is read on its own, outside the site.
FONCTIONS_TEXTE = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]

NATURES_CONTENUS = [
    ("actualites", "Actualités"),
    ("evenements", "Événements de l'agenda"),
    ("offres", "Nouvelles offres d'ingénierie"),
    ("aides", "Aides financières"),
    ("realisations", "Réalisations"),
]


class DerniersContenusBlock(blocks.StructBlock):
    """What was published since the previous issue, chosen when the issue is shown or sent."""

    titre = blocks.CharBlock(label="titre", help_text="Ex. : Les actualités du mois")
    nature = blocks.ChoiceBlock(choices=NATURES_CONTENUS, label="contenus")
    nombre = blocks.IntegerBlock(label="nombre maximum", default=5, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        label = "derniers contenus publiés"


class LettreStreamBlock(blocks.StreamBlock):
    texte = blocks.RichTextBlock(label="texte", features=FONCTIONS_TEXTE, icon="pilcrow")
    image = ImageFigureBlock()
    appel_action = CallToActionBlock()
    derniers_contenus = DerniersContenusBlock()

    class Meta:
        block_counts = {}
