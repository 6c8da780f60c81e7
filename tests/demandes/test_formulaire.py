"""The request form as an élu uses it: pre-filled, validated in French, saved, acknowledged."""

import html
import re

import pytest
from django.core import mail

from demandes.models import CourrielDemande, Demande, PieceJointe
from tests.demandes.conftest import docx, donnees_valides, pdf
from tests.securite.test_antivirus import EICAR
from tests.utils import max_queries


def test_form_page_shows_every_part_of_the_form(client, page_demande, territoire, referentiel):
    html = client.get(page_demande.url).content.decode()
    assert "<h1>Faire une demande d&#x27;accompagnement</h1>" in html
    assert "Décrivez votre projet." in html
    for legende in ("Votre collectivité", "Vos coordonnées", "Votre projet", "Documents (facultatif, 3 au plus)"):
        assert legende in html
    assert '<option value="%d">Saillans (26289)</option>' % territoire["saillans"].pk in html
    assert "Je ne sais pas" in html
    assert "Vos données personnelles" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'autocomplete="email"' in html


def test_prefilled_from_an_offer_and_its_thematiques(client, page_demande, offre, referentiel):
    html = client.get(page_demande.url, {"offre": "conseil-energie"}).content.decode()
    assert re.search(r'<option value="conseil-energie" selected>Conseil en énergie des communes</option>', html)
    assert re.search(rf'value="{referentiel["energie"].pk}"[^>]*checked', html)


def test_prefilled_from_a_thematique_and_unknown_slugs_are_ignored(client, page_demande, referentiel):
    html = client.get(page_demande.url, {"thematique": ["habitat", "inconnue"], "offre": "<script>"}).content.decode()
    assert re.search(rf'value="{referentiel["habitat"].pk}"[^>]*checked', html)
    assert "<script>" not in html


def test_a_valid_demande_is_saved_with_its_frozen_territory_and_acknowledged(
    client, page_demande, territoire, referentiel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_demande.url, donnees_valides(territoire, referentiel, piece_1=pdf(), piece_2=docx())
        )

    assert response.status_code == 302 and response["Location"] == page_demande.url + "merci/"
    demande = Demande.objects.get()
    assert re.fullmatch(r"DEM-\d{4}-00001", demande.reference)
    assert (demande.territoire_insee, demande.territoire_commune) == ("26289", "Saillans")
    assert (demande.territoire_canton_code, demande.territoire_epci) == ("2602", "CC du Crestois")
    assert demande.territoire_tranche == "moins_1000" and demande.territoire_population == 950
    assert demande.partenaire_destinataire == referentiel["service"]
    assert list(demande.thematiques.all()) == [referentiel["energie"]]
    assert sorted(PieceJointe.objects.values_list("type_mime", flat=True)) == [
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]

    assert len(mail.outbox) == 2
    accuse, notification = sorted(mail.outbox, key=lambda message: message.to != [demande.email])
    assert accuse.to == ["mairie@saillans.example.org"]
    assert accuse.subject == f"Votre demande {demande.reference} a bien été reçue"
    assert demande.reference in accuse.body and "Rénovation énergétique de l'école" in accuse.body
    assert accuse.alternatives and demande.reference in accuse.alternatives[0][0]
    assert notification.to == ["src@example.org"]
    assert notification.reply_to == ["mairie@saillans.example.org"]
    assert notification.extra_headers["X-Demande-Reference"] == demande.reference
    assert "Saillans" in notification.body and "Canton : Crest" in notification.body
    assert set(CourrielDemande.objects.values_list("etat", flat=True)) == {"envoye"}

    confirmation = client.get(response["Location"]).content.decode()
    assert demande.reference in confirmation and "mairie@saillans.example.org" in confirmation


def test_an_offer_routes_the_demande_to_its_partner(
    client, page_demande, territoire, referentiel, offre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_demande.url, donnees_valides(territoire, referentiel, offre="conseil-energie"))
    demande = Demande.objects.get()
    assert demande.offre == offre and demande.partenaire_destinataire == referentiel["sded"]
    assert any(message.to == ["sded@example.org"] for message in mail.outbox)


def test_a_split_commune_counts_in_one_canton(client, page_demande, territoire, referentiel):
    client.post(page_demande.url, donnees_valides(territoire, referentiel, commune=territoire["valence"].pk))
    demande = Demande.objects.get()
    assert (demande.territoire_canton_code, demande.territoire_tranche) == ("2615", "plus_5000")


def test_an_epci_and_a_syndicat(client, page_demande, territoire, referentiel):
    client.post(page_demande.url, donnees_valides(territoire, referentiel, type_collectivite="epci", commune="",
                                                  epci=territoire["epci"].pk))
    client.post(page_demande.url, donnees_valides(territoire, referentiel, type_collectivite="syndicat",
                                                  nom_structure="Syndicat des eaux de la Gervanne"))
    epci, syndicat = Demande.objects.order_by("reference")
    assert epci.nom_collectivite == "CC du Crestois" and epci.territoire_insee == ""
    assert syndicat.nom_collectivite == "Syndicat des eaux de la Gervanne"
    assert syndicat.territoire_commune == "Saillans"  # its seat


def test_confirmation_without_a_demande_goes_back_to_the_form(client, page_demande):
    response = client.get(page_demande.url + "merci/")
    assert response.status_code == 302 and response["Location"] == page_demande.url


@pytest.mark.parametrize(
    "changement, champ, message",
    [
        ({"nom": ""}, "nom", "Indiquez votre nom."),
        ({"email": ""}, "email", "Indiquez votre adresse e-mail"),
        ({"thematiques": []}, "thematiques", "Choisissez au moins une thématique."),
        ({"commune": ""}, "commune", "Choisissez votre commune."),
        ({"type_collectivite": "syndicat"}, "nom_structure", "Indiquez le nom du syndicat ou de l&#x27;organisme."),
        ({"type_collectivite": "epci", "commune": ""}, "epci", "Choisissez votre intercommunalité."),
        ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse e-mail valide"),
        ({"telephone": "12"}, "telephone", "Saisissez un numéro français à 10 chiffres"),
        ({"budget": "abc"}, "budget", "Indiquez un montant en euros"),
        ({"budget": "-5"}, "budget", "supérieure ou égale à 0"),
        ({"fonction": "autre"}, "fonction_autre", "Précisez votre fonction."),
        ({"nom": "<b>Martin</b>"}, "nom", "ne peut pas contenir les caractères"),
        ({"description": "x" * 5001}, "description", "au plus 5000 caractères"),
        ({"titre": "t" * 300}, "titre", "au plus 200 caractères"),
        ({"type_collectivite": "mairie"}, "type_collectivite", "Sélectionnez un choix valide"),
        ({"commune": "999999"}, "commune", "Sélectionnez un choix valide"),
    ],
)
def test_errors_are_shown_beside_the_field_and_in_the_summary(
    client, page_demande, territoire, referentiel, changement, champ, message
):
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel, **changement))
    html = response.content.decode()
    assert response.status_code == 200
    assert not Demande.objects.exists() and not mail.outbox
    assert 'id="resume-erreurs"' in html and "<title>Erreur –" in html
    assert re.search(rf'<p class="champ__erreur" id="id_{champ}_error"><strong>Erreur :</strong>[^<]*{message}', html)
    assert re.search(rf'<li><a href="#id_{champ}(_0)?">', html)


def test_the_invalid_field_is_marked_for_assistive_technologies(client, page_demande, territoire, referentiel):
    html = client.post(page_demande.url, donnees_valides(territoire, referentiel, email="x")).content.decode()
    assert re.search(r'<input[^>]+aria-invalid="true"[^>]+aria-describedby="id_email_error"|'
                     r'<input[^>]+aria-describedby="id_email_error"[^>]+aria-invalid="true"', html)


@pytest.mark.parametrize(
    "fichier, message",
    [
        (lambda: pdf("faux.pdf").__class__("faux.pdf", b"MZ\x90\x00 not a pdf"), "n&#x27;est pas accepté"),
        (lambda: docx("plan.pdf"), "n&#x27;est pas accepté"),  # a Word file named .pdf
        (lambda: pdf("note.pdf", taille=10 * 1024 * 1024 + 1), "dépasse 10 Mo"),
        (lambda: pdf("script.exe"), "n&#x27;est pas accepté"),
    ],
)
def test_attachments_are_checked_by_their_content(client, page_demande, territoire, referentiel, fichier, message):
    html = client.post(page_demande.url, donnees_valides(territoire, referentiel, piece_1=fichier())).content.decode()
    assert message in html
    assert not Demande.objects.exists()


def test_honeypot_pretends_and_saves_nothing(client, page_demande, territoire, referentiel):
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel, site_internet="http://spam"))
    assert response.status_code == 302
    assert not Demande.objects.exists() and not mail.outbox


def test_rate_limit_per_ip(client, page_demande, territoire, referentiel):
    for _ in range(5):
        client.post(page_demande.url, donnees_valides(territoire, referentiel))
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel))
    assert response.status_code == 429
    contenu = response.content.decode()
    assert "plusieurs demandes en peu de temps depuis votre connexion" in contenu
    assert "(dans 60 minutes)" in contenu and 3590 <= int(response["Retry-After"]) <= 3600
    assert Demande.objects.count() == 5
    # Another address is not affected.
    other = client.post(page_demande.url, donnees_valides(territoire, referentiel), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_any_method_other_than_get_and_post_is_refused(client, page_demande):
    assert client.put(page_demande.url).status_code == 405


def test_form_page_query_count_is_bounded(client, page_demande, territoire, referentiel, offre):
    client.get(page_demande.url)
    with max_queries(25):
        assert client.get(page_demande.url).status_code == 200


def test_an_infected_attachment_is_refused_beside_its_field(client, page_demande, territoire, referentiel, clamd_unix):
    """With ClamAV configured, the attachments of a demande are scanned: EICAR inside a PDF is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    infecte = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n", content_type="application/pdf")
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel, piece_1=infecte))
    assert response.status_code == 200
    assert "Le fichier « note.pdf » contient un virus (Eicar-Test-Signature) : il a été refusé." in (
        html.unescape(response.content.decode())
    )
    assert not Demande.objects.exists()
    # A clean attachment goes through the same scan and is accepted.
    response = client.post(page_demande.url, donnees_valides(territoire, referentiel, piece_1=pdf()))
    assert response.status_code == 302 and len(clamd_unix.recus) == 2
