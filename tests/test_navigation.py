"""Menus, footer and contact details kept between renders (site_collectivites/cache/navigation.py): read once per
generation of the page cache, never stale after an editor's change, even with the page cache itself off."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_collectivites.demo.utils import stream
from site_collectivites.models import Navigation, ParametresSite
from tests.factories import StandardPageFactory


def _rendu(client, url):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    assert reponse.status_code == 200
    tables = " ".join(r["sql"] for r in requetes.captured_queries)
    return reponse.content.decode(), tables


def _menu(site, *liens):
    navigation = Navigation.for_site(site)
    navigation.menu_principal = stream(*(("lien", lien) for lien in liens))
    navigation.liens_pied_de_page = stream(("lien", {"page": None, "url": "https://www.ladrome.fr/", "libelle": "ladrome.fr"}))
    navigation.save()


def test_the_second_render_reads_menus_and_settings_from_the_cache(client, home):
    page = StandardPageFactory(parent=home, title="Voirie", slug="voirie")
    _menu(home.get_site(), {"page": page.pk, "url": "", "libelle": ""})
    html, tables = _rendu(client, page.url)
    assert "site_collectivites_navigation" in tables and "site_collectivites_parametressite" in tables
    html_2, tables_2 = _rendu(client, "/")
    assert "site_collectivites_navigation" not in tables_2 and "site_collectivites_parametressite" not in tables_2
    assert '<a href="/voirie/" aria-current="page">Voirie</a>' in html
    assert '<a href="/voirie/">Voirie</a>' in html_2, "the current page is marked per request, not in the cache"
    assert '<a href="https://www.ladrome.fr/">ladrome.fr</a>' in html_2


def test_a_menu_change_shows_on_the_next_render(client, home):
    page = StandardPageFactory(parent=home, title="Voirie", slug="voirie")
    _menu(home.get_site(), {"page": page.pk, "url": "", "libelle": ""})
    _rendu(client, "/")
    _menu(home.get_site(), {"page": page.pk, "url": "", "libelle": "Routes et ponts"})
    assert ">Routes et ponts</a>" in _rendu(client, "/")[0]


def test_a_renamed_or_unpublished_menu_page_is_fresh(client, home):
    page = StandardPageFactory(parent=home, title="Voirie", slug="voirie")
    _menu(home.get_site(), {"page": page.pk, "url": "", "libelle": ""})
    _rendu(client, "/")
    page.title = "Routes départementales"
    page.save_revision().publish()
    assert ">Routes départementales</a>" in _rendu(client, "/")[0]
    page.unpublish()
    assert "Routes départementales" not in _rendu(client, "/")[0]


def test_contact_details_and_social_networks_are_fresh(client, home):
    _rendu(client, "/")
    parametres = ParametresSite.for_site(home.get_site())
    parametres.email = "ingenierie@ladrome.fr"
    parametres.reseaux_sociaux = stream(("reseau", {"reseau": "linkedin", "url": "https://www.linkedin.com/company/ladrome"}))
    parametres.save()
    html = _rendu(client, "/")[0]
    assert 'href="mailto:ingenierie@ladrome.fr"' in html
    assert '<a href="https://www.linkedin.com/company/ladrome" rel="noopener">LinkedIn<span class="sr-only">' in html


def test_breadcrumbs_link_every_section_above_the_page(client, home):
    rubrique = StandardPageFactory(parent=home, title="Eau et assainissement", slug="eau")
    page = StandardPageFactory(parent=rubrique, title="Schéma directeur", slug="schema")
    html = _rendu(client, page.url)[0]
    fil = html[html.index('aria-label="Fil d\'Ariane"'):html.index("</nav>", html.index("Fil d'Ariane"))]
    assert '<li><a href="/">Accueil</a></li>' in fil
    assert '<li><a href="/eau/">Eau et assainissement</a></li>' in fil
    assert '<span aria-current="page">Schéma directeur</span>' in fil
