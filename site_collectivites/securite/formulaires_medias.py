"""Base forms of Wagtail's documents and images (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE):
every uploaded file goes through the virus scan (site_collectivites.securite.antivirus), when ClamAV is configured."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from site_collectivites.securite.antivirus import verifier_fichier


def _fichier_verifie(formulaire):
    fichier = formulaire.cleaned_data.get("file")
    if isinstance(fichier, UploadedFile):  # not the file already stored, when only the title changes
        verifier_fichier(fichier)
    return fichier


class FormulaireDocument(BaseDocumentForm):
    clean_file = _fichier_verifie


class FormulaireImage(BaseImageForm):
    clean_file = _fichier_verifie
