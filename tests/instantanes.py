"""Snapshots of the test database, for transactional tests.

A transactional test (`transaction=True`, `live_server`) empties every table when it ends, including the
rows the migrations created (Wagtail's root page and collection, the default locale, the editors' groups
and workflow). With `--reuse-db`, the next run would start without them. `base_restauree` puts them back.

A snapshot is each table's rows in PostgreSQL's own COPY format, read and written by the server: loading
the demo site's (≈ 3,000 rows) takes a fraction of a second, where Django's serialisation
(`serialize_db_to_string`, which saves every object through the ORM) took 12 to 15 s per browser test.
"""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command


def _tables():
    from django.db import connection

    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def instantane():
    """{table: its rows as COPY text} for every table of the project's models."""
    from django.db import connection

    contenu = {}
    with connection.cursor() as curseur:
        for table in _tables():
            tampon = io.StringIO()
            curseur.copy_expert(f"COPY {connection.ops.quote_name(table)} TO STDOUT", tampon)
            contenu[table] = tampon.getvalue()
    return contenu


def restaurer(contenu):
    """Empty the database and load `contenu` back (a snapshot from instantane()).

    As Django's serialized rollback: no post_migrate signal (the snapshot holds the content types and
    permissions), and sequences keep counting up, above the restored ids. Django's foreign keys are
    DEFERRABLE INITIALLY DEFERRED on PostgreSQL: inside one transaction, tables load in any order.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
    with transaction.atomic(), connection.cursor() as curseur:
        for table, lignes in contenu.items():
            if lignes:
                curseur.copy_expert(f"COPY {connection.ops.quote_name(table)} FROM STDIN", io.StringIO(lignes))
        # The foreign keys checked now rather than at commit: inside a module's transaction (demo_en_transaction),
        # checks still pending would forbid the next flush to empty these tables (« pending trigger events »), as
        # when the demo is built again after a test swapped the storage. Then deferred again, as they are created.
        curseur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        curseur.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()


# The demo content's snapshot for the whole session: the first module that needs the demo site builds it, the
# next ones load it. A build is `import_territoire` and `load_demo_content`, 15 to 60 s on a 2-core machine; a
# load, under a second.
_DEMO_DE_LA_SESSION = {}


def _fichiers_presents():
    """Whether every file the database names is in its storage. The test settings keep uploads in memory for the
    whole process; a test that swaps the storage (settings.STORAGES) starts an empty one, and the session's
    snapshot would then name images that no longer exist."""
    from django.apps import apps
    from django.db.models import FileField

    for modele in apps.get_models():
        if not modele._meta.managed or modele._meta.proxy:
            continue
        for champ in modele._meta.concrete_fields:
            if isinstance(champ, FileField):
                noms = modele._base_manager.exclude(**{champ.name: ""}).values_list(champ.name, flat=True)
                if any(nom and not champ.storage.exists(nom) for nom in noms):
                    return False
    return True


def charger_demo(initial):
    """Put the demo site (territory and demo content, as `make setup-site`) in the database, and return its snapshot.

    `initial`: a snapshot of the database as the migrations made it, from which the demo is built when the
    session has none yet (or when its files are gone with a swapped storage).
    """
    from django.core.cache import cache

    demo = _DEMO_DE_LA_SESSION.get("demo")
    if demo is not None:
        restaurer(demo)
        # What the previous module's tests left in the cache (the home page's lists…) is not this database's.
        cache.clear()
        if _fichiers_presents():
            return demo
    restaurer(initial)
    call_command("import_territoire", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    demo = _DEMO_DE_LA_SESSION["demo"] = instantane()
    return demo


@contextmanager
def demo_en_transaction():
    """The demo site in a transaction rolled back when the block ends: a module's tests share it, each test's own
    transaction nesting as a savepoint (pytest-django), so every test starts from the same demo content."""
    from django.core.cache import cache
    from django.db import transaction

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        charger_demo(instantane())
        yield
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        cache.clear()


@pytest.fixture(scope="module")
def base_restauree(django_db_setup, django_db_blocker):
    """For transactional tests: the database as the migrations made it is put back after them.

    Module-scoped on purpose: its teardown runs after the last test's own teardown, which is where
    pytest-django empties the tables (a function-scoped fixture would restore before that flush).
    """
    with django_db_blocker.unblock():
        etat = instantane()
    yield
    with django_db_blocker.unblock():
        restaurer(etat)


@pytest.fixture(scope="module")
def base_initiale(django_db_setup, django_db_blocker):
    """The database as the migrations made it (a snapshot), put back after the module."""
    with django_db_blocker.unblock():
        etat = instantane()
    yield etat
    with django_db_blocker.unblock():
        restaurer(etat)


@pytest.fixture
def base_de_depart(base_initiale, transactional_db):
    """For a module of several transactional tests: each starts from the database as the migrations made it,
    although the previous one emptied every table as it ended, the migrations' rows included."""
    restaurer(base_initiale)
