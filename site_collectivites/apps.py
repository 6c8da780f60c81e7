from django.apps import AppConfig


class SiteCollectivitesConfig(AppConfig):
    name = "site_collectivites"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import pre_save
        from wagtail.contrib.redirects.models import Redirect

        from site_collectivites.exploitation.adresse_publique import ETIQUETTE, verifier_adresse_publique
        from site_collectivites.cache.invalidation import connecter
        from site_collectivites.cache.partage import verifier_cache_partage
        from site_collectivites.exploitation.courriel import ETIQUETTE as ETIQUETTE_COURRIEL
        from site_collectivites.exploitation.courriel import verifier_courriel
        from site_collectivites.exploitation.redirections import lier_a_la_page

        # A deployment check: `check --deploy` and the WSGI application's start run it (adresse_publique.py); the
        # commands that repair the Site (`migrate`, `initialiser_site`) run only the ordinary checks.
        checks.register(verifier_adresse_publique, ETIQUETTE, deploy=True)
        # Several processes with a local-memory cache: each would serve its own stale pages (cache/partage.py).
        checks.register(verifier_cache_partage, checks.Tags.caches, deploy=True)
        # No e-mail provider, or one that writes messages to the logs (exploitation/courriel.py).
        checks.register(verifier_courriel, ETIQUETTE_COURRIEL, deploy=True)

        # Publishing, moving, deleting a page or changing a snippet refreshes the cached pages.
        connecter()

        # A redirect imported from the former site's addresses follows the page it leads to (redirections.py).
        pre_save.connect(lier_a_la_page, sender=Redirect, dispatch_uid="redirection_liee_a_la_page")

        # The admin's date pickers keep what the editor typed, instead of replacing it by today (widgets.py).
        from site_collectivites.widgets import dates_tapees_gardees

        dates_tapees_gardees()

        # The site's outbox joins the list that `envoyer_courriels` and /healthz read (courrier/envoi.py).
        import site_collectivites.courrier.file  # noqa: F401
