"""What a person reads on the search page (#19 item 3): its <title> names the search and its words, and each
result says its kind and gives a short excerpt, on PostgreSQL's path and on Wagtail's own (SQLite, other queries)."""

from html import unescape

import pytest

from tests.agenda.factories import ActualiteIndexPageFactory, ActualitePageFactory, AgendaIndexPageFactory, \
    EvenementPageFactory
from tests.factories import StandardPageFactory
from tests.offres.factories import AideIndexPageFactory, aide


@pytest.fixture
def pages(home):
    StandardPageFactory(parent=home, title="Éclairage public : la page", slug="eclairage-page",
                        intro="<p>Tout savoir sur <b>l'éclairage public</b> des communes rurales.</p>")
    ActualitePageFactory(parent=ActualiteIndexPageFactory(parent=home), title="Éclairage public à Saillans",
                         resume="La commune a remplacé ses 120 lampadaires par des LED. " + "mot " * 60)
    EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Webinaire éclairage public",
                         resume="Une heure pour comprendre les aides à la rénovation de l'éclairage.",
                         search_description="Le webinaire du SDED sur l'éclairage public, en replay.")
    aide(AideIndexPageFactory(parent=home), "Fonds éclairage public", [])
    return home


def resultats(client, **parametres):
    reponse = client.get("/recherche/", parametres)
    html = unescape(reponse.content.decode())
    titre = html.split("<title>", 1)[1].split("</title>", 1)[0]
    liste = html.split('<ol class="resultats"', 1)[1].split("</ol>", 1)[0] if '<ol class="resultats"' in html else ""
    return titre, liste


def test_the_title_names_the_search_and_its_words(client, pages):
    titre, _ = resultats(client, q="éclairage public")
    assert titre.startswith("Recherche : « éclairage public » – ")
    assert resultats(client)[0].startswith("Rechercher sur le site – ")


@pytest.mark.parametrize("chemin_wagtail", [False, True], ids=["postgresql", "recherche-de-wagtail"])
def test_each_result_says_its_kind_and_gives_an_excerpt(client, pages, chemin_wagtail, monkeypatch):
    if chemin_wagtail:
        monkeypatch.setattr("portail.recherche._sur_postgresql", lambda resultats: False)
    _, liste = resultats(client, q="éclairage public")
    blocs = {bloc.split("</h3>")[0].split(">")[-2].split("<")[0]: bloc for bloc in liste.split("<li>")[1:]}
    assert set(blocs) == {"Éclairage public : la page", "Éclairage public à Saillans", "Webinaire éclairage public",
                          "Fonds éclairage public"}
    assert ">Page<" in blocs["Éclairage public : la page"]
    assert "Tout savoir sur l'éclairage public des communes rurales." in blocs["Éclairage public : la page"]
    assert ">Actualité<" in blocs["Éclairage public à Saillans"]
    extrait = blocs["Éclairage public à Saillans"].split("</h3>")[1]
    assert "La commune a remplacé ses 120 lampadaires par des LED." in extrait and extrait.count("mot") < 30
    assert " …" in extrait
    assert ">Événement<" in blocs["Webinaire éclairage public"]
    assert "Le webinaire du SDED sur l'éclairage public, en replay." in blocs["Webinaire éclairage public"]
    assert ">Aide financière<" in blocs["Fonds éclairage public"]
    assert "<b>" not in liste  # text, never the summary's markup
