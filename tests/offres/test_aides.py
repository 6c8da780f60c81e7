"""Financial aids: derived status around its dates, calendar validation, the aid sheet and the listing
(filters, counts, sort, closed aids, pagination, noindex, query count)."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from offres import statut_aides
from offres.models import AideEtat, AidePage
from offres.statut_aides import A_VENIR, CLOTURE_PROCHE, CLOTUREE, OUVERTE, q_statut, statut
from tests.factories import ThematiqueFactory
from tests.offres.factories import AideIndexPageFactory, aide
from tests.utils import count_queries

J = datetime.date(2026, 11, 23)


def jours(n):
    return J + datetime.timedelta(days=n)


class TestStatut:
    def test_permanente_toujours_ouverte(self):
        assert statut("permanent", today=J) == OUVERTE

    @pytest.mark.parametrize(
        "ecart, attendu",
        [
            (-1, CLOTUREE),  # the day after the deadline
            (0, CLOTURE_PROCHE),  # the deadline itself: one may still apply
            (1, CLOTURE_PROCHE),
            (statut_aides.JOURS_CLOTURE_PROCHE, CLOTURE_PROCHE),
            (statut_aides.JOURS_CLOTURE_PROCHE + 1, OUVERTE),
            (200, OUVERTE),
        ],
    )
    def test_date_limite(self, ecart, attendu):
        assert statut("date_limite", date_limite=jours(ecart), today=J) == attendu

    @pytest.mark.parametrize(
        "ouverture, cloture, attendu",
        [
            (1, 60, A_VENIR),  # opens tomorrow
            (1, 10, A_VENIR),  # not open yet, even if it closes soon
            (0, 60, OUVERTE),  # opens today
            (-30, 31, OUVERTE),
            (-30, 30, CLOTURE_PROCHE),
            (-30, 0, CLOTURE_PROCHE),
            (-30, -1, CLOTUREE),
        ],
    )
    def test_appel_a_projets(self, ouverture, cloture, attendu):
        assert statut("appel_a_projets", date_ouverture=jours(ouverture), date_cloture=jours(cloture), today=J) == attendu

    def test_sans_date_du_jour_prend_aujourd_hui(self):
        demain = timezone.localdate() + datetime.timedelta(days=1)
        assert statut("date_limite", date_limite=demain) == CLOTURE_PROCHE


@pytest.mark.django_db
class TestStatutEnBase:
    """q_statut() selects exactly the aids whose statut() is the value, around every boundary."""

    def test_q_statut_et_statut_concordent(self, home):
        index = AideIndexPageFactory(parent=home)
        aides = [aide(index, "Permanente")]
        for ecart in (-1, 0, 30, 31):
            aides.append(aide(index, f"Limite {ecart}", calendrier="date_limite", date_limite=jours(ecart)))
        for ouverture, cloture in ((1, 60), (1, 10), (0, 60), (-30, 30), (-30, -1), (-30, 31)):
            aides.append(aide(index, f"AAP {ouverture} {cloture}", calendrier="appel_a_projets",
                              date_ouverture=jours(ouverture), date_cloture=jours(cloture)))
        for valeur in statut_aides.LIBELLES_STATUT:
            en_base = set(AidePage.objects.filter(q_statut(valeur, today=J)).values_list("pk", flat=True))
            attendus = {a.pk for a in aides if a.statut(today=J) == valeur}
            assert en_base == attendus, valeur


@pytest.mark.django_db
class TestValidation:
    def _aide(self, **champs):
        return AidePage(title="Aide", slug="aide", resume="r", **champs)

    def test_date_limite_obligatoire(self):
        with pytest.raises(ValidationError) as erreur:
            self._aide(calendrier="date_limite").clean()
        assert "date_limite" in erreur.value.message_dict

    def test_appel_a_projets_demande_ses_deux_dates_dans_l_ordre(self):
        with pytest.raises(ValidationError) as erreur:
            self._aide(calendrier="appel_a_projets").clean()
        assert {"date_ouverture", "date_cloture"} <= set(erreur.value.message_dict)
        with pytest.raises(ValidationError) as erreur:
            self._aide(calendrier="appel_a_projets", date_ouverture=jours(10), date_cloture=jours(1)).clean()
        assert "date_cloture" in erreur.value.message_dict

    def test_taux_dans_l_ordre(self):
        with pytest.raises(ValidationError):
            self._aide(taux_min=70, taux_max=20).clean()
        self._aide(taux_min=20, taux_max=70).clean()

    def test_les_dates_d_un_autre_calendrier_sont_effacees(self, home):
        index = AideIndexPageFactory(parent=home)
        une = aide(index, "Permanente", date_limite=jours(3), date_ouverture=jours(1), date_cloture=jours(5))
        une.refresh_from_db()
        assert (une.date_limite, une.date_ouverture, une.date_cloture) == (None, None, None)


@pytest.mark.django_db
class TestFiche:
    def test_sections_et_demande_en_ligne(self, client, home):
        index = AideIndexPageFactory(parent=home)
        fiche = aide(
            index, "Dotation de solidarité territoriale", objectifs="<p>Aider les communes.</p>",
            instruction="<p>Dossier en ligne.</p>", demat_teleservice="Aménagement du territoire",
            demat_dispositif="Bâtiments communaux", taux_min=20, taux_max=70, plafond=40000,
        )
        html = client.get(fiche.url).content.decode()
        assert "<h2 id=\"titre-objectifs\">Objectifs</h2>" in html
        assert "Instruction des dossiers" in html
        assert "Exclusions" not in html  # empty sections are hidden
        assert "Drôme Démat&#x27;" in html or "Drôme Démat'" in html
        assert "téléservice « Aménagement du territoire »" in html
        assert "dispositif « Bâtiments communaux »" in html
        assert "20 à 70 %" in html and "40\u202f000 €" in html
        assert "Mis à jour le" in html

    def test_lien_imprimer_sans_javascript(self, client, home):
        index = AideIndexPageFactory(parent=home)
        fiche = aide(index, "Aide imprimable")
        html = client.get(fiche.url).content.decode()
        assert 'href="?impression=1"' in html and "Imprimer cette fiche" in html
        assert "offres/imprimer.js" in html and "<script>" not in html  # no inline script (CSP)
        version = client.get(fiche.url, {"impression": "1"}).content.decode()
        assert "Version à imprimer" in version
        assert 'content="noindex' in version
        assert "Imprimer cette fiche" not in version


@pytest.fixture
def aides_index(home):
    return AideIndexPageFactory(parent=home)


@pytest.fixture
def aides(aides_index, ref):
    today = timezone.localdate()

    def dans(n):
        return today + datetime.timedelta(days=n)

    return {
        "permanente": aide(aides_index, "Patrimoine", [ref.habitat], ("communes",)),
        "loin": aide(aides_index, "Rivières", [ref.eau], ("syndicats", "epci"), calendrier="date_limite",
                     date_limite=dans(90)),
        "proche": aide(aides_index, "Énergie solaire", [ref.energie], ("communes",), calendrier="date_limite",
                       date_limite=dans(10)),
        "a_venir": aide(aides_index, "Appel à projets centres-bourgs", [ref.habitat, ref.energie], ("communes", "epci"),
                        calendrier="appel_a_projets", date_ouverture=dans(5), date_cloture=dans(60)),
        "close": aide(aides_index, "Appel 2020", [ref.habitat], ("communes",), calendrier="appel_a_projets",
                      date_ouverture=dans(-400), date_cloture=dans(-300)),
    }


def titres(response):
    """The titles of every aid the listing shows, all pages of results, in order (the paginator holds their ids)."""
    pks = list(response.context["page_obj"].paginator.object_list)
    par_pk = dict(AidePage.objects.filter(pk__in=pks).values_list("pk", "title"))
    return [par_pk[pk] for pk in pks]


def facette(response, param):
    return {o.slug: o.nombre for f in response.context["facettes"] if f.param == param for o in f.options}


@pytest.mark.django_db
class TestListeDesAides:
    def test_vue_par_defaut_sans_les_aides_cloturees_triee_par_echeance(self, client, aides_index, aides):
        response = client.get(aides_index.url)
        assert titres(response) == ["Énergie solaire", "Appel à projets centres-bourgs", "Rivières", "Patrimoine"]
        html = response.content.decode()
        assert "Voir aussi les aides clôturées" in html
        assert "noindex" not in html

    def test_aides_cloturees_accessibles(self, client, aides_index, aides):
        response = client.get(aides_index.url, {"statut": "cloturee"})
        assert titres(response) == ["Appel 2020"]
        assert "noindex" in response.content.decode()
        lien = response.context["url_cloturees"]
        assert lien is None
        tout = client.get(aides_index.url + client.get(aides_index.url).context["url_cloturees"])
        assert titres(tout)[-1] == "Appel 2020"  # closed aids come last
        assert len(titres(tout)) == 5

    def test_filtre_statut(self, client, aides_index, aides):
        assert titres(client.get(aides_index.url, {"statut": "a_venir"})) == ["Appel à projets centres-bourgs"]
        assert titres(client.get(aides_index.url + "?statut=ouverte&statut=cloture_proche")) == [
            "Énergie solaire", "Rivières", "Patrimoine"]

    def test_filtre_thematique_et_beneficiaire(self, client, aides_index, aides):
        assert titres(client.get(aides_index.url, {"thematique": "habitat"})) == [
            "Appel à projets centres-bourgs", "Patrimoine"]
        assert titres(client.get(aides_index.url, {"beneficiaire": "syndicats"})) == ["Rivières"]
        assert titres(client.get(aides_index.url + "?thematique=habitat&beneficiaire=epci")) == [
            "Appel à projets centres-bourgs"]
        assert titres(client.get(aides_index.url + "?thematique=habitat&thematique=eau-et-environnement")) == [
            "Appel à projets centres-bourgs", "Rivières", "Patrimoine"]

    def test_nombres_des_facettes(self, client, aides_index, aides):
        response = client.get(aides_index.url, {"thematique": "habitat"})
        assert facette(response, "statut") == {"ouverte": 1, "cloture_proche": 0, "a_venir": 1, "cloturee": 1}
        assert facette(response, "thematique")["energie"] == 2  # default view: closed aids not counted
        assert facette(response, "beneficiaire")["communes"] == 2

    def test_valeurs_inconnues_ignorees(self, client, aides_index, aides):
        response = client.get(aides_index.url + "?statut=nimporte&thematique=%3Cscript%3E")
        assert response.status_code == 200
        assert len(titres(response)) == 4

    def test_etat_vide(self, client, aides_index, aides):
        response = client.get(aides_index.url + "?beneficiaire=autres-organismes-publics")
        html = response.content.decode()
        assert "Aucune aide du Département ne correspond" in html

    def test_pagination(self, client, aides_index, ref):
        for i in range(14):
            aide(aides_index, f"Aide {i:02d}", [ref.energie])
        response = client.get(aides_index.url)
        assert len(response.context["cartes"]) == 12
        assert "Page 1 sur 2" in response.content.decode()
        assert len(client.get(aides_index.url, {"page": 2}).context["cartes"]) == 2

    def test_nombre_de_requetes_constant(self, client, aides_index, ref):
        for i in range(5):
            aide(aides_index, f"Aide {i}", [ref.energie, ref.habitat], calendrier="date_limite",
                 date_limite=timezone.localdate() + datetime.timedelta(days=i + 1))
        url = aides_index.url + "?thematique=energie&beneficiaire=communes"
        client.get(url)
        avec_5 = count_queries(lambda: client.get(url))
        for i in range(25):
            aide(aides_index, f"Autre aide {i}", [ref.energie, ThematiqueFactory()], ("communes", "epci"))
        client.get(url)  # the publications refreshed the menus and footer kept between renders (navigation.py)
        assert count_queries(lambda: client.get(url)) == avec_5
        client.get(aides_index.url)  # other cards: rendered once, then kept for the generation (cartes.py)
        assert count_queries(lambda: client.get(aides_index.url)) == avec_5

    def test_les_statuts_changent_a_minuit_sans_publication(self, client, aides_index, ref):
        """The index, the cards and the State aids are kept per generation and per day: an aid whose deadline
        is today is closed tomorrow, though nothing is published in between."""
        today = timezone.localdate()
        aide(aides_index, "Dernier jour", [ref.eau], calendrier="date_limite", date_limite=today)
        aide(aides_index, "Permanente", [ref.eau])
        AideEtat.objects.create(identifiant="1", nom="Aide de l'État du jour", url="https://aides.test/1",
                                date_limite=today, importe_le=timezone.now())
        response = client.get(aides_index.url)
        assert titres(response) == ["Dernier jour", "Permanente"]
        assert facette(response, "statut") == {"ouverte": 1, "cloture_proche": 1, "a_venir": 0, "cloturee": 0}
        assert "statut-aide--cloture_proche" in response.content.decode()
        assert [a.nom for a in response.context["aides_etat"]] == ["Aide de l'État du jour"]
        with mock.patch("django.utils.timezone.localdate", return_value=today + datetime.timedelta(days=1)):
            response = client.get(aides_index.url)
            assert titres(response) == ["Permanente"]
            assert facette(response, "statut") == {"ouverte": 1, "cloture_proche": 0, "a_venir": 0, "cloturee": 1}
            assert response.context["aides_etat"] == []
            cloturees = client.get(aides_index.url, {"statut": "cloturee"})
            assert titres(cloturees) == ["Dernier jour"]
            html = cloturees.content.decode()
            assert "statut-aide--cloturee" in html and "statut-aide--cloture_proche" not in html


@pytest.mark.django_db
def test_du_catalogue_aux_aides_en_un_clic(client, catalogue, offres, aides_index, aides):
    """"Offers in Énergie for a commune" -> "open aids in Énergie for a commune"."""
    response = client.get(catalogue.url + "?thematique=energie&beneficiaire=communes&type=amo")
    url = response.context["url_aides"]
    assert url == aides_index.url + "?thematique=energie&beneficiaire=communes"
    assert "Voir les aides financières ouvertes pour ces critères" in response.content.decode()
    assert titres(client.get(url)) == ["Énergie solaire", "Appel à projets centres-bourgs"]
    assert client.get(catalogue.url).context["url_aides"] == aides_index.url
