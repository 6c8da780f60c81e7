from django.apps import AppConfig


class SiteCollectivitesConfig(AppConfig):
    name = "site_collectivites"
    verbose_name = "Site"

    def ready(self):
        from site_collectivites import cache_pages_signaux

        # Publishing, moving, deleting a page or changing a snippet refreshes the cached pages.
        cache_pages_signaux.connecter()
