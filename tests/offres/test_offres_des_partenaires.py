"""Partners edit their own offers (#20 item 5), with the permission matrix: a partner's agent creates and edits
its own partner's offers and record, submitted to moderation; never another partner's, never the catalogue or the
partners' page; editors keep their rights."""

import io

import pytest
from django.core.exceptions import ValidationError

from offres.models import OffreIndexPage, OffrePage, PartenaireIndexPage
from site_collectivites.squelette.socle import construire
from site_collectivites.taxonomie.models import Partenaire
from tests.demandes.factories import compte
from tests.offres.factories import OffrePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):
    construire(io.StringIO())  # the catalogue, the partners, and the agents' page permissions (initialiser_site)
    index = OffreIndexPage.objects.get()
    sded, caue = Partenaire.objects.get(slug="sded"), Partenaire.objects.get(slug="caue")
    return {
        "index": index, "sded": sded, "caue": caue,
        "offre_sded": OffrePageFactory(parent=index, partenaire=sded, title="Conseil en énergie"),
        "offre_caue": OffrePageFactory(parent=index, partenaire=caue, title="Conseil en architecture"),
        "agent": compte("agent_sded", "Agents des partenaires", sded),
        "redactrice": compte("redactrice", "Rédacteurs"),
    }


def test_what_wagtail_lets_an_agent_do_on_each_page(catalogue):
    agent = catalogue["agent"]
    propre, autre = catalogue["offre_sded"].permissions_for_user(agent), catalogue["offre_caue"].permissions_for_user(agent)
    assert propre.can_edit() and not propre.can_publish() and not propre.can_delete()
    assert not autre.can_edit() and not autre.can_publish() and not autre.can_delete()
    index = catalogue["index"].permissions_for_user(agent)
    assert index.can_add_subpage() and not index.can_edit() and not index.can_publish()
    assert not PartenaireIndexPage.objects.get().permissions_for_user(agent).can_edit()
    # An editor's rights are untouched.
    assert catalogue["offre_caue"].permissions_for_user(catalogue["redactrice"]).can_edit()


def test_the_agent_edits_its_own_offer_only(client, catalogue):
    client.force_login(catalogue["agent"])
    assert client.get(f"/admin/pages/{catalogue['offre_sded'].pk}/edit/").status_code == 200
    refus = client.get(f"/admin/pages/{catalogue['offre_caue'].pk}/edit/")
    assert refus.status_code in (302, 403) and "Conseil en architecture" not in refus.content.decode()
    assert client.get(f"/admin/pages/{catalogue['index'].pk}/edit/").status_code in (302, 403)
    client.force_login(catalogue["redactrice"])
    assert client.get(f"/admin/pages/{catalogue['offre_caue'].pk}/edit/").status_code == 200


def test_a_new_offer_is_written_for_the_agents_own_partner(client, catalogue):
    agent = catalogue["agent"]
    client.force_login(agent)
    creation = client.get(f"/admin/pages/add/offres/offrepage/{catalogue['index'].pk}/")
    assert creation.status_code == 200
    assert list(creation.context["form"].fields["partenaire"].queryset) == [catalogue["sded"]]
    # A forged POST naming another partner: the field's own choices refuse it, and its cleaning too.
    formulaire = OffrePage.get_edit_handler().get_form_class()(
        instance=OffrePage(), parent_page=catalogue["index"], for_user=agent)
    formulaire.cleaned_data = {"partenaire": catalogue["caue"]}
    with pytest.raises(ValidationError, match="Vous ne pouvez rédiger que les offres de SDED."):
        formulaire.clean_partenaire()
    assert not formulaire.fields["partenaire"].queryset.filter(pk=catalogue["caue"].pk).exists()


def test_the_agent_edits_its_partners_record_only(client, catalogue):
    client.force_login(catalogue["agent"])
    assert client.get(f"/admin/snippets/taxonomie/partenaire/edit/{catalogue['sded'].pk}/").status_code == 200
    assert client.get(f"/admin/snippets/taxonomie/partenaire/edit/{catalogue['caue'].pk}/").status_code in (302, 403)
