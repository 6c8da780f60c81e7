from django.conf import settings
from wagtail.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.urls import serve_pattern
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portail import views as portail_views
from site_collectivites import views
from site_collectivites.cache import routage
from site_collectivites.exploitation import sante
from site_collectivites.securite import connexion, double_facteur

handler400 = "site_collectivites.views.requete_invalide"
handler403 = "site_collectivites.views.acces_refuse"
handler404 = "site_collectivites.views.page_not_found"
handler500 = "site_collectivites.views.server_error"

urlpatterns = [
    # Before the admin's own URLs: replaces wagtail-2fa's code page under the same name (double_facteur.py).
    path("admin/2fa/auth", double_facteur.VerificationCode.as_view(), name="wagtail_2fa_auth"),
    # Wagtail's logout, by POST only and without touching the session otherwise (connexion.py).
    path("admin/logout/", connexion.Deconnexion.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", sante.healthz, name="healthz"),
    path("recherche/", portail_views.recherche, name="recherche"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # The newsletter's public links (subscribe, confirm, preferences, unsubscribe) and the ESP webhooks
    # (anymail's tracking views, protected by ANYMAIL["WEBHOOK_SECRET"]).
    path("lettre/", include("newsletter.urls")),
    path("anymail/", include("anymail.urls")),
    # The requester's private page and answers (demandes/vues_demandeur.py), reached by the link of their e-mails.
    path("suivi-demande/", include("demandes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page view, found from a table per generation rather than by walking the tree (routage.py); the
    # rest of Wagtail's URLs (private pages' password and login forms) follow unchanged.
    re_path(serve_pattern, routage.servir, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
