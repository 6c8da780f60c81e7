"""One-of-a-kind pages (docs/architecture.md, « Page tree »): once the site has one, the admin no longer offers
to create another, to a moderator or a superuser, under the home page or anywhere else."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.agenda.factories import ActualiteIndexPageFactory, AgendaIndexPageFactory
from tests.demandes.factories import DemandeFormPageFactory
from tests.factories import StandardPageFactory
from tests.offres.factories import AideIndexPageFactory, OffreIndexPageFactory, RealisationIndexPageFactory

pytestmark = pytest.mark.django_db

UNIQUES = {
    ("agenda", "agendaindexpage"): AgendaIndexPageFactory,
    ("agenda", "actualiteindexpage"): ActualiteIndexPageFactory,
    ("demandes", "demandeformpage"): DemandeFormPageFactory,
    ("offres", "offreindexpage"): OffreIndexPageFactory,
    ("offres", "aideindexpage"): AideIndexPageFactory,
    ("offres", "realisationindexpage"): RealisationIndexPageFactory,
}


def moderateur():
    user = User.objects.create_user("moderatrice", "moderatrice@example.org", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def superutilisateur():
    return User.objects.create_superuser("admin", "admin@example.org", "mot-de-passe-de-test")


def types_proposes(client, parent):
    """The page types of the « Ajouter une sous-page » list, as (app, model) pairs."""
    reponse = client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
    assert reponse.status_code == 200
    html = reponse.content.decode()
    return {(app, modele) for app, modele in UNIQUES if f"/admin/pages/add/{app}/{modele}/{parent.pk}/" in html}


@pytest.mark.parametrize("compte", [moderateur, superutilisateur])
def test_a_one_of_a_kind_page_is_offered_until_the_site_has_one(client, home, compte):
    client.force_login(compte())
    assert types_proposes(client, home) == set(UNIQUES)  # an empty site: each can be created
    for fabrique in UNIQUES.values():
        fabrique(parent=home)
    rubrique = StandardPageFactory(parent=home, title="Ressources")
    assert types_proposes(client, home) == set()
    assert types_proposes(client, rubrique) == set()
    for app, modele in UNIQUES:  # typing the address of the form does not get round the list: Wagtail refuses
        reponse = client.get(reverse("wagtailadmin_pages:add", args=[app, modele, home.pk]), follow=True)
        assert reponse.redirect_chain == [("/admin/", 302)], modele
        assert "vous n&#x27;avez pas les autorisations pour accéder à cette zone" in reponse.content.decode(), modele
