"""Base forms of Wagtail's documents and images (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE),
used by every upload of the admin (one file, several files, the chooser of a page): every uploaded file goes
through the virus scan (site_collectivites.securite.antivirus), when ClamAV is configured; an image needs its
alternative text (RGAA 1.1)."""

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from site_collectivites.securite.antivirus import verifier_fichier

# Wagtail's image « Description » is the image's default alternative text: Wagtail writes it as the alt of the
# image wherever a template gives no other (a news item's picture, a partner's logo) and pre-fills the alt text
# of the « Image » block and of rich text with it. Whether an image is decorative depends on where it is
# placed, so Wagtail 7.4 asks it there (the block's « L'image est décorative »), not in the library.
LIBELLE_TEXTE_ALTERNATIF = "Texte alternatif"
AIDE_TEXTE_ALTERNATIF = (
    "Obligatoire. Ce que l'image apporte au lecteur, en une phrase : il est lu par les lecteurs d'écran et "
    "affiché si l'image ne se charge pas (« Le maire devant l'école rénovée de Saillans », pas « photo » ni le "
    "nom du fichier). Une image purement décorative se signale là où elle est placée : case « L'image est "
    "décorative » du bloc Image."
)
TEXTE_ALTERNATIF_MANQUANT = "Décrivez l'image pour qui ne la voit pas : le texte alternatif est obligatoire."
NOM_DE_FICHIER = re.compile(r"^\S+\.(avif|gif|jpe?g|png|webp|heic|tiff?)$", re.IGNORECASE)


def _fichier_verifie(formulaire):
    fichier = formulaire.cleaned_data.get("file")
    if isinstance(fichier, UploadedFile):  # not the file already stored, when only the title changes
        verifier_fichier(fichier)
    return fichier


class FormulaireDocument(BaseDocumentForm):
    clean_file = _fichier_verifie


class FormulaireImage(BaseImageForm):
    clean_file = _fichier_verifie

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields.get("description")
        if champ is not None:
            champ.required = True
            champ.label = LIBELLE_TEXTE_ALTERNATIF
            champ.help_text = AIDE_TEXTE_ALTERNATIF
            champ.error_messages["required"] = TEXTE_ALTERNATIF_MANQUANT

    def clean_description(self):
        description = self.cleaned_data.get("description", "")
        if NOM_DE_FICHIER.match(description):
            raise ValidationError("Un nom de fichier n'est pas un texte alternatif : décrivez ce que l'image montre.")
        return description
