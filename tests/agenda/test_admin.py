"""The admin forms of the agenda's pages render (panels, choosers, replay panel) for an editor."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.agenda.factories import ActualitePageFactory, EvenementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "motdepasse-tres-long-42")
    client.force_login(user)
    return client


def test_add_and_edit_forms(admin_client, agenda, actualites):
    for parent, modele in [(agenda, "evenementpage"), (actualites, "actualitepage")]:
        url = reverse("wagtailadmin_pages:add", args=["agenda", modele, parent.pk])
        assert admin_client.get(url).status_code == 200
    evenement = EvenementPageFactory(parent=agenda)
    actualite = ActualitePageFactory(parent=actualites)
    for page in (evenement, actualite, agenda, actualites):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[evenement.pk])).content.decode()
    assert "Replay (webinaire passé)" in html and "Inscription" in html


def test_preview_of_a_new_event_and_news_item(agenda, actualites):
    """Wagtail previews an unsaved page (no pk): the templates must not need one."""
    from agenda.models import ActualitePage, EvenementPage
    from tests.agenda.factories import paris

    for parent, page in [
        (agenda, EvenementPage(title="Nouveau", slug="nouveau", debut=paris(2027, 1, 5, 9), fin=paris(2027, 1, 5, 12),
                               lieu_nom="Mairie")),
        (actualites, ActualitePage(title="Nouvelle", slug="nouvelle", resume="Résumé.")),
    ]:
        page.depth = parent.depth + 1
        page.path = page._get_path(parent.path, page.depth, parent.numchild + 1)
        page.set_url_path(parent)
        response = page.make_preview_request()
        assert response.status_code == 200
        assert page.title in response.content.decode()
