"""The « Données personnelles » page shows the register generated from the code and the retention settings;
docs/donnees-personnelles.md carries the same table."""

import html

from django.conf import settings

from site_collectivites.demo.utils import stream
from site_collectivites.exploitation.registre import document_a_jour
from tests.factories import StandardPageFactory


def test_the_page_shows_the_register_with_the_configured_durations(client, home, settings):
    page = StandardPageFactory(parent=home, title="Données personnelles", slug="donnees-personnelles")
    page.corps = stream(("registre_traitements", None))
    page.save_revision().publish()

    contenu = html.unescape(client.get(page.url).content.decode())
    assert "<caption>Registre des traitements de données personnelles du site</caption>" in contenu
    assert "Demandes d'accompagnement" in contenu and "3 ans après la clôture de la demande" in contenu
    assert "3 mois après l'événement" in contenu

    # The page follows the settings that the retention commands apply.
    settings.DEMANDES_CONSERVATION_JOURS = 730
    contenu = html.unescape(client.get(page.url).content.decode())
    assert "2 ans après la clôture de la demande" in contenu


def test_the_documentation_carries_the_same_register():
    document = (settings.BASE_DIR / "docs" / "donnees-personnelles.md").read_text()
    assert document == document_a_jour(document), (
        "docs/donnees-personnelles.md diffère du registre : lancez manage.py registre_donnees --ecrire"
    )
