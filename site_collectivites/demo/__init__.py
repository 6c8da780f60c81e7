"""Demo content: a believable site built from public facts (../shared/docs/content-facts.md).

`manage.py load_demo_content` runs, in INSTALLED_APPS order, the `load()` function of every app's `demo`
module (site_collectivites.demo first, then offres.demo, agenda.demo…). Each loader is idempotent: it
finds its rows by a natural key (slug, name) and updates them, so the command can run again at any time.
"""
