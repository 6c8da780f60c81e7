import pytest
from django.core.cache import cache

from tests.factories import make_site_with_home
from tests.instantanes import base_restauree  # noqa: F401 (shared fixture)


@pytest.fixture(autouse=True)
def _clear_cache():
    _vider_les_caches()
    yield
    _vider_les_caches()


def _vider_les_caches():
    """The shared cache and what each process keeps per generation: the generation restarts from the clock after
    a clear, and could meet a number a process still holds."""
    from site_collectivites.cache import par_generation, routage
    from site_collectivites.cache.pages import copies_locales

    cache.clear()
    copies_locales.vider()
    par_generation.vider()
    routage.vider()


@pytest.fixture
def home(db):
    return make_site_with_home()
