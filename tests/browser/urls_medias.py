"""The site's URLs plus /media/images/, read from the default storage: for the Lighthouse test only.

Test settings keep uploads in memory (InMemoryStorage) and nothing serves /media/, so in the other browser tests
the demo images do not display. Lighthouse must see them: the home page's hero image is what a phone paints
largest (LCP), and measuring a page without its images would flatter it. Production's nginx serves
/media/images/ from disk with `expires 30d` (deploy/nginx/site.conf), and only that folder: the same here.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from portail import urls as urls_du_site

handler404 = urls_du_site.handler404
handler500 = urls_du_site.handler500

TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
         "gif": "image/gif"}


def image(request, chemin):
    nom = f"images/{chemin}"
    extension = nom.rsplit(".", 1)[-1].lower()
    if ".." in nom or extension not in TYPES or not default_storage.exists(nom):
        raise Http404
    reponse = FileResponse(default_storage.open(nom), content_type=TYPES[extension])
    reponse["Cache-Control"] = "max-age=2592000"  # nginx's "expires 30d"
    return reponse


urlpatterns = [path("media/images/<path:chemin>", image), *urls_du_site.urlpatterns]
