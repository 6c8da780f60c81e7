"""Bulk creation of pages for the large dataset (manage.py generer_volume, docs/performance.md).

Why not add_child: it costs a query for the parent's last child, a full_clean, the slug check and the
search and reference index tasks for each page, about 40 ms a page, so 9,000 pages take minutes. Wagtail's
pages are a treebeard materialised path: we compute the paths of N new children of one parent (4 base-36
characters per level, what treebeard would give them), insert the `wagtailcore_page` rows with one
bulk_create, then the rows of the specific model's own table with Django's insert (bulk_create refuses
multi-table inheritance, which is exactly a Page subclass), then the many-to-many rows, and we add N to the
parent's numchild. The search index is then filled by model in bulk (search backend add_bulk).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page


def creer_enfants(parent, modele, lignes, modele_de_champs):
    """Create one `modele` page under `parent` per dict of `lignes` (title, slug, field values, and "m2m":
    {name: [ids]}); the other fields are copied from `modele_de_champs`, a page of the same type (its body,
    its image). Returns the created pages' ids."""
    parent = Page.objects.get(pk=parent.pk)  # numchild and path as they are now in the database
    dernier = parent.get_last_child()
    premier_rang = (int(dernier.path[-Page.steplen:], 36) + 1) if dernier else 1
    maintenant = timezone.now()
    type_contenu = ContentType.objects.get_for_model(modele)
    champs_propres = [f for f in modele._meta.local_concrete_fields if f.name != "page_ptr"]
    pages = []
    for rang, ligne in enumerate(lignes, premier_rang):
        pages.append(Page(
            title=ligne["title"], draft_title=ligne["title"], slug=ligne["slug"],
            path=Page._get_path(parent.path, parent.depth + 1, rang), depth=parent.depth + 1, numchild=0,
            url_path=f"{parent.url_path}{ligne['slug']}/", content_type=type_contenu, live=True,
            first_published_at=maintenant, last_published_at=maintenant, locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
        ))
    pages = Page.objects.bulk_create(pages, batch_size=1000)
    specifiques = []
    for page, ligne in zip(pages, lignes):
        valeurs = {f.attname: getattr(modele_de_champs, f.attname) for f in champs_propres}
        valeurs.update({k: v for k, v in ligne.items() if k not in ("title", "slug", "m2m")})
        specifique = modele(page_ptr_id=page.pk, **valeurs)
        specifique.pk = page.pk
        specifiques.append(specifique)
    champs_insert = [f for f in modele._meta.local_concrete_fields]
    for debut in range(0, len(specifiques), 1000):
        modele._base_manager._insert(specifiques[debut:debut + 1000], fields=champs_insert)
    for nom in {nom for ligne in lignes for nom in ligne.get("m2m", {})}:
        champ = modele._meta.get_field(nom)
        lien = champ.remote_field.through
        source, cible = champ.m2m_field_name(), champ.m2m_reverse_field_name()
        lien.objects.bulk_create(
            [lien(**{f"{source}_id": page.pk, f"{cible}_id": ident})
             for page, ligne in zip(pages, lignes) for ident in ligne.get("m2m", {}).get(nom, [])],
            batch_size=5000,
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return [page.pk for page in pages]
