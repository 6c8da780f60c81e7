"""Public pages: the archive with the full form, an issue's web version with its "latest content" taken since
the previous issue, the footer's form on every page, the subscription block; query counts bounded."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import ActualitePage
from newsletter.models import Envoi
from site_collectivites.models import ParametresSite, StandardPage
from tests.agenda.factories import ActualiteIndexPageFactory, ActualitePageFactory
from tests.newsletter.factories import NewsletterPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

PARIS = timezone.get_default_timezone()


def _publiee_le(page, moment):
    ActualitePage.objects.filter(pk=page.pk).update(first_published_at=moment)


def test_archive_lists_issues_and_has_the_full_form(client, index_lettre):
    from tests.factories import ThematiqueFactory

    ThematiqueFactory(nom="Habitat")
    NewsletterPageFactory(parent=index_lettre, title="Lettre d'octobre", date_lettre=datetime.date(2026, 10, 15))
    NewsletterPageFactory(parent=index_lettre, title="Lettre de novembre", date_lettre=datetime.date(2026, 11, 15))
    html = client.get(index_lettre.url).content.decode()
    assert html.index("Lettre de novembre") < html.index("Lettre d&#x27;octobre")
    assert 'action="/lettre/inscription/"' in html and 'name="thematiques"' in html
    assert "ne servent qu&#x27;à cet envoi" in html or "ne servent qu'à cet envoi" in html


def test_issue_shows_what_was_published_since_the_previous_issue(client, home, index_lettre):
    actualites = ActualiteIndexPageFactory(parent=home)
    avant = ActualitePageFactory(parent=actualites, title="Publiée avant la lettre précédente")
    pendant = ActualitePageFactory(parent=actualites, title="Chantier de la RD 93 terminé")
    _publiee_le(avant, datetime.datetime(2026, 10, 1, tzinfo=PARIS))
    _publiee_le(pendant, datetime.datetime(2026, 11, 3, tzinfo=PARIS))
    precedente = NewsletterPageFactory(parent=index_lettre, date_lettre=datetime.date(2026, 10, 15))
    Envoi.objects.create(lettre=precedente, cree_le=datetime.datetime(2026, 10, 15, 10, tzinfo=PARIS))
    lettre = NewsletterPageFactory(parent=index_lettre, date_lettre=datetime.date(2026, 11, 15), corps=[
        {"type": "derniers_contenus", "value": {"titre": "Les actualités du mois", "nature": "actualites", "nombre": 5}},
        {"type": "derniers_contenus", "value": {"titre": "Les réalisations", "nature": "realisations", "nombre": 5}},
    ])
    html = client.get(lettre.url).content.decode()
    assert "Les actualités du mois" in html and "Chantier de la RD 93 terminé" in html
    assert "Publiée avant la lettre précédente" not in html
    assert "Les réalisations" not in html  # an empty section is left out


def test_footer_form_on_every_page_and_subscription_block(client, home, index_lettre):
    parametres = ParametresSite.for_site(home.get_site())
    parametres.page_lettre = index_lettre
    parametres.save()
    page = StandardPage(title="Données personnelles", slug="donnees", corps=[
        {"type": "abonnement_lettre", "value": {"titre": "Recevoir la lettre", "texte": "Une lettre par mois."}}])
    home.add_child(instance=page)
    html = client.get(page.url).content.decode()
    assert html.count('action="/lettre/inscription/"') == 2
    assert 'id="pied-lettre-email"' in html and 'id="bloc-lettre-email"' in html
    # No CSRF token: the form posts to a CSRF-exempt view, so the page is the same for everyone (cacheable).
    assert 'name="csrfmiddlewaretoken"' not in html and f'value="{page.url}"' in html
    client.post("/lettre/inscription/", {"email": "pied@commune.example", "origine": page.url})
    from newsletter.models import Abonne

    assert Abonne.objects.get().preuves.get().page_origine == page.url


def test_query_counts_do_not_grow_with_content(client, home, index_lettre):
    actualites = ActualiteIndexPageFactory(parent=home)
    lettre = NewsletterPageFactory(parent=index_lettre, date_lettre=timezone.localdate(), corps=[
        {"type": "derniers_contenus", "value": {"titre": "Actualités", "nature": "actualites", "nombre": 12}}])
    for i in range(2):
        ActualitePageFactory(parent=actualites)
        NewsletterPageFactory(parent=index_lettre, date_lettre=datetime.date(2025, 1, 1 + i))
    client.get(lettre.url)
    peu = (count_queries(lambda: client.get(index_lettre.url)), count_queries(lambda: client.get(lettre.url)))
    for i in range(10):
        ActualitePageFactory(parent=actualites)
        NewsletterPageFactory(parent=index_lettre, date_lettre=datetime.date(2025, 2, 1 + i))
    client.get(lettre.url)  # publishing refreshed the menus and footer kept between renders (navigation.py)
    beaucoup = (count_queries(lambda: client.get(index_lettre.url)), count_queries(lambda: client.get(lettre.url)))
    assert beaucoup == peu
    assert peu[0] <= 20 and peu[1] <= 20
    assert count_queries(lambda: client.get(reverse("newsletter:inscrire"))) <= 12


def test_personal_pages_query_counts_are_bounded(client, home):
    from newsletter import jetons
    from tests.factories import ThematiqueFactory
    from tests.newsletter.factories import AbonneFactory

    abonne = AbonneFactory()
    en_attente = AbonneFactory(statut="en_attente", jeton_confirmation="nonce")

    def compter():
        return [count_queries(lambda url=url: client.get(url)) for url in (
            reverse("newsletter:preferences", args=[abonne.jeton]),
            reverse("newsletter:desabonner", args=[abonne.jeton]),
            reverse("newsletter:renouveler", args=[abonne.jeton]),
            reverse("newsletter:confirmer", args=[jetons.jeton_confirmation(en_attente)]),
        )]

    ThematiqueFactory(nom="Énergie")
    abonne.thematiques.set([ThematiqueFactory(nom="Habitat")])
    compter()  # warm: site root paths and settings are cached after the first request
    peu = compter()
    themes = [ThematiqueFactory(nom=f"Thème {i}") for i in range(7)]
    abonne.thematiques.add(*themes)
    compter()  # new thématiques refreshed the menus and footer kept between renders (navigation.py)
    assert compter() == peu
    assert max(peu) <= 12
