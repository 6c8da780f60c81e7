"""The production skeleton (`manage.py initialiser_site`): the site without demo content.

Owns the référentiels of the design (thématiques, types de prestation, partners: referentiel.py), the home page
and the Wagtail Site on SITE_URL, the site's own pages and their texts (textes.py), the site settings, and the
run that asks each app for its part (`<app>/squelette.py`, a `construire(chantier)`). Idempotent: what exists is
kept as editors left it. May import the rest of the ground floor, never an app (docs/architecture.md); the demo
(site_collectivites/demo/) builds on top of it.
"""
