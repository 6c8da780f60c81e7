"""The agenda listing: upcoming first, past by year, filters, pagination, statuses, query count."""

import re
from unittest import mock

import pytest

from agenda import services
from tests.agenda.factories import EvenementPageFactory, paris
from tests.factories import PartenaireFactory, ThematiqueFactory
from tests.utils import count_queries

NOW = paris(2026, 11, 23, 10, 0)
pytestmark = pytest.mark.django_db


def get(client, url, **params):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


def titres(response):
    return re.findall(r'class="evenement__titre"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_upcoming_first_then_past_by_year(client, agenda):
    EvenementPageFactory(parent=agenda, title="Passé 2025", debut=paris(2025, 5, 1, 9), fin=paris(2025, 5, 1, 12))
    EvenementPageFactory(parent=agenda, title="Loin", debut=paris(2027, 2, 1, 9), fin=paris(2027, 2, 1, 12))
    EvenementPageFactory(parent=agenda, title="Passé 2026", debut=paris(2026, 10, 1, 9), fin=paris(2026, 10, 1, 12))
    EvenementPageFactory(parent=agenda, title="Proche", debut=paris(2026, 11, 30, 9), fin=paris(2026, 11, 30, 12))
    response = get(client, agenda.url)
    assert titres(response) == ["Proche", "Loin", "Passé 2026", "Passé 2025"]
    html = response.content.decode()
    assert html.index("Prochains rendez-vous") < html.index("Événements passés") < html.index("<h3>2026</h3>")
    assert html.index("<h3>2026</h3>") < html.index("<h3>2025</h3>")
    assert 'type="text/calendar"' in html
    assert "noindex" not in html


def test_an_event_moves_to_the_past_when_it_ends_without_any_publication(client, agenda):
    # The listing's index is kept until something is published: the split must follow the clock anyway.
    EvenementPageFactory(parent=agenda, title="En cours", debut=paris(2026, 11, 23, 9), fin=paris(2026, 11, 23, 23, 30))
    EvenementPageFactory(parent=agenda, title="Demain", debut=paris(2026, 11, 24, 9), fin=paris(2026, 11, 24, 12))
    html = get(client, agenda.url).content.decode()
    assert html.index("En cours") < html.index("Demain") < html.index("S'abonner")
    assert "Événements passés" not in html
    with mock.patch("django.utils.timezone.now", return_value=paris(2026, 11, 24, 0, 5)):
        html = client.get(agenda.url).content.decode()
    assert html.index("Prochains rendez-vous") < html.index("Demain") < html.index("Événements passés")
    assert html.index("Événements passés") < html.index("<h3>2026</h3>") < html.index("En cours")
    # The same card, one heading level down under its year.
    assert re.search(r'<h4 class="evenement__titre"><a href="[^"]+">En cours</a></h4>', html)


def test_the_listing_follows_publications(client, agenda):
    # Its index and cards are kept per generation of the page cache: every change must show at once.
    from wagtail.models import PageViewRestriction

    premier = EvenementPageFactory(parent=agenda, title="Premier", debut=paris(2026, 12, 1, 9), fin=paris(2026, 12, 1, 12))
    second = EvenementPageFactory(parent=agenda, title="Second", debut=paris(2026, 12, 2, 9), fin=paris(2026, 12, 2, 12))
    assert titres(get(client, agenda.url)) == ["Premier", "Second"]
    premier.title = "Premier renommé"
    premier.save_revision().publish()
    assert titres(get(client, agenda.url)) == ["Premier renommé", "Second"]
    second.unpublish()
    assert titres(get(client, agenda.url)) == ["Premier renommé"]
    PageViewRestriction.objects.create(page=premier, restriction_type=PageViewRestriction.LOGIN)
    assert titres(get(client, agenda.url)) == []


def test_pagination_keeps_filters(client, agenda):
    for jour in range(1, services.EVENEMENTS_PAR_PAGE + 4):
        EvenementPageFactory(parent=agenda, type_evenement="atelier",
                             debut=paris(2026, 12, jour, 9), fin=paris(2026, 12, jour, 12))
    EvenementPageFactory(parent=agenda, type_evenement="webinaire")
    response = get(client, agenda.url, type="atelier")
    html = response.content.decode()
    assert len(titres(response)) == services.EVENEMENTS_PAR_PAGE
    assert "?type=atelier&amp;page=2" in html
    assert "noindex, follow" in html
    page2 = get(client, agenda.url, type="atelier", page=2)
    assert len(titres(page2)) == 3


@pytest.mark.parametrize("filtre", ["type", "thematique", "partenaire", "mois"])
def test_each_filter(client, agenda, filtre):
    thematique = ThematiqueFactory(nom="Numérique test")
    partenaire = PartenaireFactory(nom="Pôle SIG test")
    cible = EvenementPageFactory(parent=agenda, title="Cible", type_evenement="webinaire", mode="en_ligne",
                                 debut=paris(2027, 1, 14, 14), fin=paris(2027, 1, 14, 15))
    cible.thematiques.add(thematique)
    cible.partenaires.add(partenaire)
    cible.save_revision().publish()
    EvenementPageFactory(parent=agenda, title="Autre", type_evenement="atelier")
    valeur = {"type": "webinaire", "thematique": thematique.slug, "partenaire": partenaire.slug, "mois": "2027-01"}
    response = get(client, agenda.url, **{filtre: valeur[filtre]})
    assert titres(response) == ["Cible"]
    # The form shows the chosen value, so the visitor sees what is filtered.
    assert re.search(rf'value="{re.escape(valeur[filtre])}" selected', response.content.decode())


def test_empty_result_is_helpful(client, agenda):
    EvenementPageFactory(parent=agenda)
    html = get(client, agenda.url, mois="2030-01").content.decode()
    assert "Aucun événement ne correspond" in html
    assert "consultez tout l'agenda" in html


def test_cancelled_and_postponed_stay_visible_with_their_status_as_text(client, agenda):
    EvenementPageFactory(parent=agenda, title="Annulé", statut="annule")
    EvenementPageFactory(parent=agenda, title="Reporté", statut="reporte")
    EvenementPageFactory(parent=agenda, title="Complet", statut="complet")
    html = get(client, agenda.url).content.decode()
    for texte in ["Annulé", "Reporté", "Complet"]:
        assert '<strong class="statut statut--' in html
        assert re.search(rf"<strong class=\"statut statut--\w+\">{texte}</strong>", html)


def test_event_page_shows_status_and_registration(client, agenda):
    annule = EvenementPageFactory(parent=agenda, statut="annule")
    html = get(client, annule.url).content.decode()
    assert "Statut : Annulé." in html
    sur_le_site = EvenementPageFactory(parent=agenda, inscription="sur_le_site")
    html = get(client, sur_le_site.url).content.decode()
    assert "S'inscrire sur cette page" in html and 'id="inscription"' in html
    assert "Ajouter à mon agenda" in html
    externe = EvenementPageFactory(parent=agenda, inscription="lien_externe", lien_inscription="https://exemple.fr/i")
    assert 'href="https://exemple.fr/i"' in get(client, externe.url).content.decode()
    passe = EvenementPageFactory(parent=agenda, debut=paris(2025, 1, 1, 9), fin=paris(2025, 1, 1, 10),
                                 inscription="sur_le_site")
    html = get(client, passe.url).content.decode()
    assert "Cet événement est terminé." in html and "Ajouter à mon agenda" not in html


def test_query_count_does_not_grow_with_the_number_of_events(client, agenda):
    thematique = ThematiqueFactory(nom="Eau test")
    partenaire = PartenaireFactory(nom="Partenaire test")

    # Two upcoming events, the rest past: page 1 always shows both sections (one slice query each).
    def creer(n, nb_a_venir):
        for i in range(n):
            a_venir = i < nb_a_venir
            annee = 2027 if a_venir else 2025 - i % 3
            evenement = EvenementPageFactory(parent=agenda, debut=paris(annee, 1 + i % 12, 1 + i % 27, 9),
                                             fin=paris(annee, 1 + i % 12, 1 + i % 27, 12))
            evenement.thematiques.add(thematique)
            evenement.partenaires.add(partenaire)
            evenement.save()

    def mesurer():
        get(client, agenda.url)  # warm-up: site root paths, settings
        return count_queries(lambda: get(client, agenda.url))

    creer(5, nb_a_venir=2)
    avec_5 = mesurer()
    creer(25, nb_a_venir=0)
    avec_30 = mesurer()
    assert avec_5 == avec_30, (avec_5, avec_30)
    # Once its index and cards are cached (per generation), the page itself costs no query: these are the
    # routing's and the page's own.
    assert avec_30 <= 4
