"""What refreshes the page cache (site_collectivites/cache/pages.py): one site-wide generation bump.

Why site-wide rather than per page: a page shows far more than itself (menus, footer, site settings, the
home page's latest news, a partner's name on every offer, thématiques in every filter), and tracking which
page shows what is where stale pages come from. Bumping one number is always correct; the cost is that every
page is rendered again once after each change, which editors make a few dozen times a day, against
thousands of views. The bump happens at once and again after the transaction commits: a request that read
the old content before the commit cannot leave it in the cache under the new generation.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from site_collectivites.cache.pages import nouvelle_generation
from site_collectivites.cache.redis import redis_retabli

_modeles = None


def modeles_affiches():
    """Models shown on public pages outside the page itself: snippets, site settings, images and documents,
    sites, redirects, view restrictions (a page made private must stop being served from the cache, and leave
    the listings), and those listed in settings.CACHE_PAGES_MODELES ("app_label.Model")."""
    global _modeles
    if _modeles is None:
        from wagtail.contrib.settings.registry import registry as reglages
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
        from wagtail.snippets.models import get_snippet_models

        _modeles = (
            Page, Site, PageViewRestriction, CollectionViewRestriction, get_image_model(), get_document_model(),
            apps.get_model("wagtailredirects", "Redirect"),
            *get_snippet_models(), *reglages, *(apps.get_model(nom) for nom in settings.CACHE_PAGES_MODELES),
        )
    return _modeles


def invalider(**kwargs):
    nouvelle_generation()
    transaction.on_commit(nouvelle_generation)


def apres_panne(**kwargs):
    """Redis reachable again (cache/redis.py): a change made while it was not could not bump the generation, and
    the entries stored before would be served again. Every process that saw the outage bumps it once."""
    nouvelle_generation()


# Fields Wagtail fills on an image or a document the first time a page shows it: nothing visible changes.
CHAMPS_TECHNIQUES = {"file_size", "file_hash"}


def _si_affiche(sender, instance, created=False, update_fields=None, **kwargs):
    # Page.save() included: a script or an import may change a live page without publishing a revision;
    # a draft saved by an editor costs one needless refresh, which is cheap.
    if not isinstance(instance, modeles_affiches()):
        return
    # Site settings are created with their defaults by the first page that reads them (for_site): the page
    # just rendered already shows those defaults.
    if created and isinstance(instance, _reglages()):
        return
    if update_fields and set(update_fields) <= CHAMPS_TECHNIQUES:
        return
    invalider()


def _reglages():
    from wagtail.contrib.settings.registry import registry as reglages

    return tuple(reglages)


def connecter():
    redis_retabli.connect(apres_panne, dispatch_uid="cache-pages-redis-retabli")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalider, dispatch_uid=f"cache-pages-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(_si_affiche, dispatch_uid=f"cache-pages-modeles-{id(signal)}")
