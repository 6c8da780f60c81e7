"""The site's URLs plus a view that refuses access, so that the 403 page is reached through Django's real handler
(no view of the site raises PermissionDenied outside the admin, where Wagtail redirects instead)."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portail.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def refuser(request):
    raise PermissionDenied


urlpatterns = [path("reserve/", refuser), *urlpatterns]
