"""Admin of the subscribers: list, search, filters, CSV export (formula injection neutralised), CSV import with
the consent source recorded, proofs visible; sends list with figures; permissions."""


import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.models import Abonne, NatureConsentement, StatutAbonne
from tests.factories import ThematiqueFactory
from tests.newsletter.factories import AbonneFactory
from tests.utils import count_queries, lire_csv

pytestmark = pytest.mark.django_db

INDEX = "newsletter_abonnes:index"


def test_list_search_and_filters(superuser_client, home):
    eau = ThematiqueFactory(nom="Eau et environnement")
    a = AbonneFactory(email="maire@die.example", collectivite="Commune de Die")
    a.thematiques.set([eau])
    AbonneFactory(email="dgs@crest.example", statut=StatutAbonne.DESABONNE)
    html = superuser_client.get(reverse(INDEX)).content.decode()
    assert "maire@die.example" in html and "dgs@crest.example" in html
    html = superuser_client.get(reverse(INDEX), {"q": "Die"}).content.decode()
    assert "maire@die.example" in html and "dgs@crest.example" not in html
    html = superuser_client.get(reverse(INDEX), {"statut": "desabonne"}).content.decode()
    assert "dgs@crest.example" in html and "maire@die.example" not in html
    html = superuser_client.get(reverse(INDEX), {"thematiques": eau.pk}).content.decode()
    assert "maire@die.example" in html and "dgs@crest.example" not in html


def test_csv_export_neutralises_formulas(superuser_client, home):
    AbonneFactory(email="x@commune.example", collectivite="=HYPERLINK(\"http://evil\")")
    reponse = superuser_client.get(reverse(INDEX), {"export": "csv"})
    lignes = lire_csv(reponse)
    assert lignes[0][:3] == ["Adresse électronique", "Statut", "Thématiques"]
    assert lignes[1][0] == "x@commune.example" and lignes[1][3].startswith("'=")


def test_csv_import_records_the_consent_source(superuser_client, home):
    ThematiqueFactory(nom="Énergie")
    AbonneFactory(email="parti@commune.example", statut=StatutAbonne.DESABONNE)
    contenu = ("email;thematiques;collectivite;fonction\n"
               "Nouvelle@Commune.example;Énergie;Commune de Nyons;Maire\n"
               "parti@commune.example;;;\n"
               "pas-une-adresse;;;\n"
               "autre@commune.example;Astrologie;;\n").encode()
    reponse = superuser_client.post(reverse("newsletter_envoi:import"), {
        "fichier": SimpleUploadedFile("abonnes.csv", contenu, content_type="text/csv"),
        "source": "Fiches signées aux Rencontres de l'ingénierie publique 2026",
    })
    html = reponse.content.decode()
    assert "1 abonné créé" in html and "Ligne 4" in html and "Ligne 5" in html
    nouvelle = Abonne.objects.get(email="nouvelle@commune.example")
    assert nouvelle.statut == StatutAbonne.CONFIRME and nouvelle.fonction == "Maire"
    assert [t.nom for t in nouvelle.thematiques.all()] == ["Énergie"]
    preuve = nouvelle.preuves.get()
    assert preuve.nature == NatureConsentement.IMPORT and "Rencontres de l'ingénierie publique 2026" in preuve.details
    assert Abonne.objects.get(email="parti@commune.example").statut == StatutAbonne.DESABONNE
    inspect = superuser_client.get(reverse("newsletter_abonnes:inspect", args=[nouvelle.pk])).content.decode()
    assert "Rencontres de l&#x27;ingénierie publique 2026" in inspect or "Rencontres de l'ingénierie" in inspect


def test_import_rejects_a_file_without_email_column(superuser_client, home):
    reponse = superuser_client.post(reverse("newsletter_envoi:import"), {
        "fichier": SimpleUploadedFile("x.csv", b"nom\nDupont\n"), "source": "test"})
    assert "dont « email »" in reponse.content.decode()
    assert not Abonne.objects.exists()


def test_editors_without_permission_see_no_subscriber(client, home):
    user = get_user_model().objects.create_user("redac", "r@example.org", "motdepasse-tres-long-42")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    AbonneFactory(email="secret@commune.example")
    for url in (reverse(INDEX), reverse("newsletter_envoi:import")):
        reponse = client.get(url)
        assert reponse.status_code in (302, 403) and "secret@commune.example" not in reponse.content.decode()


def test_list_query_count_does_not_grow(superuser_client, home):
    eau = ThematiqueFactory(nom="Eau et environnement")
    for _ in range(3):
        AbonneFactory().thematiques.set([eau])
    peu = count_queries(lambda: superuser_client.get(reverse(INDEX)))
    for _ in range(30):
        AbonneFactory().thematiques.set([eau])
    assert count_queries(lambda: superuser_client.get(reverse(INDEX))) == peu


def test_issue_edit_page_links_to_the_send_page_and_previews_as_email(superuser_client, lettre, rf):
    html = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[lettre.pk])).content.decode()
    assert reverse("newsletter_envoi:envoi", args=[lettre.pk]) in html and "Envoyer la lettre" in html
    assert [mode for mode, _ in lettre.preview_modes] == ["", "courriel", "texte"]
    courriel = lettre.serve_preview(rf.get("/"), "courriel").content.decode()
    assert '<table role="presentation" width="600"' in courriel and "Bonjour à toutes et à tous" in courriel
    texte = lettre.serve_preview(rf.get("/"), "texte")
    assert texte["Content-Type"].startswith("text/plain") and "Bonjour à toutes et à tous" in texte.content.decode()


def test_a_sent_issue_cannot_be_deleted(superuser_client, lettre):
    from newsletter.models import Envoi, NewsletterPage

    Envoi.objects.create(lettre=lettre)
    reponse = superuser_client.post(reverse("wagtailadmin_pages:delete", args=[lettre.pk]), follow=True)
    assert reponse.status_code == 200 and "a été envoyée" in reponse.content.decode()
    assert NewsletterPage.objects.filter(pk=lettre.pk).exists()
