import pytest
from django.core.cache import cache

from tests.factories import make_site_with_home
from tests.instantanes import base_restauree  # noqa: F401 (shared fixture)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return make_site_with_home()
