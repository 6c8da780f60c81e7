"""A page's many-to-many relations in one query, resolved in small tables shared per generation.

An offer, aid or réalisation page shows several relations (thématiques, types of help, beneficiaries,
partners…). Read one by one, each is a query whose SQL Django compiles anew at every view: more time than
PostgreSQL spends running them, and a third of a detail page. Here the page's links come in one query (a
UNION of the link tables, ids only) and each id is resolved in a table of its model's rows, kept per
generation of the page cache: for snippets (a change bumps the generation) and the models of
settings.CACHE_PAGES_MODELES, never for a model whose changes would not refresh it.
"""

import functools

from django.db import connection

from site_collectivites.cache import par_generation


def ids_lies(page, relations, request=None):
    """{relation: [ids]} for these many-to-many fields of `page`, in one query."""
    if getattr(request, "is_preview", False) or page.pk is None:
        # A preview shows the editor's unsaved choices, held by the instance itself (modelcluster).
        return {nom: [objet.pk for objet in getattr(page, nom).all()] for nom in relations}
    ids = {nom: [] for nom in relations}
    with connection.cursor() as curseur:
        curseur.execute(_sql_des_liens(type(page), tuple(relations)), [page.pk] * len(relations))
        for rang, pk in curseur.fetchall():
            ids[relations[rang]].append(pk)
    return ids


@functools.cache
def _sql_des_liens(modele, relations):
    """SELECT <rank of the relation>, <linked id> FROM each link table, UNION ALL: written once per model and
    relations, from Django's own names of the tables and columns. (The same query through the ORM took longer
    to compile at each view than PostgreSQL took to run it.)"""
    nom = connection.ops.quote_name
    parties = []
    for rang, relation in enumerate(relations):
        champ = modele._meta.get_field(relation)
        lien = champ.remote_field.through._meta
        source = lien.get_field(champ.m2m_field_name()).column
        cible = lien.get_field(champ.m2m_reverse_field_name()).column
        # Django's names of our own tables and columns, quoted; the page's id is a parameter.
        parties.append(f"SELECT {rang:d}, {nom(cible)} FROM {nom(lien.db_table)} WHERE {nom(source)} = %s")  # nosec B608
    return " UNION ALL ".join(parties)


def objets_lies(page, relations, request=None):
    """{relation: [objects]} for these many-to-many fields of `page`, each list in its model's default order.
    The objects are shared by the requests of this process: read them, never change them."""
    ids = ids_lies(page, relations, request)
    return {nom: objets(type(page), nom, ids[nom]) for nom in relations}


def objets(modele_page, relation, ids):
    """The objects of the many-to-many field `relation` of `modele_page` with these ids, in their default order."""
    return dans_l_ordre(ids, instances(modele_page._meta.get_field(relation).related_model))


def dans_l_ordre(ids, table):
    """The objects of `table` ({pk: (position, object)}) with these ids, in the table's order; ids missing from
    it (an offer unpublished or made private) are left out."""
    return [objet for _position, objet in sorted(table[pk] for pk in ids if pk in table)]


def instances(modele):
    """{pk: (position, instance)} of a small table in its default order, per generation."""
    def calculer():
        from site_collectivites.cache.invalidation import modeles_affiches

        if not issubclass(modele, modeles_affiches()):
            raise ValueError(f"{modele._meta.label}: its changes do not bump the generation (CACHE_PAGES_MODELES)")
        return {objet.pk: (i, objet) for i, objet in enumerate(modele.objects.all())}

    return par_generation.valeur(par_generation.cle("instances", modele._meta.label_lower), calculer)
