import pytest
from django.core.cache import cache

from tests.factories import make_site_with_home
from tests.instantanes import base_restauree  # noqa: F401 (shared fixture)


@pytest.fixture(autouse=True)
def _clear_cache():
    from site_collectivites.cache_pages import copies_locales

    cache.clear()
    copies_locales.vider()
    yield
    cache.clear()
    copies_locales.vider()


@pytest.fixture
def home(db):
    return make_site_with_home()
