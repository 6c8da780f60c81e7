"""The error pages nginx answers by itself (413, 502, 504: deploy/nginx/site.conf), in French and in the site's
look, as static files of the repository: nginx serves them while gunicorn is down, and for a request too large
to ever reach Django.

They are rendered from templates/nginx/ (on the standalone error layout, like 500.html and 503.html) by
`manage.py pages_erreur_nginx` into deploy/nginx/erreurs/, and committed; tests/securite/test_nginx.py fails
when a committed file differs from its template's rendering. They name the unhashed static files
(/static/css/site.css), which collectstatic keeps beside the hashed ones and nginx serves without gunicorn.
On the top floor because the 413 page states the request form's limits (demandes/fichiers.py).
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from demandes.fichiers import NOMBRE_MAX, TAILLE_MAX

DOSSIER = Path(settings.BASE_DIR) / "deploy" / "nginx" / "erreurs"
CODES = (413, 502, 504)


def contexte():
    return {"nombre_max": NOMBRE_MAX, "taille_max_mo": TAILLE_MAX // (1024 * 1024)}


def rendre(code):
    """The HTML of the page nginx answers with this status."""
    return render_to_string(f"nginx/{code}.html", contexte())


def ecrire(dossier=DOSSIER):
    """Write every page into `dossier`; the paths written."""
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = []
    for code in CODES:
        chemin = dossier / f"{code}.html"
        chemin.write_text(rendre(code), encoding="utf-8")
        chemins.append(chemin)
    return chemins
