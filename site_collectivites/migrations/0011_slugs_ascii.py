"""Page addresses in ASCII (docs/contenu.md, « Adresses des pages »): the slugs the admin wrote with accents
(`léclairage-public`) or without their apostrophes (`lextinction`) are written again as the site now writes them
(`l-eclairage-public`, `l-extinction`), and each former address of the page and of its subpages becomes a
permanent redirect to the page (Wagtail's redirects, tied to the page: they follow it if it moves again).

Which slugs: every slug with a non-ASCII character, and every slug that is exactly what Wagtail made from the
title (Django's slugify, with or without accents) when ours differs from it. A slug an editor chose otherwise,
in ASCII, keeps its address. Site root pages are left alone (their slug is in no address). The page's revisions
get the new slug too, so that publishing a draft written before this migration does not bring the old one back.

The slug function is frozen here, as it was when the migration was written (site_collectivites/models/adresses.py
may change; what this migration did must not).
"""

import re

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.text import slugify

REMPLACEMENTS = [(re.compile(motif, re.IGNORECASE), remplacement) for motif, remplacement in [
    ("['’‘ʼ`]", "-"), ("[àáâãäå]", "a"), ("[ç]", "c"), ("[èéêë]", "e"), ("[ìíîï]", "i"), ("[ñ]", "n"),
    ("[òóôõö]", "o"), ("[ùúûü]", "u"), ("[ýÿ]", "y"), ("[œ]", "oe"), ("[æ]", "ae"),
]]


def slug_ascii(texte):
    for motif, remplacement in REMPLACEMENTS:
        texte = motif.sub(remplacement, texte or "")
    return slugify(texte, allow_unicode=False)


def nouveau_slug(page):
    """The page's new slug, or None when it keeps its own."""
    automatiques = {slugify(page.title, allow_unicode=True), slugify(page.title)}
    if page.slug in automatiques:
        nouveau = slug_ascii(page.title)
    elif not page.slug.isascii():
        nouveau = slug_ascii(page.slug)
    else:
        return None
    return nouveau if nouveau and nouveau != page.slug else None


def libre(Page, page, slug):
    """`slug`, or `slug-2`, `slug-3`… : the first one no sibling of the page holds (Wagtail's own rule)."""
    parent_path = page.path[:-4]  # treebeard's steps are 4 characters
    freres = set(Page.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(pk=page.pk)
                 .values_list("slug", flat=True))
    candidat, suffixe = slug, 1
    while candidat in freres:
        suffixe += 1
        candidat = f"{slug}-{suffixe}"
    return candidat


def chemin_public(url_path, racine_url_path):
    """The address of a page under its site's root (« /accueil/actualites/x/ » → « /actualites/x »), as Wagtail's
    redirects store it: no trailing slash."""
    chemin = "/" + url_path[len(racine_url_path):]
    return chemin[:-1] if len(chemin) > 1 and chemin.endswith("/") else chemin


def reecrire_slugs(apps, schema_editor=None):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    sites = list(Site.objects.select_related("root_page"))
    racines = {site.root_page_id for site in sites}
    type_page = ContentType.objects.filter(app_label="wagtailcore", model="page").first()

    for pk in Page.objects.filter(depth__gt=1).exclude(pk__in=racines).order_by("path").values_list("pk", flat=True):
        page = Page.objects.get(pk=pk)  # read again: an ancestor's new slug changed its url_path
        slug = nouveau_slug(page)
        if slug is None:
            continue
        slug = libre(Page, page, slug)
        ancien_slug, ancien_url_path = page.slug, page.url_path
        nouveau_url_path = ancien_url_path[: -len(ancien_slug) - 1] + slug + "/"
        site = next((s for s in sites if ancien_url_path.startswith(s.root_page.url_path)), None)
        # The former address of the page and of each subpage: a permanent redirect to that page.
        if site is not None:
            for descendant in Page.objects.filter(path__startswith=page.path).only("pk", "url_path"):
                ancien = chemin_public(descendant.url_path, site.root_page.url_path)
                if not Redirect.objects.filter(old_path=ancien, site=site).exists():
                    Redirect.objects.create(old_path=ancien, site=site, redirect_page_id=descendant.pk,
                                            is_permanent=True, automatically_created=True)
        Page.objects.filter(pk=page.pk).update(slug=slug)
        Page.objects.filter(path__startswith=page.path).update(
            url_path=Concat(Value(nouveau_url_path), Substr("url_path", len(ancien_url_path) + 1)))
        if type_page is not None:
            for revision in Revision.objects.filter(base_content_type=type_page, object_id=str(page.pk)):
                if isinstance(revision.content, dict) and revision.content.get("slug") == ancien_slug:
                    revision.content["slug"] = slug
                    if revision.content.get("url_path") == ancien_url_path:
                        revision.content["url_path"] = nouveau_url_path
                    revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("site_collectivites", "0010_file_des_courriels"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(reecrire_slugs, migrations.RunPython.noop)]
