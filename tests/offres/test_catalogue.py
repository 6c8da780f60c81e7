"""The catalogue: facet filters (OR within a facet, AND across), counts, search, pagination, empty state."""

import pytest

from offres.models import OffrePage
from tests.offres.factories import offre
from tests.utils import count_queries


def resultats(response):
    """Every offer the listing shows for these criteria, all pages of results (the paginator holds their ids)."""
    return OffrePage.objects.filter(pk__in=response.context["page_obj"].paginator.object_list)


def titres(response):
    return sorted(resultats(response).values_list("title", flat=True))


def slugs(response):
    return sorted(resultats(response).values_list("slug", flat=True))


def facette(response, param):
    return {o.slug: o.nombre for f in response.context["facettes"] if f.param == param for o in f.options}


@pytest.mark.django_db
class TestFiltres:
    def test_sans_filtre_toutes_les_offres(self, client, catalogue, offres):
        response = client.get(catalogue.url)
        assert response.status_code == 200
        assert len(titres(response)) == 5
        assert "5 offres" in response.content.decode()

    def test_une_thematique(self, client, catalogue, offres):
        response = client.get(catalogue.url, {"thematique": "energie"})
        assert titres(response) == ["Bâtiments publics économes", "Conseil en énergie des communes", "Éclairage public"]

    def test_partenaire(self, client, catalogue, offres):
        response = client.get(catalogue.url, {"partenaire": "sded"})
        assert titres(response) == ["Conseil en énergie des communes", "Éclairage public"]

    def test_type(self, client, catalogue, offres):
        response = client.get(catalogue.url, {"type": "amo"})
        assert titres(response) == ["Logements en centre-bourg", "Restauration de rivière", "Éclairage public"]

    def test_beneficiaire(self, client, catalogue, offres):
        response = client.get(catalogue.url, {"beneficiaire": "syndicats"})
        assert titres(response) == ["Restauration de rivière"]

    def test_plusieurs_valeurs_d_une_facette_se_cumulent_en_ou(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=eau-et-environnement&thematique=habitat")
        assert titres(response) == ["Bâtiments publics économes", "Logements en centre-bourg", "Restauration de rivière"]

    def test_une_offre_qui_a_deux_valeurs_n_apparait_qu_une_fois(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=energie&thematique=habitat")
        assert titres(response).count("Bâtiments publics économes") == 1
        assert len(titres(response)) == 4

    def test_les_facettes_se_combinent_en_et(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=energie&thematique=habitat&type=amo&partenaire=caue")
        assert titres(response) == ["Logements en centre-bourg"]
        response = client.get(catalogue.url + "?thematique=energie&beneficiaire=epci")
        assert titres(response) == ["Éclairage public"]

    def test_slug_inconnu_ignore(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=n-existe-pas&partenaire=sded")
        assert response.status_code == 200
        assert titres(response) == ["Conseil en énergie des communes", "Éclairage public"]
        assert response.context["criteres"].valeurs["thematique"] == []

    @pytest.mark.parametrize(
        "query",
        [
            "?page=abc", "?page=-3", "?page=0", "?page=99999999999999999999", "?page=",
            "?thematique=%00%27;DROP", "?thematique=" + "x" * 500, "?q=" + "é" * 1000, "?type=&partenaire=",
            "?beneficiaire[]=communes", "?q=%25%5F", "?unknown=1&thematique=energie&thematique=energie",
        ],
    )
    def test_parametres_malformes_jamais_d_erreur(self, client, catalogue, offres, query):
        response = client.get(catalogue.url + query)
        # A NUL byte anywhere in the URL is refused before the view (site_collectivites.exploitation.middleware.OctetNulMiddleware).
        assert response.status_code == (400 if "%00" in query else 200)

    def test_page_non_numerique_donne_la_page_1(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?page=abc")
        assert response.context["page_obj"].number == 1

    def test_offres_non_publiees_exclues(self, client, catalogue, offres):
        offres["riviere"].unpublish()
        response = client.get(catalogue.url)
        assert "Restauration de rivière" not in titres(response)
        assert facette(response, "thematique")["eau-et-environnement"] == 0


@pytest.mark.django_db
class TestNombres:
    def test_nombres_sans_filtre(self, client, catalogue, offres):
        response = client.get(catalogue.url)
        assert facette(response, "thematique") == {"energie": 3, "eau-et-environnement": 1, "habitat": 2}
        assert facette(response, "partenaire") == {"sded": 2, "caue": 3}
        assert facette(response, "type") == {"conseil": 3, "amo": 3}
        assert facette(response, "beneficiaire") == {
            "communes": 4, "epci": 2, "syndicats": 1, "autres-organismes-publics": 0,
        }

    def test_nombre_d_une_facette_tient_compte_des_autres_facettes_seulement(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=energie&partenaire=caue")
        # Thématiques: counted with partenaire=caue only (the thématique selection itself is ignored).
        assert facette(response, "thematique") == {"energie": 1, "eau-et-environnement": 1, "habitat": 2}
        # Partners: counted with thematique=energie only.
        assert facette(response, "partenaire") == {"sded": 2, "caue": 1}
        # Other facets: counted with both.
        assert facette(response, "type") == {"conseil": 1, "amo": 0}
        assert facette(response, "beneficiaire")["communes"] == 1

    def test_nombres_avec_recherche(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?q=eclairage")
        assert facette(response, "partenaire") == {"sded": 1, "caue": 0}

    def test_nombres_affiches_et_cases_cochees(self, client, catalogue, offres):
        html = client.get(catalogue.url + "?thematique=energie").content.decode()
        assert 'name="thematique" value="energie" checked' in html
        assert 'name="thematique" value="habitat">' in html
        assert "Énergie <span class=\"facette__nombre\">(3" in html


@pytest.mark.django_db
class TestRecherche:
    def test_titre_sans_accents(self, client, catalogue, offres):
        assert titres(client.get(catalogue.url, {"q": "eclairage"})) == ["Éclairage public"]

    def test_resume_et_casse(self, client, catalogue, offres):
        assert titres(client.get(catalogue.url, {"q": "ÉCONOMIE"})) == ["Conseil en énergie des communes"]

    def test_tous_les_mots(self, client, catalogue, offres):
        assert titres(client.get(catalogue.url, {"q": "cours eau"})) == ["Restauration de rivière"]
        assert titres(client.get(catalogue.url, {"q": "cours energie"})) == []

    def test_nom_du_partenaire(self, client, catalogue, offres):
        assert len(titres(client.get(catalogue.url, {"q": "sded"}))) == 2

    def test_recherche_et_facette(self, client, catalogue, offres):
        assert titres(client.get(catalogue.url, {"q": "public", "partenaire": "caue"})) == [
            "Bâtiments publics économes"
        ]

    def test_par_reference(self, client, catalogue, offres):
        reference = offres["riviere"].reference
        assert titres(client.get(catalogue.url, {"q": reference})) == ["Restauration de rivière"]
        assert titres(client.get(catalogue.url, {"q": reference.lower()})) == ["Restauration de rivière"]

    def test_caracteres_speciaux_du_like(self, client, catalogue, offres):
        assert titres(client.get(catalogue.url, {"q": "%"})) == []
        assert titres(client.get(catalogue.url, {"q": "_"})) == []


@pytest.mark.django_db
class TestPagination:
    def test_12_par_page_et_filtres_conserves(self, client, catalogue, ref):
        for i in range(15):
            offre(catalogue, f"Offre énergie {i:02d}", ref.sded, [ref.energie])
        offre(catalogue, "Offre eau", ref.caue, [ref.eau])
        response = client.get(catalogue.url, {"thematique": "energie", "q": "offre"})
        page_obj = response.context["page_obj"]
        assert page_obj.paginator.count == 15
        assert len(page_obj.object_list) == 12
        html = response.content.decode()
        assert 'href="?thematique=energie&amp;q=offre&amp;page=2#resultats"' in html
        response = client.get(catalogue.url + "?thematique=energie&q=offre&page=2")
        assert len(response.context["page_obj"].object_list) == 3
        assert 'href="?thematique=energie&amp;q=offre&amp;page=1#resultats"' in response.content.decode()

    def test_page_trop_grande_donne_la_derniere(self, client, catalogue, offres):
        assert client.get(catalogue.url + "?page=50").context["page_obj"].number == 1


@pytest.mark.django_db
class TestEtatVide:
    def test_dit_quels_filtres_et_propose_de_les_retirer(self, client, catalogue, offres):
        response = client.get(catalogue.url + "?thematique=eau-et-environnement&partenaire=sded")
        assert titres(response) == []
        html = response.content.decode()
        assert "Aucune offre ne correspond à la fois à tous ces critères" in html
        # Removing the partner gives the river offer; removing the thématique gives SDED's two offers.
        assert 'href="/offre-ingenierie/?partenaire=sded">Retirer thématique : Eau et environnement</a> (2 offres)' in html
        assert (
            'href="/offre-ingenierie/?thematique=eau-et-environnement">Retirer partenaire : '
            "Territoire d&#x27;énergie Drôme – SDED</a> (1 offre)" in html
        )
        assert 'href="/offre-ingenierie/">Voir toutes les offres</a>' in html

    def test_recherche_sans_resultat(self, client, catalogue, offres):
        html = client.get(catalogue.url, {"q": "introuvable"}).content.decode()
        assert "Retirer recherche : « introuvable »" in html

    def test_lien_vers_la_demande_quand_la_page_existe(self, client, catalogue, offres, home):
        from tests.factories import StandardPageFactory

        StandardPageFactory(parent=home, title="Faire une demande", slug="faire-une-demande")
        html = client.get(catalogue.url, {"q": "introuvable"}).content.decode()
        assert 'href="/faire-une-demande/">Faire une demande</a>' in html


@pytest.mark.django_db
class TestReferencement:
    def test_url_filtree_en_noindex_avec_canonique_sans_filtre(self, client, catalogue, offres):
        html = client.get(catalogue.url + "?thematique=energie").content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html
        assert '<link rel="canonical" href="http://testserver/offre-ingenierie/">' in html
        html = client.get(catalogue.url + "?q=eau").content.decode()
        assert '<meta name="robots" content="noindex, follow">' in html

    def test_page_sans_filtre_indexable(self, client, catalogue, offres):
        html = client.get(catalogue.url).content.decode()
        assert 'name="robots"' not in html
        # An unknown slug is no filter: the page is the catalogue itself.
        assert 'name="robots"' not in client.get(catalogue.url + "?thematique=inconnue").content.decode()

    def test_robots_txt_exclut_les_parametres_de_filtre(self, client, db):
        body = client.get("/robots.txt").content.decode()
        for param in ("thematique", "partenaire", "type", "beneficiaire", "q"):
            assert f"Disallow: /*?{param}=" in body
            assert f"Disallow: /*&{param}=" in body


@pytest.mark.django_db
class TestNombreDeRequetes:
    def test_liste_ne_depend_pas_du_nombre_d_offres(self, client, catalogue, ref):
        def creer(n, debut):
            for i in range(debut, debut + n):
                offre(catalogue, f"Offre {i:03d}", ref.sded if i % 2 else ref.caue,
                      [ref.energie, ref.habitat] if i % 3 else [ref.eau], [ref.amo, ref.conseil],
                      beneficiaires=("communes", "epci"))

        url = catalogue.url + "?thematique=energie&thematique=eau-et-environnement&type=amo&beneficiaire=communes"

        creer(5, 0)
        client.get(url)  # warm caches (site root paths, content types)
        avec_5 = count_queries(lambda: client.get(url))
        avec_5_sans_filtre = count_queries(lambda: client.get(catalogue.url))
        creer(35, 5)
        assert OffrePage.objects.count() == 40
        client.get(url)
        avec_40 = count_queries(lambda: client.get(url))
        avec_40_sans_filtre = count_queries(lambda: client.get(catalogue.url))
        assert avec_5 == avec_40
        assert avec_5_sans_filtre == avec_40_sans_filtre
        assert avec_40 <= 25


@pytest.mark.django_db
def test_facettes_partenaire_repliee_sauf_si_choisie(client, catalogue, offres):
    html = client.get(catalogue.url).content.decode()
    assert '<details class="facette" open>\n        <summary class="facette__titre">Thématique</summary>' in html
    assert '<details class="facette">\n        <summary class="facette__titre">Partenaire</summary>' in html
    assert '<legend class="sr-only">Partenaire</legend>' in html
    html = client.get(catalogue.url + "?partenaire=sded&partenaire=caue").content.decode()
    assert '<details class="facette" open>\n        <summary class="facette__titre">Partenaire (2 sélections)</summary>' in html
