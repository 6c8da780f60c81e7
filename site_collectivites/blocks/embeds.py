"""An embed finder that never touches the network: used by tests and offline demos."""

from wagtail.embeds.finders.base import EmbedFinder


class LocalEmbedFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return url.startswith(("https://", "http://"))

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Vidéo",
            "author_name": "",
            "provider_name": "Local",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": f'<iframe title="Vidéo" src="{url}" width="640" height="360" allowfullscreen></iframe>',
        }
