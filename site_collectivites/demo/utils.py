"""Helpers shared by the demo loaders of every app: idempotent pages, documents, menu entries."""

import io
import json

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.models import Site

from site_collectivites.models import Navigation
from site_collectivites.squelette.chantier import stream  # noqa: F401 (the demo loaders' import)


def upsert_page(parent, model, slug, **fields):
    """The child of `parent` with this slug, created or updated, then published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def get_or_create_document(title, lines):
    """A one-page PDF document drawn with Pillow (the demo downloads nothing)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((100, 120), title, fill="black", font_size=44)
    for i, line in enumerate(lines):
        draw.text((100, 240 + i * 50), line, fill="black", font_size=30)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    document = Document(title=title)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:60]
    document.file.save(f"{slug}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def add_to_menu(page, position=None, site=None, libelle=""):
    """Put `page` in the main menu once, under `libelle` (the page's title when empty)."""
    site = site or Site.objects.get(is_default_site=True)
    navigation = Navigation.for_site(site)
    raw = list(navigation.menu_principal.raw_data)
    if any(item["value"].get("page") == page.pk for item in raw):
        return
    entry = {"type": "lien", "value": {"page": page.pk, "url": "", "libelle": libelle}}
    raw.insert(len(raw) if position is None else position, entry)
    navigation.menu_principal = json.dumps(raw)
    navigation.save()
