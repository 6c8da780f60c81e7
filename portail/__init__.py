"""The top floor: what assembles every app. Nothing else imports it.

- `urls.py`: the root URLconf (ROOT_URLCONF): the pages, the admin, the search, the apps' own URLs;
- `accueil.py`: the home page's lists (latest news, next events, réalisations), rendered from agenda and offres
  and handed to the home page of the ground floor through the Wagtail hook « sections_accueil »
  (wagtail_hooks.py);
- `recherche.py` and `views.py`: the site search, over every published page whatever its app;
- `management/commands/generer_volume.py` (with `volume.py`): the large dataset, which fills every app;
- `pages_nginx.py` (and `manage.py pages_erreur_nginx`): the error pages nginx answers by itself (413, 502, 504),
  written from templates/nginx/ into deploy/nginx/erreurs/; the 413 page states the request form's limits.

It may import every app and the ground floor; no app and no module of the ground floor may import it (the
import-linter contracts of pyproject.toml, run by .ci/run; docs/architecture.md).
"""
