"""Read-only territory listing in the Wagtail admin (menu "Territoire")."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from site_collectivites.territoire.models import Canton, Commune, Epci
from tests.utils import max_queries

LISTE_COMMUNES = reverse("territoire_communes:index")


def tableau(response):
    """The listing table only (the filter form also lists EPCI and canton names)."""
    html = response.content.decode()
    debut = html.index('class="listing')
    return html[debut : html.index("</table>", debut)]


@pytest.mark.django_db
def test_liste_des_communes_pour_un_superutilisateur(territoire, admin_client):
    with max_queries(20):  # 50 communes on the page: no query per row (EPCI joined, cantons prefetched)
        response = admin_client.get(LISTE_COMMUNES)
    assert response.status_code == 200
    html = response.content.decode()
    assert "362" in html  # result count
    for entete in ("Nom", "Code INSEE", "Population municipale", "EPCI", "Cantons"):
        assert entete in html
    # Read-only: no add / edit / delete / copy link.
    assert reverse("territoire_communes:add") not in html
    assert "/territoire/communes/edit/" not in html
    assert "/territoire/communes/delete/" not in html


@pytest.mark.django_db
def test_recherche_et_filtres(territoire, admin_client):
    html = tableau(admin_client.get(LISTE_COMMUNES, {"q": "valence"}))
    assert "Valence-1 (2615), Valence-2 (2616), Valence-3 (2617), Valence-4 (2618)" in html
    assert "Bourg-lès-Valence" in html
    assert "Montélimar" not in html

    html = tableau(admin_client.get(LISTE_COMMUNES, {"q": "26198"}))
    assert "Montélimar-1 (2608), Montélimar-2 (2609)" in html
    assert "Valence" not in html

    canton = Canton.objects.get(code="2609")  # Montélimar-2
    with max_queries(20):
        response = admin_client.get(LISTE_COMMUNES, {"cantons": canton.pk})
    noms = set(canton.communes.values_list("nom", flat=True))
    assert len(noms) == 5
    html = tableau(response)
    assert all(nom in html for nom in noms)
    assert "Valence-1" not in html

    epci = Epci.objects.get(siren="242600492")  # CC Dieulefit-Bourdeaux
    html = tableau(admin_client.get(LISTE_COMMUNES, {"epci": epci.pk}))
    assert "Aleyrac" in html and "Montélimar-1" not in html


@pytest.mark.django_db
def test_fiche_commune_et_listes_cantons_epci(territoire, admin_client):
    valence = Commune.objects.get(insee="26362")
    response = admin_client.get(reverse("territoire_communes:inspect", args=[valence.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tranche de population" in html and "plus de 5 000 habitants" in html
    assert "Valence-1, Valence-2, Valence-3, Valence-4" in html

    with max_queries(15):
        response = admin_client.get(reverse("territoire_cantons:index"))
    assert response.status_code == 200
    assert "Le Diois" in response.content.decode() and "Die" in response.content.decode()
    with max_queries(15):
        response = admin_client.get(reverse("territoire_epci:index"))
    assert response.status_code == 200
    assert "CA Valence Romans Agglo" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("vue", ["add", "edit", "delete"])
def test_aucune_modification_possible_meme_superutilisateur(territoire, admin_client, vue):
    commune = Commune.objects.get(insee="26362")
    url = reverse(f"territoire_communes:{vue}", args=[] if vue == "add" else [commune.pk])

    response = admin_client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")  # Wagtail's "permission denied"

    response = admin_client.post(url, {"nom": "Piratée", "insee": "26998"})
    assert response.status_code in (302, 403)
    assert Commune.objects.get(pk=commune.pk).nom == "Valence"
    assert Commune.objects.count() == 362


@pytest.mark.django_db
def test_anonyme_renvoye_vers_la_connexion(territoire, client):
    response = client.get(LISTE_COMMUNES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_lecture_avec_la_seule_permission_view(territoire, django_user_model, client):
    lecteurs = Group.objects.create(name="Lecteurs du territoire")
    lecteurs.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="territoire", codename="view_commune"),
    )
    agent = django_user_model.objects.create_user(username="agent", password="x")
    agent.groups.add(lecteurs)
    client.force_login(agent)

    assert client.get(LISTE_COMMUNES).status_code == 200
    assert client.get(reverse("territoire_cantons:index")).status_code == 302  # no view_canton
    commune = Commune.objects.get(insee="26001")
    assert client.get(reverse("territoire_communes:edit", args=[commune.pk])).status_code == 302
