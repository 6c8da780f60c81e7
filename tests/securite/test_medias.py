"""Uploaded files: documents served by Wagtail's view as attachments, MEDIA never served by Django in production."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document

from tests.test_configuration import SETUP_PRODUCTION, _run_python

SECRET = "k" * 20 + "Zq8!vP2#mL5@xR9$wT3%yU6^nB1&cD4*eF7(gH0)"


@pytest.mark.django_db
@pytest.mark.parametrize(("nom", "disposition"), [("tableau.csv", "attachment"), ("guide.pdf", "inline")])
def test_documents_served_as_attachments_except_pdf_with_nosniff_and_no_active_content(
    client, home, nom, disposition, settings, tmp_path
):
    # On disk as in production (Wagtail streams a local file; the in-memory storage of the tests has none).
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    document = Document.objects.create(title="Pièce", file=SimpleUploadedFile(nom, b"a;b\n1;2\n"))
    reponse = client.get(document.url)
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith(disposition)
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
def test_media_originals_are_not_served_by_django(client, home):
    for chemin in ("/media/original_images/photo.jpg", "/media/documents/note.pdf"):
        assert client.get(chemin).status_code == 404


def test_production_urls_never_serve_media_root():
    """In production no URL pattern is django.views.static.serve (nginx serves renditions, nothing else)."""
    code = SETUP_PRODUCTION + """
from django.urls import get_resolver
from django.views.static import serve
def motifs(resolveur):
    for motif in resolveur.url_patterns:
        yield from motifs(motif) if hasattr(motif, 'url_patterns') else [motif]
print('servis:', [str(m.pattern) for m in motifs(get_resolver()) if getattr(m, 'callback', None) is serve])
from django.conf import settings as s
print('whitenoise_root:', getattr(s, 'WHITENOISE_ROOT', None))
"""
    resultat = _run_python(code, SECRET_KEY=SECRET, ALLOWED_HOSTS="collectivites.ladrome.fr", DEBUG="true")
    assert resultat.returncode == 0, resultat.stderr
    assert "servis: []" in resultat.stdout
    assert "whitenoise_root: None" in resultat.stdout
