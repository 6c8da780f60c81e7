"""`manage.py initialiser_site`: the Département's site without demo content, from an empty migrated database,
and a second run after editors worked that changes nothing of theirs."""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site
from wagtail.search.models import IndexEntry

from agenda.models import ActualiteIndexPage, AgendaIndexPage, ReplayIndexPage
from demandes.bilan.models import BilanPage
from demandes.models import DemandeFormPage
from newsletter.models import NewsletterIndexPage
from offres.models import AideIndexPage, Beneficiaire, OffreIndexPage, PartenaireIndexPage, RealisationIndexPage
from site_collectivites.models import HomePage, Navigation, ParametresSite, PlanDuSitePage, StandardPage
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

pytestmark = pytest.mark.django_db

# What a reader must never see on a real site: placeholder Latin, a note about a demo, a reserved test domain.
INTERDITS = re.compile(r"lorem|ipsum|démonstration|inventé|fictif|example\.(org|com)|TODO|XXX", re.IGNORECASE)


def initialiser():
    sortie = io.StringIO()
    call_command("initialiser_site", stdout=sortie)
    return sortie.getvalue()


class Texte(HTMLParser):
    """The text a person reads in a page (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.morceaux, self._cache = [], 0

    def handle_starttag(self, balise, attributs):
        self._cache += balise in ("script", "style")

    def handle_endtag(self, balise):
        self._cache -= balise in ("script", "style")

    def handle_data(self, donnees):
        if not self._cache:
            self.morceaux.append(donnees)


def texte_lu(html):
    lecteur = Texte()
    lecteur.feed(html)
    return " ".join(" ".join(lecteur.morceaux).split())


def arbre():
    """{title: model class name} of the pages under the home page, with their depth below it."""
    accueil = HomePage.objects.get()
    return {(p.depth - accueil.depth, p.title, type(p.specific).__name__) for p in accueil.get_descendants()}


def test_an_empty_database_becomes_the_departements_site(client):
    sortie = initialiser()
    assert "Site : testserver:80, 17 pages publiées, 9 thématiques" in sortie

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page.specific_class) == ("testserver", 80, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()  # Wagtail's welcome page
    assert arbre() == {
        (1, "L'offre d'ingénierie", "OffreIndexPage"), (2, "Les partenaires", "PartenaireIndexPage"),
        (1, "Aides financières", "AideIndexPage"), (1, "Réalisations", "RealisationIndexPage"),
        (1, "Ressources", "StandardPage"), (2, "Webinaires en replay", "ReplayIndexPage"),
        (1, "Agenda", "AgendaIndexPage"), (1, "Actualités", "ActualiteIndexPage"),
        (1, "Faire une demande d'accompagnement", "DemandeFormPage"),
        (1, "Bilan de l'ingénierie publique", "BilanPage"), (1, "La lettre d'information", "NewsletterIndexPage"),
        (1, "Contact", "StandardPage"), (1, "Mentions légales", "StandardPage"),
        (1, "Données personnelles", "StandardPage"), (1, "Accessibilité : non conforme", "StandardPage"),
        (1, "Plan du site", "PlanDuSitePage"),
    }
    assert not Page.objects.filter(depth__gt=1).not_live().exists()

    assert (Thematique.objects.count(), TypePrestation.objects.count(), Beneficiaire.objects.count()) == (9, 4, 4)
    assert Partenaire.objects.filter(nature="direction").count() >= 6
    assert Partenaire.objects.get(slug="caue").thematiques.exists()
    assert not Thematique.objects.filter(service_referent__isnull=True).exists()

    accueil = HomePage.objects.get()
    assert accueil.page_catalogue.specific_class is OffreIndexPage
    assert accueil.page_demande.specific_class is DemandeFormPage
    navigation = Navigation.for_site(site)
    assert [(bloc.value["page"].title, bloc.value["libelle"]) for bloc in navigation.menu_principal] == [
        ("L'offre d'ingénierie", "Offres"), ("Aides financières", "Aides"), ("Réalisations", "Réalisations"),
        ("Agenda", "Agenda"), ("Actualités", "Actualités"), ("Bilan de l'ingénierie publique", "Bilan"),
        ("Faire une demande d'accompagnement", "Faire une demande")]
    assert [bloc.value["libelle"] for bloc in navigation.liens_pied_de_page] == [
        "Accessibilité : non conforme", "Mentions légales", "Données personnelles", "Plan du site", "Contact"]
    parametres = ParametresSite.for_site(site)
    assert parametres.email == "relations-collectivites@ladrome.fr" and parametres.telephone == "04 75 79 26 26"
    assert parametres.page_lettre.specific_class is NewsletterIndexPage
    contact = StandardPage.objects.get(slug="contact")
    assert [bloc.block_type for bloc in contact.corps][-1] == "formulaire"

    # Every page reads as the Département's: our home page, French texts, nothing of a demo.
    accueil_html = client.get("/").content.decode()
    assert "Un projet pour votre commune ?" in accueil_html and "Welcome to your new Wagtail site" not in accueil_html
    for page in Page.objects.filter(depth__gt=1).specific():
        reponse = client.get(page.url)
        assert reponse.status_code == 200, page.url
        texte = texte_lu(reponse.content.decode())
        assert not INTERDITS.search(texte), (page.url, INTERDITS.search(texte).group(0))
        assert (page.seo_title or page.title) in texte

    # The search index is built: a search finds a page at once, whoever runs the tasks.
    assert IndexEntry.objects.count() >= 17
    resultats = client.get("/recherche/", {"q": "mentions légales"}).content.decode()
    assert re.search(r'<ol class="resultats".*href="/mentions-legales/"', resultats, re.S)


def test_the_site_record_follows_site_url(settings):
    settings.SITE_URL = "https://collectivites.ladrome.fr"
    initialiser()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("collectivites.ladrome.fr", 443)
    assert Site.objects.count() == 1


def test_a_second_run_keeps_what_editors_made_and_creates_nothing():
    initialiser()
    agenda = AgendaIndexPage.objects.get()
    agenda.title, agenda.slug = "Les rendez-vous", "rendez-vous"
    agenda.save_revision().publish()
    contact = StandardPage.objects.get(slug="contact")
    contact.intro = "Écrivez-nous."
    contact.save_revision().publish()
    StandardPage.objects.get(slug="ressources").get_children().get().move(
        HomePage.objects.get(), pos="last-child")  # the replays moved under the home page
    navigation = Navigation.objects.get()
    bilan = BilanPage.objects.get()
    navigation.menu_principal = json.dumps([entree for entree in navigation.menu_principal.raw_data
                                            if entree["value"]["page"] != bilan.pk])
    navigation.save()
    Thematique.objects.filter(slug="energie").update(nom="Énergie et climat")
    parametres = ParametresSite.objects.get()
    parametres.telephone = "04 75 00 00 00"
    parametres.save()
    HomePage.objects.update(page_catalogue=None)  # an empty link to the catalogue is filled again
    pages, revisions = Page.objects.count(), Revision.objects.count()

    initialiser()
    assert Page.objects.count() == pages
    # Only the home page's empty link to the catalogue was filled again (one revision); the rest is untouched.
    assert Revision.objects.count() == revisions + 1
    assert AgendaIndexPage.objects.get().title == "Les rendez-vous"
    assert StandardPage.objects.get(slug="contact").intro == "Écrivez-nous."
    assert ReplayIndexPage.objects.get().get_parent().specific_class is HomePage
    assert BilanPage.objects.get().title not in [b.value["page"].title for b in Navigation.objects.get().menu_principal]
    assert Thematique.objects.get(slug="energie").nom == "Énergie et climat"
    assert ParametresSite.objects.get().telephone == "04 75 00 00 00"
    assert [(m.__name__, m.objects.count()) for m in (OffreIndexPage, PartenaireIndexPage, AideIndexPage,
                                                      RealisationIndexPage, ActualiteIndexPage, PlanDuSitePage)] == [
        (m.__name__, 1) for m in (OffreIndexPage, PartenaireIndexPage, AideIndexPage, RealisationIndexPage,
                                  ActualiteIndexPage, PlanDuSitePage)]


def test_a_database_without_the_editors_groups_is_refused():
    Group.objects.filter(name="Modérateurs").delete()
    with pytest.raises(CommandError, match="Groupes absents : Modérateurs. Lancez « manage.py migrate » d'abord."):
        initialiser()
    assert not HomePage.objects.exists()  # nothing half-built
