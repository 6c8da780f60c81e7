"""The request form embedded in any page through the « formulaire intégré » block."""

import html
import re

import pytest
from django.core.exceptions import ValidationError

from site_collectivites.blocks import FormulaireIntegreBlock
from site_collectivites.demo.utils import stream
from tests.factories import StandardPageFactory


@pytest.fixture
def page_hote(home, page_demande):
    page = StandardPageFactory(parent=home, title="Rénover son école", slug="renover-son-ecole")
    page.corps = stream(("formulaire", {"titre": "Parlez-nous de votre projet", "page": page_demande.pk}))
    page.save_revision().publish()
    return page


def test_the_form_shows_in_a_standard_page_and_posts_to_its_own_page(client, page_hote, page_demande, referentiel):
    reponse = client.get(page_hote.url + "?thematique=energie")
    contenu = html.unescape(reponse.content.decode())
    assert "Parlez-nous de votre projet" in contenu
    assert f'action="{page_demande.url}"' in contenu
    assert 'name="titre"' in contenu and 'name="csrfmiddlewaretoken"' in contenu
    # Pre-filled from the host page's query string, like the form's own page.
    cases = {int(m.group(1)): "checked" in m.group(0)
             for m in re.finditer(r'<input type="checkbox" name="thematiques" value="(\d+)"[^>]*>', contenu)}
    assert cases == {referentiel["energie"].pk: True, referentiel["habitat"].pk: False}


def test_an_embedded_submission_is_answered_by_the_form_page(client, page_hote, page_demande, territoire, referentiel):
    from tests.demandes.conftest import donnees_valides

    reponse = client.post(page_demande.url, donnees_valides(territoire, referentiel, titre=""))
    assert "Donnez un titre à votre projet." in html.unescape(reponse.content.decode())


def test_only_a_page_with_a_form_can_be_chosen(home, page_demande):
    bloc = FormulaireIntegreBlock()
    with pytest.raises(ValidationError):
        bloc.clean(bloc.to_python({"titre": "", "page": home.pk}))
    assert bloc.clean(bloc.to_python({"titre": "", "page": page_demande.pk}))["page"].pk == page_demande.pk


def test_an_unpublished_form_page_shows_nothing(client, page_hote, page_demande):
    page_demande.unpublish()
    contenu = client.get(page_hote.url).content.decode()
    assert "Parlez-nous de votre projet" not in contenu and 'name="titre"' not in contenu
