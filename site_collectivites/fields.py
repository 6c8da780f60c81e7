"""A StreamField whose block definitions stay out of migrations.

Wagtail writes the whole block tree into every migration; each new block or help text then produces a
migration that changes nothing in the database (a JSON column). Like the UK ONS site, we drop the
definitions in deconstruct(). Trade-off (docs/streamfield.md): a data migration cannot rely on the
historical block tree and must work on the raw JSON (`page.body.raw_data`), which is the safe way anyway.
"""

from wagtail import fields


class StreamField(fields.StreamField):
    def __init__(self, block_types=None, **kwargs):
        super().__init__(block_types if block_types is not None else [], **kwargs)

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "site_collectivites.fields.StreamField", [], kwargs
