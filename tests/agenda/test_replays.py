"""Replays of past webinars: display on the event page, « Webinaires en replay » listing, JSON-LD VideoObject.

Embeds go through site_collectivites.blocks.embeds.LocalEmbedFinder in the test settings: no network.
"""

import json
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from agenda import services
from agenda.models import ReplayIndexPage
from site_collectivites.demo.utils import stream
from tests.agenda.factories import EvenementPageFactory, paris
from tests.factories import PartenaireFactory, ThematiqueFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
NOW = paris(2026, 11, 23, 10, 0)
VIDEO = "https://video.example.org/w/replay"


def webinaire(agenda, **kwargs):
    valeurs = dict(type_evenement="webinaire", mode="en_ligne", lieu_nom="", debut=paris(2025, 3, 13, 11),
                   fin=paris(2025, 3, 13, 12), replay_video=VIDEO, replay_duree=58,
                   replay_transcription="<p>Bonjour à toutes et à tous.</p>")
    valeurs.update(kwargs)
    return EvenementPageFactory(parent=agenda, **valeurs)


@pytest.fixture
def page_replays(home):
    page = ReplayIndexPage(title="Webinaires en replay", slug="webinaires-en-replay")
    home.add_child(instance=page)
    return page


def get(client, url, **params):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_replay_rule():
    passe = EvenementPageFactory.build(type_evenement="webinaire", replay_video=VIDEO, fin=paris(2025, 1, 1, 12))
    assert services.a_un_replay(passe, NOW)
    assert not services.a_un_replay(passe, paris(2024, 12, 31))  # not over yet
    passe.replay_video = ""
    assert not services.a_un_replay(passe, NOW)
    atelier = EvenementPageFactory.build(type_evenement="atelier", replay_video=VIDEO, fin=paris(2025, 1, 1, 12))
    assert not services.a_un_replay(atelier, NOW)


def test_a_video_needs_a_transcript_and_a_webinar():
    evenement = EvenementPageFactory.build(type_evenement="atelier", replay_video=VIDEO, replay_transcription="")
    with pytest.raises(ValidationError) as erreur:
        evenement.clean()
    assert {"replay_video", "replay_transcription"} <= set(erreur.value.message_dict)


def test_event_page_shows_the_replay(client, agenda):
    from wagtail.documents.models import Document
    from django.core.files.base import ContentFile

    document = Document(title="Diaporama du webinaire")
    document.file.save("diaporama.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    evenement = webinaire(agenda, replay_supports=stream(("document", document.pk)))
    html = get(client, evenement.url).content.decode()
    assert "Revoir le webinaire" in html
    assert f'<iframe title="Vidéo" src="{VIDEO}"' in html  # local finder, no network
    assert f'<a href="{VIDEO}" rel="noopener">Voir le replay' in html  # plain link fallback
    assert "Transcription du webinaire" in html and "Bonjour à toutes et à tous." in html
    assert "Durée : 58 min" in html
    assert "Diaporama du webinaire" in html

    donnees = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    video = donnees["recordedIn"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == VIDEO and video["duration"] == "PT58M"
    assert video["transcript"] == "Bonjour à toutes et à tous."


def test_no_replay_before_the_end(client, agenda):
    futur = webinaire(agenda, debut=paris(2027, 1, 1, 11), fin=paris(2027, 1, 1, 12))
    html = get(client, futur.url).content.decode()
    assert "Revoir le webinaire" not in html
    assert "recordedIn" not in html


def test_listing_and_filters(client, agenda, page_replays):
    eau = ThematiqueFactory(nom="Eau test")
    caue = PartenaireFactory(nom="CAUE test")
    cible = webinaire(agenda, title="Avec CAUE")
    cible.thematiques.add(eau)
    cible.partenaires.add(caue)
    cible.save()
    webinaire(agenda, title="Sans thème", debut=paris(2025, 5, 1, 11), fin=paris(2025, 5, 1, 12))
    webinaire(agenda, title="Sans vidéo", replay_video="")
    webinaire(agenda, title="À venir", debut=paris(2027, 1, 1, 11), fin=paris(2027, 1, 1, 12))
    EvenementPageFactory(parent=agenda, title="Atelier", debut=paris(2025, 1, 1, 9), fin=paris(2025, 1, 1, 10))

    def titres(**params):
        html = get(client, page_replays.url, **params).content.decode()
        return re.findall(r'class="evenement__titre"><a href="[^"]+">([^<]+)</a>', html)

    assert titres() == ["Sans thème", "Avec CAUE"]
    assert titres(thematique=eau.slug) == ["Avec CAUE"]
    assert titres(partenaire=caue.slug) == ["Avec CAUE"]
    html = get(client, page_replays.url, partenaire=caue.slug).content.decode()
    assert "noindex, follow" in html and "durée 58 min" in html
    # The agenda links to the replays.
    assert "Voir les webinaires en replay" in get(client, agenda.url).content.decode()


def test_listing_query_count(client, agenda, page_replays):
    eau = ThematiqueFactory(nom="Eau test")
    caue = PartenaireFactory(nom="CAUE test")

    def creer(n):
        for _ in range(n):
            evenement = webinaire(agenda)
            evenement.thematiques.add(eau)
            evenement.partenaires.add(caue)
            evenement.save()

    def mesurer():
        get(client, page_replays.url)
        return count_queries(lambda: get(client, page_replays.url))

    creer(5)
    avec_5 = mesurer()
    creer(25)
    assert mesurer() == avec_5
