"""Query helpers shared by the listings, written so that their cost does not grow with the content."""

from django.db.models import Exists, OuterRef


def valeurs_utilisees(pages, champ):
    """The objects of the many-to-many `champ` of `pages` used by at least one of `pages`.

    Same rows as `Modele.objects.filter(<reverse>__in=pages).distinct()`, but written as one EXISTS per
    value: PostgreSQL probes the through table's index on the value's id and stops at the first live page,
    instead of joining every page of the listing and removing duplicates (15 ms with 3,000 news).
    The default ordering of the model is kept.
    """
    relation = pages.model._meta.get_field(champ)
    liens = relation.remote_field.through.objects.filter(
        **{relation.m2m_reverse_field_name(): OuterRef("pk"), f"{relation.m2m_field_name()}__in": pages.values("pk")}
    )
    return relation.related_model.objects.filter(Exists(liens))
