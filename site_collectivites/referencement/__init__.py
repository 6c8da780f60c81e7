"""What search engines and social networks read of a page beyond its text (« référencement »): the JSON-LD of
schema.org (breadcrumbs, the Département as the publishing organisation) and its safe <script> wrapper.

The head's <title>, description, canonical and Open Graph tags are written by `site_tags.seo_meta`; every URL
here is absolute on SITE_URL. May import the rest of the ground floor, never an app (docs/architecture.md);
the apps build their own types (an event: agenda/jsonld.py) with `script_jsonld`.
"""
