"""The demo site, loaded once per module inside a transaction that is rolled back after it.

The robustness and injection tests hit every public page type: the demo content has one of each, and
loading it (the session's snapshot, tests/instantanes.py) is too slow for every test. The module's transaction
wraps each test's own (pytest-django nests it as a savepoint), so every test starts from the same demo content.
"""

from types import SimpleNamespace

import pytest

from tests.instantanes import demo_en_transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The URLs and objects of the demo site the tests need."""
    from agenda import inscriptions
    from agenda.models import AgendaIndexPage, ActualiteIndexPage, EvenementPage, ReplayIndexPage
    from demandes.bilan.models import BilanPage
    from demandes.models import DemandeFormPage
    from newsletter.models import Abonne, NewsletterIndexPage, StatutAbonne
    from offres.models import AideIndexPage, OffreIndexPage, RealisationIndexPage
    from site_collectivites.territoire.models import Canton

    with django_db_blocker.unblock(), demo_en_transaction():
        evenement = next(
            e for e in EvenementPage.objects.live().order_by("path") if inscriptions.inscriptions_ouvertes(e)
        )
        abonne = Abonne.objects.create(email="abonne.robustesse@example.org", statut=StatutAbonne.CONFIRME)

        def url(modele):
            return modele.objects.live().order_by("path").first().url

        bilan = BilanPage.objects.live().first()
        yield SimpleNamespace(
            catalogue=url(OffreIndexPage), aides=url(AideIndexPage), realisations=url(RealisationIndexPage),
            agenda=url(AgendaIndexPage), actualites=url(ActualiteIndexPage), replays=url(ReplayIndexPage),
            lettres=url(NewsletterIndexPage), bilan=bilan.url,
            bilan_canton=bilan.url_route("canton", slug=Canton.objects.order_by("code").first().slug),
            demande=url(DemandeFormPage), evenement=evenement, abonne=abonne,
        )
