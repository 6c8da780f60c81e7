"""The home page costs the same number of queries whatever the amount of content."""

from site_collectivites.demo.utils import stream
from site_collectivites.models import Navigation
from tests.factories import StandardPageFactory, ThematiqueFactory
from tests.utils import count_queries, max_queries


def _fill(home, n, prefix):
    pages = [StandardPageFactory(parent=home, title=f"Rubrique {i}", slug=f"{prefix}-{i}") for i in range(n)]
    for i in range(n):
        ThematiqueFactory(nom=f"Thème {prefix}-{i}")
    navigation = Navigation.for_site(home.get_site())
    navigation.menu_principal = stream(*[("lien", {"page": p.pk, "url": "", "libelle": ""}) for p in pages])
    navigation.liens_pied_de_page = stream(*[("lien", {"page": p.pk, "url": "", "libelle": ""}) for p in pages])
    navigation.save()
    home.chiffres_cles = stream(*[("chiffre", {"valeur": str(i), "libelle": "x"}) for i in range(n)])
    home.save_revision().publish()


def test_home_page_query_count_does_not_grow_with_content(client, home):
    _fill(home, 2, "peu")
    client.get("/")  # warm per-process caches (content types, site root paths)
    few = count_queries(lambda: client.get("/"))
    _fill(home, 15, "beaucoup")
    client.get("/")  # publishing cleared the cached site root paths: warm again
    many = count_queries(lambda: client.get("/"))
    assert few == many
    with max_queries(12):
        client.get("/")


def test_standard_page_query_count_is_bounded(client, home):
    page = StandardPageFactory(parent=StandardPageFactory(parent=home, slug="section"), slug="page")
    client.get(page.url)
    with max_queries(12):
        assert client.get(page.url).status_code == 200
