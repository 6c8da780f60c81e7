"""The large dataset command (manage.py generer_volume): pages created in bulk are real pages of the tree,
served, listed and found by search, and demandes get each year's next references."""

from django.core.management import call_command
from wagtail.models import Page

from agenda.models import ActualitePage, EvenementPage
from demandes.models import Demande
from newsletter.models import Abonne
from offres.models import AidePage, OffrePage, RealisationPage
from tests.factories import PartenaireFactory, ThematiqueFactory
from tests.offres.factories import OffreIndexPageFactory, offre
from tests.test_budgets_requetes import _actualite, _aide, _evenement, _realisation


def test_generated_pages_are_live_in_the_tree_listed_and_found(client, home):
    thematique, partenaire = ThematiqueFactory(nom="Énergie"), PartenaireFactory()
    catalogue = OffreIndexPageFactory(parent=home)
    offre(catalogue, "Conseil en énergie", partenaire, [thematique])
    for exemple in (_aide, _evenement, _actualite, _realisation):  # one page of each type, under its index
        exemple(home)

    call_command("generer_volume", offres=30, aides=5, evenements=5, actualites=5, realisations=5,
                 demandes=40, abonnes=20, stdout=open("/dev/null", "w"))

    assert [m.objects.live().count() for m in (OffrePage, AidePage, EvenementPage, ActualitePage, RealisationPage)] \
        == [31, 6, 6, 6, 6]
    catalogue.refresh_from_db()
    assert catalogue.numchild == 31 == catalogue.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths and numchild consistent
    nouvelle = OffrePage.objects.get(slug="vol-offrepage-30")
    assert nouvelle.url_path.endswith("/vol-offrepage-30/") and nouvelle.thematiques.exists()
    assert client.get(nouvelle.url).status_code == 200
    resultats = client.get("/recherche/", {"q": nouvelle.title.split(" (")[0]}).context["resultats"]
    assert resultats.paginator.count >= 1
    # A page added afterwards by an editor goes after the generated ones, without a path collision.
    ajoutee = offre(catalogue, "Ajoutée ensuite", partenaire, [thematique])
    assert ajoutee.path > nouvelle.path
    references = list(Demande.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 40
    assert Abonne.objects.count() == 20
