"""Snapshots of the test database, for transactional tests.

A transactional test (`transaction=True`, `live_server`) empties every table when it ends, including the
rows the migrations created (Wagtail's root page and collection, the default locale, the editors' groups
and workflow). With `--reuse-db`, the next run would start without them. `base_restauree` puts them back.
"""

import json

import pytest
from django.core.management import call_command


def instantane():
    from django.db import connection

    return connection.creation.serialize_db_to_string()


def restaurer(contenu):
    """Empty the database and load `contenu` back (a snapshot from instantane())."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    # As Django's serialized rollback: no post_migrate signal (the snapshot holds the content types and
    # permissions), and sequences keep counting up, above the restored ids.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
    # Content types first: building some objects (Wagtail's workflow tasks) looks their content type up,
    # and would create it with a new id if it were not there yet.
    objets = json.loads(contenu)
    objets.sort(key=lambda objet: objet["model"] != "contenttypes.contenttype")
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(objets))
    ContentType.objects.clear_cache()


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
