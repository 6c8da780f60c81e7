import pytest

from tests.newsletter.factories import NewsletterIndexPageFactory, NewsletterPageFactory


@pytest.fixture
def index_lettre(home):
    return NewsletterIndexPageFactory(parent=home)


@pytest.fixture
def lettre(index_lettre):
    return NewsletterPageFactory(parent=index_lettre, title="Lettre de novembre 2026")


@pytest.fixture
def superuser_client(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "motdepasse-tres-long-42")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _apres_commit_immediat(monkeypatch):
    """The tests run inside a transaction that never commits: run the "after commit" callbacks (e-mails, sends)
    at once, as the immediate task backend does after a real commit."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda fonction, using=None, robust=False: fonction())
