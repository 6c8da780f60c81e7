"""Query helpers shared by the listings, written so that their cost does not grow with the content."""

from django.db.models import Exists, OuterRef


def valeurs_utilisees(modele, pages, champ):
    """The `modele` objects that at least one of `pages` points to through `champ` (a relation lookup).

    Same rows as `modele.objects.filter(pk__in=pages.values(champ))` or a join with `.distinct()`, but
    written as one EXISTS per value: PostgreSQL probes the relation's index for that value and stops at the
    first live page, instead of joining every page of the listing and removing duplicates (15 ms with
    3,000 news). The model's default ordering is kept.
    """
    relation = pages.model._meta.get_field(champ) if "__" not in champ else None
    if relation is not None and relation.many_to_many:
        # Straight from the through table (its index on the value's id), then the page by its primary key:
        # going through `pages.filter(champ=…)` would also join the page type's table, which PostgreSQL
        # hashes whole.
        liens = relation.remote_field.through.objects.filter(
            **{relation.m2m_reverse_field_name(): OuterRef("pk"), f"{relation.m2m_field_name()}__in": pages.values("pk")}
        )
    else:
        liens = pages.filter(**{champ: OuterRef("pk")})
    return modele.objects.filter(Exists(liens))
