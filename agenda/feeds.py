"""Feeds of the news (django.contrib.syndication), served under the news listing: RSS 2.0 at <listing>/flux/,
Atom at <listing>/flux/atom/. Same items, two formats: feed readers and CMS aggregators differ in what they take."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

NB_ARTICLES = 20


class FluxActualites(Feed):
    feed_type = Rss201rev2Feed
    # RFC 4287: an Atom feed names its author unless every entry does (the Département publishes them all).
    author_name = "Département de la Drôme"
    author_link = "https://www.ladrome.fr"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return f"{obj.title} – Ingénierie publique de la Drôme"

    def link(self, obj):
        # Absolute URL of the Wagtail site (not the request's Host header guess).
        return obj.get_full_url(self.request)

    def description(self, obj):
        return obj.search_description or obj.intro or "Les actualités de l'ingénierie publique en Drôme."

    def feed_url(self, obj):
        return obj.get_full_url(self.request) + obj.reverse_subpage("flux")

    def items(self, obj):
        from agenda import services

        return services.filtrer_actualites(obj.actualites()).prefetch_related("thematiques")[:NB_ARTICLES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.resume

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return datetime.combine(item.date_publication, time(8, 0), tzinfo=timezone.get_default_timezone())

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry.
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [t.nom for t in item.thematiques.all()]


class FluxActualitesAtom(FluxActualites):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return obj.get_full_url(self.request) + obj.reverse_subpage("flux_atom")
