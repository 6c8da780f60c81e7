"""An image of the library has an alternative text: the upload forms of the admin (one image, several images,
the chooser of a page) refuse an image without it, with a French message beside the field, and explain what
to write."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

REFUS = "Décrivez l&#x27;image pour qui ne la voit pas : le texte alternatif est obligatoire."


@pytest.fixture
def redacteur(client, home):
    user = User.objects.create_user("redactrice", "redactrice@example.org", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(user)
    return user


def fichier(nom="ecole-saillans.png"):
    return SimpleUploadedFile(nom, get_test_image_file().file.getvalue(), content_type="image/png")


def test_the_upload_form_names_and_explains_the_alternative_text(client, redacteur):
    html = client.get("/admin/images/add/").content.decode()
    description = re.search(r'<input[^>]*name="description"[^>]*>', html).group(0)
    assert "required" in description
    assert '<label class="w-field__label" for="id_description"' in html
    assert re.search(r'for="id_description"[^>]*>\s*Texte alternatif', html)
    assert "lu par les lecteurs d&#x27;écran" in html and "L&#x27;image est décorative" in html


def test_an_image_without_alternative_text_is_refused_beside_the_field(client, redacteur):
    collection = Collection.get_first_root_node().pk
    reponse = client.post("/admin/images/add/", {"title": "École de Saillans", "collection": collection,
                                                  "file": fichier(), "description": "   "})
    assert reponse.status_code == 200 and not Image.objects.exists()
    html = reponse.content.decode()
    # Beside the field: in the errors of the field's own block, between its label and its input.
    erreurs = re.search(r'for="id_description"[^>]*>\s*Texte alternatif.*?data-contentpath="description">\s*'
                        r'<div class="w-field__errors"[^>]*>(.*?)</div>', html, re.S)
    assert erreurs and REFUS in erreurs.group(1)

    reponse = client.post("/admin/images/add/", {"title": "École de Saillans", "collection": collection,
                                                  "file": fichier(),
                                                  "description": "L'école de Saillans après sa rénovation"})
    assert reponse.status_code == 302
    assert Image.objects.get().description == "L'école de Saillans après sa rénovation"


def test_a_file_name_is_not_an_alternative_text(client, redacteur):
    reponse = client.post("/admin/images/add/", {"title": "École", "collection": Collection.get_first_root_node().pk,
                                                  "file": fichier(), "description": "IMG_2034.JPG"})
    assert "Un nom de fichier n&#x27;est pas un texte alternatif" in reponse.content.decode()
    assert not Image.objects.exists()


def test_the_multiple_uploader_asks_for_it_before_the_image_exists(client, redacteur):
    reponse = client.post("/admin/images/multiple/add/", {"files[]": fichier()})
    donnees = reponse.json()
    assert donnees["success"] and not Image.objects.exists()  # kept aside until described
    assert 'name="uploaded-image-' in donnees["form"] and "Texte alternatif" in donnees["form"]
    prefixe = re.search(r'name="(uploaded-image-\d+)-title"', donnees["form"]).group(1)
    url = f"/admin/images/multiple/create_from_uploaded_image/{donnees['uploaded_file_id']}/"
    sans = client.post(url, {f"{prefixe}-title": "École", f"{prefixe}-collection": Collection.get_first_root_node().pk,
                             f"{prefixe}-description": ""}).json()
    assert not sans["success"] and REFUS in sans["form"] and not Image.objects.exists()
    avec = client.post(url, {f"{prefixe}-title": "École", f"{prefixe}-collection": Collection.get_first_root_node().pk,
                             f"{prefixe}-description": "La cour de l'école"}).json()
    assert avec["success"] and Image.objects.get().description == "La cour de l'école"


def test_the_chooser_of_a_page_asks_for_it_too(client, redacteur):
    def televerser(description):
        return client.post("/admin/images/chooser/create/", {
            "image-chooser-upload-title": "École", "image-chooser-upload-file": fichier(),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
            "image-chooser-upload-description": description}).json()

    assert REFUS in televerser("")["htmlFragment"] and not Image.objects.exists()
    assert televerser("La cour de l'école")["step"] == "chosen"
    assert Image.objects.get().description == "La cour de l'école"


def test_an_image_of_the_library_without_one_gets_it_when_edited(client, redacteur):
    image = Image.objects.create(title="Ancienne photo", file=get_test_image_file())
    url = f"/admin/images/{image.pk}/"
    donnees = {"title": "Ancienne photo", "collection": image.collection_id, "description": ""}
    assert REFUS in client.post(url, donnees).content.decode()
    reponse = client.post(url, {**donnees, "description": "Le pont de Saillans en 1950"})
    assert reponse.status_code == 302
    image.refresh_from_db()
    assert image.description == "Le pont de Saillans en 1950"
