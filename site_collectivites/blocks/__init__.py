"""Shared StreamField blocks, used by standard pages and by every app's pages."""

from .base import (  # noqa: F401
    AccordionBlock,
    BodyStreamBlock,
    CallToActionBlock,
    DocumentListBlock,
    FormulaireIntegreBlock,
    ImageFigureBlock,
    LatestItemsBlock,
    LettreAbonnementBlock,
    LinkBlock,
    QuoteBlock,
    RegistreTraitementsBlock,
    TableBlock,
    VideoBlock,
)
