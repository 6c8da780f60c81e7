"""The slug of a page (the last part of its address) in ASCII, from a French title: « L'éclairage public de la
mairie d'Étoile » → `l-eclairage-public-de-la-mairie-d-etoile`.

Why ASCII: an accented slug is written percent-encoded in every address (`l%C3%A9clairage`), which some of our
tools read back without decoding it (the second factor's middleware answered « Page introuvable » to Wagtail's
preview, docs/contenu.md), and which is unreadable once copied into an e-mail or a spreadsheet. Why an
apostrophe is a word break: Wagtail (and Django's slugify) drop it with nothing in its place (`lextinction`,
`dinformation`).

One table of replacements serves both sides: the admin's slug field (Wagtail's `w-slug` Stimulus controller runs
them as `formatters` before its own urlify / slugify, when the title is typed and when the slug field loses
focus) and the server (`slug_ascii`: pages created by the skeleton, the demo, a script, or a slug typed by hand).
Wagtail's own slugify in the browser drops an accented letter it has no transliteration for (`éclairage` typed
in the slug field became `clairage`): the table folds every French accent first.
"""

import re

from django import forms
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

# (pattern, replacement), case-insensitive: run in this order before the slugify, in Python and in the browser.
REMPLACEMENTS_SLUG = [
    ("['’‘ʼ`]", "-"),  # apostrophes, straight and typographic: a word break
    ("[àáâãäå]", "a"),
    ("[ç]", "c"),
    ("[èéêë]", "e"),
    ("[ìíîï]", "i"),
    ("[ñ]", "n"),
    ("[òóôõö]", "o"),
    ("[ùúûü]", "u"),
    ("[ýÿ]", "y"),
    ("[œ]", "oe"),
    ("[æ]", "ae"),
]
_REMPLACEMENTS = [(re.compile(motif, re.IGNORECASE), remplacement) for motif, remplacement in REMPLACEMENTS_SLUG]


def slug_ascii(texte):
    """`texte` (a title, or a slug typed by hand) as an ASCII slug: lower case, letters, digits and hyphens."""
    for motif, remplacement in _REMPLACEMENTS:
        texte = motif.sub(remplacement, texte or "")
    # Django's slugify folds what remains (NFKD, then ASCII only) and joins the words with hyphens.
    return slugify(texte, allow_unicode=False)


def champ_slug_ascii():
    """The admin's slug input, with the table above as its formatters."""
    return SlugInput(formatters=[(re.compile(motif, re.IGNORECASE), remplacement)
                                 for motif, remplacement in REMPLACEMENTS_SLUG])


class FormulairePage(WagtailAdminPageForm):
    """The base form of every page of the site (BasePage.base_form_class): the slug typed or synced from the title
    is folded to ASCII in the browser, and again on the server, before Wagtail checks it is free under the
    parent (a slug folded after that check could collide with a sibling's and fail at the save)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("slug")
        if champ is not None:
            champ.widget = champ_slug_ascii()
            champ.help_text = ("La fin de l'adresse de la page, sans accent ni apostrophe : remplie d'après le titre "
                               "tant que la page n'est pas publiée.")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if not slug or slug.isascii():
            return slug
        if not slug_ascii(slug):
            raise forms.ValidationError("Écrivez la fin de l'adresse avec des lettres (sans accent) ou des chiffres.")
        return slug_ascii(slug)
