"""The public registration form: rendering, validation (hostile input included), honeypot, rate limit, closing,
accessibility of the error state, CSRF."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client

from agenda.models import Inscription, StatutInscription

pytestmark = pytest.mark.django_db


def donnees(territoire_mini, **autres):
    valeurs = {
        "collectivite": f"commune-{territoire_mini['crest'].pk}",
        "autre_structure": "",
        "prenom": "Camille",
        "nom": "Martin",
        "fonction": "Secrétaire de mairie",
        "email": "camille.martin@example.org",
        "nombre_personnes": "2",
        "besoins_accessibilite": "",
        "site_web": "",
    }
    valeurs.update(autres)
    return valeurs


def url_inscription(evenement):
    return evenement.url + "inscription/"


class Champs(HTMLParser):
    """Collects every element with an id, and the attributes of inputs / selects / textareas."""

    def __init__(self):
        super().__init__()
        self.ids, self.champs = set(), {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("input", "select", "textarea") and attrs.get("name"):
            # First field of each name: the footer's newsletter form, further down, also has an "email" field.
            self.champs.setdefault(attrs["name"], attrs)


def analyser(html):
    parseur = Champs()
    parseur.feed(html)
    return parseur


def test_the_event_page_shows_the_form(client, evenement, territoire_mini):
    html = client.get(evenement.url).content.decode()
    assert 'id="inscription"' in html and "S'inscrire" in html
    assert "Inscription bientôt ouverte" not in html
    assert "Il reste 10 places" in html
    assert "csrfmiddlewaretoken" in html
    assert '<optgroup label="Communes">' in html and '<optgroup label="Intercommunalités (EPCI)">' in html
    assert html.index(">Crest<") < html.index(">Die<")
    champs = analyser(html).champs
    assert champs["email"]["autocomplete"] == "email"
    assert champs["prenom"]["autocomplete"] == "given-name"
    assert champs["nom"]["autocomplete"] == "family-name"
    assert champs["email"]["aria-describedby"] == "id_email_aide"
    assert "aria-invalid" not in champs["email"]
    # honeypot: inside a `hidden` block (no display, not in the accessibility tree), out of the tab order
    assert re.search(r'<div hidden><label for="id_site_web">[^<]*</label> <input[^>]*name="site_web"', html)
    assert champs["site_web"]["tabindex"] == "-1"
    assert html.count("<fieldset>") == 3 and html.count("<legend>") == 3


def test_valid_registration_is_saved_confirmed_and_mailed(client, evenement, territoire_mini,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_inscription(evenement), donnees(territoire_mini))
    assert response.status_code == 302
    inscription = Inscription.objects.get()
    assert inscription.commune == territoire_mini["crest"] and inscription.nombre_personnes == 2
    assert inscription.statut == StatutInscription.CONFIRMEE
    assert len(mail.outbox) == 1
    merci = client.get(response["Location"])
    assert merci.status_code == 200
    assert "Votre inscription est confirmée" in merci.content.decode()
    assert "camille.martin@example.org" in merci.content.decode()
    # a forged "thank you" link shows nothing of anybody
    assert client.get(evenement.url + "inscription/merci/?r=1").status_code == 302


def test_epci_or_other_body(client, evenement, territoire_mini):
    client.post(url_inscription(evenement), donnees(territoire_mini, collectivite=f"epci-{territoire_mini['epci'].pk}"))
    client.post(url_inscription(evenement), donnees(territoire_mini, collectivite="", autre_structure="SDED",
                                                    email="autre@example.org"))
    epci, autre = Inscription.objects.order_by("pk")
    assert epci.epci == territoire_mini["epci"] and epci.commune is None
    assert autre.autre_structure == "SDED" and autre.collectivite == "SDED"


def test_waiting_list_page(client, evenement, territoire_mini):
    evenement.capacite = 1
    evenement.save()
    client.post(url_inscription(evenement), donnees(territoire_mini, nombre_personnes="1"))
    response = client.post(url_inscription(evenement), donnees(territoire_mini, nombre_personnes="1"), follow=True)
    html = response.content.decode()
    assert "Vous êtes sur la liste d'attente" in html and "position 1" in html
    assert "Toutes les places sont prises" in client.get(evenement.url).content.decode()


HOSTILE = [
    ({"nom": "x" * 5000}, "nom", "100 caractères au plus."),
    ({"fonction": "y" * 151}, "fonction", "150 caractères au plus."),
    ({"besoins_accessibilite": "z" * 1001}, "besoins_accessibilite", "1000 caractères au plus."),
    ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse électronique valide"),
    ({"email": "a@b"}, "email", "Saisissez une adresse électronique valide"),
    ({"email": "<script>@example.org"}, "email", "Saisissez une adresse électronique valide"),
    ({"email": "a" * 300 + "@example.org"}, "email", None),
    ({"nombre_personnes": "0"}, "nombre_personnes", "Indiquez au moins 1 personne."),
    ({"nombre_personnes": "-1"}, "nombre_personnes", "Indiquez au moins 1 personne."),
    ({"nombre_personnes": "abc"}, "nombre_personnes", "Indiquez un nombre entier, de 1 à 10."),
    ({"nombre_personnes": "999"}, "nombre_personnes", "10 personnes au plus par inscription"),
    ({"nombre_personnes": "1e3"}, "nombre_personnes", None),
    ({"nombre_personnes": "9" * 40}, "nombre_personnes", None),
    ({"nombre_personnes": ""}, "nombre_personnes", "Indiquez le nombre de personnes"),
    ({"prenom": ""}, "prenom", "Indiquez votre prénom."),
    ({"nom": "   "}, "nom", "Indiquez votre nom."),
    ({"nom": "Mar\x00tin"}, "nom", None),
    ({"collectivite": ""}, "collectivite", "Choisissez votre commune ou intercommunalité"),
    ({"collectivite": "commune-abc"}, "collectivite", "Choisissez une collectivité de la liste."),
    ({"collectivite": "commune-999999"}, "collectivite", "Choisissez une collectivité de la liste."),
    ({"collectivite": "epci-1' OR 1=1--"}, "collectivite", "Choisissez une collectivité de la liste."),
    ({"collectivite": "x" * 3000}, "collectivite", "Choisissez une collectivité de la liste."),
    ({"autre_structure": "Syndicat"}, "autre_structure", "pas les deux"),
]


@pytest.mark.parametrize("valeurs, champ, message", HOSTILE)
def test_hostile_input_gives_the_form_again_with_messages(client, evenement, territoire_mini, valeurs, champ, message):
    response = client.post(url_inscription(evenement), donnees(territoire_mini, **valeurs))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="resume-erreurs"' in html
    assert f'id="id_{champ}_erreur"' in html
    if message:
        assert message in html
    assert Inscription.objects.count() == 0


def test_html_is_escaped_and_given_back(client, evenement, territoire_mini):
    charge = '<script>alert("x")</script>'
    response = client.post(url_inscription(evenement), donnees(territoire_mini, prenom=charge, email="faux"))
    html = response.content.decode()
    assert charge not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_html_in_a_valid_registration_is_stored_as_text(client, evenement, territoire_mini,
                                                        django_capture_on_commit_callbacks):
    charge = "<b>Maire</b> & adjoint"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url_inscription(evenement), donnees(territoire_mini, fonction=charge))
    assert Inscription.objects.get().fonction == charge
    html_mail = mail.outbox[0].alternatives[0][0]
    assert "<b>Maire</b>" not in html_mail


def test_error_state_is_accessible(client, evenement, territoire_mini):
    response = client.post(url_inscription(evenement), donnees(territoire_mini, email="faux", nombre_personnes="abc"))
    html = response.content.decode()
    resume = re.search(r'<div class="resume-erreurs"[^>]*>(.*?)</div>', html, re.S)
    assert resume, "résumé des erreurs absent"
    ouverture = re.search(r'<div class="resume-erreurs"[^>]*>', html).group(0)
    assert 'role="alert"' in ouverture and 'tabindex="-1"' in ouverture
    assert 'aria-labelledby="titre-resume-erreurs"' in ouverture
    assert re.search(r'<h3 id="titre-resume-erreurs">Le formulaire contient 2 erreurs</h3>', resume.group(1))
    liens = re.findall(r'<a href="#([^"]+)">', resume.group(1))
    assert liens == ["id_email", "id_nombre_personnes"]
    # the summary comes before the form's fields
    assert html.index('id="resume-erreurs"') < html.index('name="collectivite"')
    page = analyser(html)
    for nom in ("email", "nombre_personnes"):
        champ = page.champs[nom]
        assert champ["aria-invalid"] == "true"
        decrit_par = champ["aria-describedby"].split()
        assert decrit_par == [f"id_{nom}_aide", f"id_{nom}_erreur"]
        assert all(i in page.ids for i in decrit_par)
        assert f"id_{nom}" in page.ids  # the summary's links lead somewhere
    assert "aria-invalid" not in page.champs["prenom"]
    assert page.champs["prenom"]["value"] == "Camille"  # what was typed is kept
    assert "<strong>Erreur :</strong> Saisissez une adresse électronique valide" in html
    # still one h1, the form under its h2
    assert html.count("<h1") == 1


def test_honeypot_looks_accepted_but_saves_nothing(client, evenement, territoire_mini,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_inscription(evenement), donnees(territoire_mini, site_web="http://spam.example"))
    assert response.status_code == 200
    assert "Votre inscription est confirmée" in response.content.decode()
    assert Inscription.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_ip_answers_429_in_french(client, evenement, territoire_mini):
    # Forms sent back for their errors never use up the quota (#19 item 3).
    for _ in range(12):
        assert client.post(url_inscription(evenement), donnees(territoire_mini, email="faux")).status_code == 200
    for n in range(10):
        assert client.post(url_inscription(evenement), donnees(territoire_mini, email=f"p{n}@mairie.example")).status_code == 302
    response = client.post(url_inscription(evenement), donnees(territoire_mini, email="onzieme@mairie.example"))
    assert response.status_code == 429
    contenu = response.content.decode()
    assert "plusieurs inscriptions en peu de temps" in contenu and 'value="onzieme@mairie.example"' in contenu
    assert Inscription.objects.count() == 10
    # another address is not concerned
    autre = Client(REMOTE_ADDR="192.0.2.7")
    assert autre.post(url_inscription(evenement), donnees(territoire_mini)).status_code == 302


def test_closed_registration(client, evenement, territoire_mini):
    from tests.agenda.factories import dans

    evenement.date_limite_inscription = dans(-1)
    evenement.save()
    html = client.get(evenement.url).content.decode()
    assert 'id="inscription"' not in html and "Les inscriptions sont closes." in html
    response = client.post(url_inscription(evenement), donnees(territoire_mini))
    assert response.status_code == 410
    assert "Les inscriptions sont closes" in response.content.decode()
    assert Inscription.objects.count() == 0


@pytest.mark.parametrize("statut", ["annule", "complet"])
def test_no_form_for_a_cancelled_or_full_event(client, evenement, territoire_mini, statut):
    evenement.statut = statut
    evenement.save()
    assert 'id="inscription"' not in client.get(evenement.url).content.decode()
    assert client.post(url_inscription(evenement), donnees(territoire_mini)).status_code == 410


def test_get_on_the_form_route_redirects_to_the_page(client, evenement):
    response = client.get(url_inscription(evenement))
    assert response.status_code == 302 and response["Location"].endswith("#inscription")


def test_csrf_is_required(evenement, territoire_mini):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url_inscription(evenement), donnees(territoire_mini)).status_code == 403
    assert Inscription.objects.count() == 0


def test_page_query_count_does_not_depend_on_the_number_of_communes(client, evenement, territoire_mini):
    from site_collectivites.territoire.models import Commune
    from tests.utils import count_queries

    client.get(evenement.url)  # warms the caches (site, menus)
    avant = count_queries(lambda: client.get(evenement.url))
    Commune.objects.bulk_create(Commune(insee=f"26{i:03d}", nom=f"Commune {i}") for i in range(200, 260))
    assert count_queries(lambda: client.get(evenement.url)) == avant


def test_communes_in_french_alphabetical_order():
    from agenda.forms import cle_alphabetique

    noms = ["Beaumont-Monteux", "Étoile-sur-Rhône", "Beaumont-en-Diois", "Eurre", "Die", "Érôme"]
    assert sorted(noms, key=cle_alphabetique) == [
        "Beaumont-en-Diois", "Beaumont-Monteux", "Die", "Érôme", "Étoile-sur-Rhône", "Eurre"
    ]


def test_database_unreachable_during_a_registration_asks_to_retry(client, evenement, territoire_mini):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch("agenda.inscriptions.inscrire", side_effect=OperationalError("connexion perdue")):
        response = client.post(url_inscription(evenement), donnees(territoire_mini))
    assert response.status_code == 503
    assert "n'a pas été enregistré" in response.content.decode()
    assert not Inscription.objects.exists() and not mail.outbox
