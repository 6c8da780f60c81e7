"""The partners' page (grouped list) and the route of each partner, with its offers."""

import re

import pytest

from tests.factories import PartenaireFactory
from tests.offres.factories import PartenaireIndexPageFactory, offre
from tests.utils import count_queries


@pytest.fixture
def partenaires_page(catalogue):
    return PartenaireIndexPageFactory(parent=catalogue)


@pytest.mark.django_db
class TestListe:
    def test_groupes_directions_puis_externes(self, client, partenaires_page, offres):
        PartenaireFactory(nom="Direction des déplacements", slug="deplacements", nature="direction")
        response = client.get(partenaires_page.url)
        assert response.status_code == 200
        groupes = response.context["groupes"]
        assert [g["nature"] for g in groupes] == ["direction", "externe"]
        assert [p.slug for p in groupes[0]["partenaires"]] == ["deplacements"]
        assert {p.slug for p in groupes[1]["partenaires"]} == {"sded", "caue"}
        nombres = {p.slug: p.nb_offres for g in groupes for p in g["partenaires"]}
        assert nombres == {"deplacements": 0, "sded": 2, "caue": 3}
        html = response.content.decode()
        assert html.index("Les directions du Département") < html.index("Les partenaires extérieurs")
        assert 'href="/offre-ingenierie/partenaires/caue/"' in html

    def test_compte_seulement_les_offres_publiees(self, client, partenaires_page, offres):
        offres["riviere"].unpublish()
        groupes = client.get(partenaires_page.url).context["groupes"]
        assert {p.slug: p.nb_offres for g in groupes for p in g["partenaires"]}["caue"] == 2


@pytest.mark.django_db
class TestPagePartenaire:
    def test_description_contact_et_offres(self, client, partenaires_page, offres, ref):
        ref.caue.description = "<p>Le CAUE conseille les communes.</p>"
        ref.caue.site_web = "https://caue.example.org"
        ref.caue.telephone = "04 75 79 04 03"
        ref.caue.save()
        response = client.get(partenaires_page.url + "caue/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>CAUE de la Drôme</h1>" in html
        assert "Le CAUE conseille les communes." in html
        assert 'href="https://caue.example.org"' in html
        assert "04 75 79 04 03" in html
        titres_des_cartes = re.findall(r'<h3 class="carte__titre"><a href="[^"]+">([^<]+)</a></h3>', html)
        assert titres_des_cartes == ["Bâtiments publics économes", "Logements en centre-bourg", "Restauration de rivière"]
        assert '<link rel="canonical" href="http://testserver/offre-ingenierie/partenaires/caue/">' in html
        assert "<title>CAUE de la Drôme – " in html

    def test_logo_avec_alternative(self, client, partenaires_page, ref):
        import wagtail_factories

        ref.caue.logo = wagtail_factories.ImageFactory(title="Logo du CAUE")
        ref.caue.save()
        html = client.get(partenaires_page.url + "caue/").content.decode()
        assert 'alt="Logo du CAUE"' in html

    def test_partenaire_inconnu_404(self, client, partenaires_page, offres):
        assert client.get(partenaires_page.url + "inconnu/").status_code == 404
        assert client.get(partenaires_page.url + "caue/autre/").status_code == 404

    def test_nombre_de_requetes_independant_du_nombre_d_offres(self, client, partenaires_page, catalogue, ref):
        def creer(n, debut):
            for i in range(debut, debut + n):
                offre(catalogue, f"Offre {i:03d}", ref.caue, [ref.energie, ref.habitat], [ref.amo, ref.conseil])

        url = partenaires_page.url + "caue/"
        creer(5, 0)
        client.get(url)
        client.get(partenaires_page.url)
        avec_5 = count_queries(lambda: client.get(url))
        liste_5 = count_queries(lambda: client.get(partenaires_page.url))
        creer(35, 5)
        client.get(url)  # the first renders after a publication read again what is kept per generation
        client.get(partenaires_page.url)
        assert len(client.get(url).context["cartes_offres"]) == 40
        assert count_queries(lambda: client.get(url)) == avec_5
        assert count_queries(lambda: client.get(partenaires_page.url)) == liste_5
        assert avec_5 <= 20


@pytest.mark.django_db
def test_plan_du_site_xml_contient_chaque_partenaire(client, partenaires_page, offres):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/offre-ingenierie/partenaires/</loc>" in body
    assert "<loc>http://testserver/offre-ingenierie/partenaires/caue/</loc>" in body
    assert "<loc>http://testserver/offre-ingenierie/partenaires/sded/</loc>" in body
    assert "<loc>http://testserver/offre-ingenierie/eclairage-public/</loc>" in body
