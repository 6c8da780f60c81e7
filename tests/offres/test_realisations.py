"""Réalisations: maître d'ouvrage and derived canton/EPCI, the page, the filtered listing, and the
réalisations shown on offer and partner pages."""

import pytest
from django.core.exceptions import ValidationError

from offres.models import RealisationPage
from site_collectivites.territoire.models import Canton, Commune, Epci
from tests.offres.factories import (
    PartenaireIndexPageFactory,
    RealisationIndexPageFactory,
    RealisationPageFactory,
    offre,
)
from tests.utils import count_queries


@pytest.fixture
def territoire(db):
    class T:
        diois = Canton.objects.create(code="2605", nom="Le Diois", slug="le-diois")
        nyons = Canton.objects.create(code="2612", nom="Nyons et Baronnies", slug="nyons-et-baronnies")
        valence = Canton.objects.create(code="2618", nom="Valence-1", slug="valence-1")
        ccd = Epci.objects.create(siren="242600252", nom="CC du Diois", slug="cc-du-diois", nature="CC")
        ccbdp = Epci.objects.create(siren="200068823", nom="CC des Baronnies en Drôme provençale",
                                    slug="cc-baronnies", nature="CC")
        die = Commune.objects.create(insee="26113", nom="Die", population=4500, epci=ccd)
        nyons_c = Commune.objects.create(insee="26220", nom="Nyons", population=7000, epci=ccbdp)
        valence_c = Commune.objects.create(insee="26362", nom="Valence", population=64000)

    T.die.cantons.set([T.diois])
    T.nyons_c.cantons.set([T.nyons])
    T.valence_c.cantons.set([T.valence, T.diois])  # a town in two cantons
    return T


@pytest.fixture
def index(home):
    return RealisationIndexPageFactory(parent=home)


def realisation(index, titre, thematiques, annee=2024, commune=None, **champs):
    return RealisationPageFactory(parent=index, title=titre, thematiques=list(thematiques), annee=annee,
                                  commune=commune, **champs)


@pytest.fixture
def realisations(index, ref, territoire):
    return {
        "ecole": realisation(index, "Rénovation de l'école", [ref.energie], 2023, territoire.die,
                             partenaires=[ref.sded]),
        "riviere": realisation(index, "Restauration de la Drôme", [ref.eau], 2024, territoire.die,
                               type_maitre_ouvrage="syndicat", syndicat_nom="Syndicat mixte de la rivière Drôme",
                               partenaires=[ref.caue]),
        "place": realisation(index, "Place du marché", [ref.habitat], 2024, territoire.nyons_c,
                             partenaires=[ref.caue, ref.sded]),
        "plan": realisation(index, "Plan climat", [ref.energie], 2025, None, type_maitre_ouvrage="epci",
                            epci=territoire.ccbdp),
    }


@pytest.mark.django_db
class TestMaitreOuvrage:
    def test_canton_et_epci_derives_de_la_commune(self, realisations, territoire):
        ecole = realisations["ecole"]
        assert ecole.maitre_ouvrage == "Commune de Die"
        assert ecole.cantons == [territoire.diois]
        assert ecole.intercommunalite == territoire.ccd

    def test_syndicat_avec_sa_commune_siege(self, realisations, territoire):
        riviere = realisations["riviere"]
        assert riviere.maitre_ouvrage == "Syndicat mixte de la rivière Drôme"
        assert riviere.cantons == [territoire.diois]

    def test_epci(self, realisations, territoire):
        plan = realisations["plan"]
        assert plan.maitre_ouvrage == territoire.ccbdp.nom
        assert plan.intercommunalite == territoire.ccbdp
        assert plan.cantons == []

    def test_validation(self, territoire):
        with pytest.raises(ValidationError) as erreur:
            RealisationPage(title="x", slug="x", resume="r", annee=2024, type_maitre_ouvrage="commune").clean()
        assert "commune" in erreur.value.message_dict
        with pytest.raises(ValidationError) as erreur:
            RealisationPage(title="x", slug="x", resume="r", annee=2024, type_maitre_ouvrage="syndicat",
                            commune=territoire.die).clean()
        assert "syndicat_nom" in erreur.value.message_dict
        with pytest.raises(ValidationError) as erreur:
            RealisationPage(title="x", slug="x", resume="r", annee=2024, type_maitre_ouvrage="epci").clean()
        assert "epci" in erreur.value.message_dict

    def test_page(self, client, realisations):
        page = realisations["riviere"]
        page.temoignage = "Le projet a changé la vie du village."
        page.temoignage_nom = "Marie Exemple"
        page.temoignage_fonction = "maire"
        page.budget = 120000
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert "Syndicat mixte de la rivière Drôme" in html and "(siège : Die)" in html
        assert "Le Diois" in html and "CC du Diois" in html
        assert "Marie Exemple, maire" in html
        assert "120\u202f000 € HT" in html


    def test_le_territoire_modifie_hors_import_rafraichit_la_page_en_cache(self, client, settings, realisations,
                                                                           territoire):
        # A commune, canton or EPCI renamed in the admin or from a shell (not by the import, which bumps the
        # generation itself) is shown fresh on the pages kept in the page cache.
        settings.CACHE_PAGES = True
        url = realisations["ecole"].url
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
        for objet, nom in ((territoire.die, "Die-en-Diois"), (territoire.diois, "Le Haut-Diois"),
                           (territoire.ccd, "Communauté du Diois")):
            objet.nom = nom
            objet.save()
            reponse = client.get(url)
            assert reponse["X-Cache"] == "MISS" and nom in reponse.content.decode()

def titres(response):
    """Every réalisation the listing shows for these criteria, all pages of results (the paginator holds their ids)."""
    pks = response.context["page_obj"].paginator.object_list
    return sorted(RealisationPage.objects.filter(pk__in=pks).values_list("title", flat=True))


def facette(response, param):
    return {o.slug: o.nombre for f in response.context["facettes"] if f.param == param for o in f.options}


@pytest.mark.django_db
class TestListe:
    def test_sans_filtre(self, client, index, realisations):
        response = client.get(index.url)
        assert len(titres(response)) == 4
        assert "noindex" not in response.content.decode()

    def test_filtres(self, client, index, realisations):
        assert titres(client.get(index.url, {"thematique": "energie"})) == ["Plan climat", "Rénovation de l'école"]
        assert titres(client.get(index.url, {"partenaire": "caue"})) == ["Place du marché", "Restauration de la Drôme"]
        assert titres(client.get(index.url, {"canton": "le-diois"})) == ["Restauration de la Drôme",
                                                                         "Rénovation de l'école"]
        assert titres(client.get(index.url, {"annee": "2024"})) == ["Place du marché", "Restauration de la Drôme"]
        assert titres(client.get(index.url + "?annee=2023&annee=2025")) == ["Plan climat", "Rénovation de l'école"]
        response = client.get(index.url + "?canton=le-diois&partenaire=sded")
        assert titres(response) == ["Rénovation de l'école"]
        assert "noindex" in response.content.decode()

    def test_facettes_limitees_aux_valeurs_utilisees_et_comptees(self, client, index, realisations):
        response = client.get(index.url, {"thematique": "energie"})
        assert facette(response, "canton") == {"le-diois": 1, "nyons-et-baronnies": 0}  # Valence-1: unused
        assert facette(response, "annee") == {"2025": 1, "2024": 0, "2023": 1}
        assert facette(response, "thematique") == {"energie": 2, "eau-et-environnement": 1, "habitat": 1}

    def test_valeurs_inconnues_et_etat_vide(self, client, index, realisations):
        assert len(titres(client.get(index.url, {"annee": "1890", "canton": "x"}))) == 4
        html = client.get(index.url + "?annee=2023&partenaire=caue").content.decode()
        assert "Aucune réalisation ne correspond" in html

    def test_liste_vide(self, client, index):
        response = client.get(index.url, {"thematique": "energie"})
        assert titres(response) == []
        html = response.content.decode()
        assert "0 réalisation" in html and "Aucune réalisation n'est encore publiée" in html

    def test_publication_prise_en_compte(self, client, index, ref, territoire, realisations):
        """The index and the cards are kept per generation of the page cache: a publication shows at once (for
        the territory import, see tests/territoire/test_import.py: it starts a new generation)."""
        client.get(index.url)
        realisation(index, "Chaufferie bois", [ref.energie], 2026, territoire.valence_c)
        response = client.get(index.url, {"canton": "valence-1"})
        assert titres(response) == ["Chaufferie bois"]
        assert "Valence · 2026" in response.content.decode()

    def test_pagination_et_requetes_constantes(self, client, index, ref, territoire, realisations):
        url = index.url + "?thematique=energie&canton=le-diois"
        client.get(url)
        avant = count_queries(lambda: client.get(url))
        avant_sans = count_queries(lambda: client.get(index.url))
        for i in range(20):
            realisation(index, f"Chaufferie {i:02d}", [ref.energie, ref.habitat], 2020 + i % 3, territoire.die,
                        partenaires=[ref.sded])
        client.get(url)  # the publications refreshed the menus and footer kept between renders (navigation.py)
        assert count_queries(lambda: client.get(url)) == avant
        assert count_queries(lambda: client.get(index.url)) == avant_sans
        response = client.get(index.url, {"page": 2})
        assert "Page 2 sur 2" in response.content.decode()


@pytest.mark.django_db
class TestRealisationsLiees:
    def test_les_six_plus_recentes_sans_requete_de_plus(self, client, catalogue, index, ref, territoire):
        une_offre = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        client.get(une_offre.url)
        sans = count_queries(lambda: client.get(une_offre.url))
        for annee in range(2016, 2024):
            realisation(index, f"Projet {annee}", [ref.energie], annee, territoire.die, offres=[une_offre])
        client.get(une_offre.url)  # the first view after the publications fills the shared table
        assert count_queries(lambda: client.get(une_offre.url)) == sans
        html = client.get(une_offre.url).content.decode()
        assert [annee for annee in range(2016, 2024) if f"Projet {annee}" in html] == list(range(2018, 2024))
        assert html.index("Projet 2023") < html.index("Projet 2018")
        nouvelle = realisation(index, "Projet 2025", [ref.energie], 2025, territoire.die, offres=[une_offre])
        html = client.get(une_offre.url).content.decode()
        assert html.index("Projet 2025") < html.index("Projet 2023") and "Projet 2018" not in html
        nouvelle.unpublish()
        assert "Projet 2025" not in client.get(une_offre.url).content.decode()

    def test_page_offre_et_page_partenaire(self, client, catalogue, index, ref, realisations):
        une_offre = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        ecole = realisations["ecole"]
        ecole.offres.set([une_offre])
        ecole.save_revision().publish()
        html = client.get(une_offre.url).content.decode()
        assert "Des projets accompagnés avec cette offre" in html and "Rénovation de l&#x27;école" in html
        html_ecole = client.get(ecole.url).content.decode()
        assert "Conseil en énergie" in html_ecole

        partenaires = PartenaireIndexPageFactory(parent=catalogue)
        html = client.get(partenaires.url_partenaire(ref.sded)).content.decode()
        assert "Des projets accompagnés par ce partenaire" in html
        assert "Place du marché" in html and "Rénovation de l&#x27;école" in html
        assert "Restauration de la Drôme" not in html

    def test_offres_mobilisees_publiques_seulement(self, client, catalogue, ref, realisations):
        """A section made private leaves the réalisation's page at once (the restrictions are read once per
        generation of the page cache, which the new restriction bumps)."""
        from wagtail.models import PageViewRestriction

        une_offre = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        ecole = realisations["ecole"]
        ecole.offres.set([une_offre])
        ecole.save_revision().publish()
        assert "Conseil en énergie" in client.get(ecole.url).content.decode()

        PageViewRestriction.objects.create(page=catalogue, restriction_type=PageViewRestriction.LOGIN)
        assert "Conseil en énergie" not in client.get(ecole.url).content.decode()

    def test_realisations_privees_absentes_des_pages_offre(self, client, catalogue, index, ref, realisations):
        from wagtail.models import PageViewRestriction

        une_offre = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        realisations["ecole"].offres.set([une_offre])
        realisations["ecole"].save_revision().publish()
        assert "Rénovation de l&#x27;école" in client.get(une_offre.url).content.decode()

        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
        assert "Rénovation de l&#x27;école" not in client.get(une_offre.url).content.decode()


@pytest.mark.django_db
class TestFicheRealisation:
    """offres/fiche_realisation.py: the page's relations in one query, resolved in tables kept per generation."""

    def test_toutes_les_relations_dans_leur_ordre(self, client, catalogue, offres, ref, realisations):
        ecole = realisations["ecole"]
        ecole.thematiques.set([ref.habitat, ref.energie])
        ecole.types_prestation.set([ref.amo, ref.conseil])
        ecole.partenaires.set([ref.sded, ref.caue])
        ecole.offres.set([offres["logement"], offres["eclairage"], offres["batiments"]])
        ecole.save_revision().publish()
        html = client.get(ecole.url).content.decode()
        # The models' own orders (ordre then nom; nature then nom; title), not the order of the links.
        assert "<dd>Énergie, Habitat</dd>" in html
        assert "<dd>Assistance à maîtrise d&#x27;ouvrage, Conseil</dd>" in html
        assert "Partenaires : CAUE de la Drôme, Territoire d&#x27;énergie Drôme – SDED." in html
        batiments = f'<li><a href="{offres["batiments"].url}">Bâtiments publics économes</a> (CAUE)</li>'
        logement = f'<li><a href="{offres["logement"].url}">Logements en centre-bourg</a> (CAUE)</li>'
        # (Where "Éclairage" sorts depends on the database's collation, as in any listing by title.)
        assert html.index(batiments) < html.index(logement)
        assert f'<li><a href="{offres["eclairage"].url}">Éclairage public</a> (SDED)</li>' in html
        assert "<dt>Canton</dt><dd>Le Diois</dd>" in html

    def test_trois_requetes_quel_que_soit_le_nombre_de_liens(self, client, catalogue, offres, ref, realisations):
        ecole = realisations["ecole"]
        client.get(ecole.url)
        une = count_queries(lambda: client.get(ecole.url))
        ecole.thematiques.set([ref.habitat, ref.energie, ref.eau])
        ecole.partenaires.set([ref.sded, ref.caue])
        ecole.offres.set(list(offres.values()))
        ecole.save_revision().publish()
        client.get(ecole.url)  # the first view after a publication fills the shared tables
        assert count_queries(lambda: client.get(ecole.url)) == une <= 3

    def test_un_changement_est_vu_a_la_vue_suivante(self, client, catalogue, offres, ref, realisations, territoire):
        ecole = realisations["ecole"]
        ecole.offres.set([offres["eclairage"]])
        ecole.save_revision().publish()
        assert "Éclairage public" in client.get(ecole.url).content.decode()
        ref.sded.sigle = "TE26"
        ref.sded.save()
        assert "Éclairage public</a> (TE26)" in client.get(ecole.url).content.decode()
        offres["eclairage"].unpublish()
        assert "Éclairage public" not in client.get(ecole.url).content.decode()
        territoire.valence_c.cantons.set([territoire.valence])  # not this page's commune: nothing to refresh
        territoire.die.cantons.add(territoire.nyons)
        territoire.die.save()  # a change of the many-to-many sends no post_save; saving the commune does
        assert "<dt>Cantons</dt><dd>Le Diois, Nyons et Baronnies</dd>" in client.get(ecole.url).content.decode()

    def test_galerie_en_formats_modernes_avec_textes_alternatifs(self, client, realisations):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        from site_collectivites.demo.utils import stream

        photos = [Image.objects.create(title=f"Photo {i}", file=get_test_image_file(size=(1200, 800))) for i in range(2)]
        ecole = realisations["ecole"]
        ecole.galerie = stream(("image", {"image": photos[0].pk, "alt_text": "La cour rénovée", "decorative": False}),
                               ("image", {"image": photos[1].pk, "alt_text": "", "decorative": True}))
        ecole.save_revision().publish()
        html = client.get(ecole.url).content.decode()
        galerie = html[html.index('<ul class="galerie">'):html.index("</ul>", html.index('<ul class="galerie">'))]
        assert galerie.count("<picture>") == 2 and galerie.count('type="image/avif"') == 2
        assert 'alt="La cour rénovée"' in galerie and 'alt=""' in galerie and 'loading="lazy"' in galerie
        assert 'sizes="(min-width: 48rem) 15rem, 100vw"' in galerie and "width-800" in galerie

    def test_l_apercu_montre_les_choix_non_enregistres(self, client, catalogue, offres, ref, realisations):
        ecole = realisations["ecole"]
        client.get(ecole.url)  # the shared tables hold the published choices
        ecole.thematiques = [ref.eau]
        ecole.partenaires = [ref.caue]
        ecole.offres = [offres["riviere"]]
        reponse = ecole.make_preview_request()
        html = reponse.content.decode()
        assert "<dd>Eau et environnement</dd>" in html and "Restauration de rivière" in html
        assert "CAUE de la Drôme" in html and "Territoire d&#x27;énergie" not in html
