"""Dates in French in the admin (issue #22, item 2; docs/contenu.md « Dates dans l'administration »).

Every date and date-time field the editors fill — an aid's deadline and call for projects, an event's start, end
and registration deadline, a page's scheduled publication and expiry — shows its value as jj/mm/aaaa (hh:mm),
accepts what is typed that way or in ISO, and answers a value it cannot read with a French error beside the
field, the typed value kept. The browser side (the picker no longer replaces the typed value) is
tests/browser/test_dates_admin.py.
"""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User

from offres.models.aides import Calendrier
from site_collectivites.widgets import dates_tapees_gardees
from tests.agenda.factories import AgendaIndexPageFactory, EvenementPageFactory
from tests.factories import ThematiqueFactory
from tests.offres.factories import AideIndexPageFactory, aide
from tests.utils import donnees_formulaire_page

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
DATE_INVALIDE = "Saisissez une date valide."
DATE_HEURE_INVALIDE = "Saisissez une date et une heure valides."


@pytest.fixture
def redactrice(client):
    utilisateur = User.objects.create_user("redactrice", "redactrice@ladrome.example", "un-mot-de-passe-solide-2026")
    utilisateur.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(utilisateur)
    return client


@pytest.fixture
def une_aide(home):
    return aide(AideIndexPageFactory(parent=home), "Aide aux économies d'énergie", thematiques=[ThematiqueFactory()],
                calendrier=Calendrier.DATE_LIMITE, date_limite=datetime.date(2026, 12, 31))


@pytest.fixture
def un_evenement(home):
    return EvenementPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Rencontre de l'éclairage public")


def enregistrer(client, page, **champs):
    """Save a draft of `page` from its edit form with `champs` typed in; the response and the draft."""
    donnees = donnees_formulaire_page(client, page)
    for nom, valeur in champs.items():
        donnees[nom] = valeur
    reponse = client.post(f"/admin/pages/{page.pk}/edit/", donnees)
    return reponse, page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()


def erreur_du_champ(reponse, nom):
    """The error Wagtail writes beside the field `nom` (its wrapper holds the input and the error)."""
    contenu = reponse.content.decode()
    debut = contenu.index(f'id="id_{nom}"')
    bloc = contenu[max(0, debut - 3000):debut + 3000]
    erreurs = re.findall(r'class="error-message"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', bloc)
    return [html.unescape(e).strip() for e in erreurs]


def valeur_affichee(reponse, nom):
    contenu = reponse.content.decode()
    champ = re.search(rf'<input[^>]*id="id_{nom}"[^>]*>', contenu).group(0)
    return html.unescape(re.search(r'value="([^"]*)"', champ).group(1))


def test_the_edit_form_shows_dates_the_french_way(redactrice, une_aide, un_evenement):
    assert valeur_affichee(redactrice.get(f"/admin/pages/{une_aide.pk}/edit/"), "date_limite") == "31/12/2026"
    formulaire = redactrice.get(f"/admin/pages/{un_evenement.pk}/edit/")
    assert valeur_affichee(formulaire, "debut") == "10/12/2026 09:30"
    assert valeur_affichee(formulaire, "fin") == "10/12/2026 12:00"


@pytest.mark.parametrize("saisie", ["31/03/2027", "2027-03-31", "31/03/27"])
def test_an_aid_deadline_typed_the_french_way_or_in_iso_is_saved(redactrice, une_aide, saisie):
    reponse, brouillon = enregistrer(redactrice, une_aide, date_limite=saisie)
    assert reponse.status_code == 302, erreur_du_champ(reponse, "date_limite")
    assert brouillon.date_limite == datetime.date(2027, 3, 31)


def test_every_date_of_an_aid(redactrice, une_aide):
    reponse, brouillon = enregistrer(redactrice, une_aide, calendrier=Calendrier.APPEL_A_PROJETS,
                                     date_ouverture="01/02/2027", date_cloture="30/04/2027",
                                     mis_a_jour_le="15/01/2027")
    assert reponse.status_code == 302
    assert (brouillon.date_ouverture, brouillon.date_cloture, brouillon.mis_a_jour_le) == (
        datetime.date(2027, 2, 1), datetime.date(2027, 4, 30), datetime.date(2027, 1, 15))


@pytest.mark.parametrize("champ", ["date_limite", "mis_a_jour_le"])
@pytest.mark.parametrize("saisie", ["32/13/2027", "31/02/2027", "demain", "03/31/2027"])
def test_an_unreadable_date_is_an_error_beside_the_field_and_is_kept(redactrice, une_aide, champ, saisie):
    reponse, brouillon = enregistrer(redactrice, une_aide, **{champ: saisie})
    assert reponse.status_code == 200  # the form again, not saved
    assert DATE_INVALIDE in erreur_du_champ(reponse, champ)
    assert valeur_affichee(reponse, champ) == saisie  # what was typed, not replaced
    assert brouillon.date_limite == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("saisie", ["15/04/2027 14:30", "2027-04-15 14:30", "15/04/2027 14:30:00"])
def test_event_dates_and_times_typed_the_french_way_or_in_iso_are_saved(redactrice, un_evenement, saisie):
    reponse, brouillon = enregistrer(redactrice, un_evenement, debut=saisie, fin="15/04/2027 17:00",
                                     date_limite_inscription="10/04/2027 12:00")
    assert reponse.status_code == 302, erreur_du_champ(reponse, "debut")
    assert brouillon.debut == datetime.datetime(2027, 4, 15, 14, 30, tzinfo=PARIS)
    assert brouillon.fin == datetime.datetime(2027, 4, 15, 17, 0, tzinfo=PARIS)
    assert brouillon.date_limite_inscription == datetime.datetime(2027, 4, 10, 12, 0, tzinfo=PARIS)


@pytest.mark.parametrize("champ", ["debut", "fin", "date_limite_inscription"])
def test_an_unreadable_event_date_is_an_error_beside_the_field_and_is_kept(redactrice, un_evenement, champ):
    reponse, _brouillon = enregistrer(redactrice, un_evenement, **{champ: "32/13/2027 25:00"})
    assert reponse.status_code == 200
    assert DATE_HEURE_INVALIDE in erreur_du_champ(reponse, champ)
    assert valeur_affichee(reponse, champ) == "32/13/2027 25:00"


def test_a_scheduled_publication_is_read_the_french_way(redactrice, un_evenement):
    """The « Planification » dates of every page (Wagtail's go_live_at, expire_at)."""
    reponse, brouillon = enregistrer(redactrice, un_evenement, go_live_at="01/03/2027 08:00",
                                     expire_at="31/12/2027 23:59")
    assert reponse.status_code == 302, erreur_du_champ(reponse, "go_live_at")
    assert brouillon.go_live_at == datetime.datetime(2027, 3, 1, 8, 0, tzinfo=PARIS)
    assert brouillon.expire_at == datetime.datetime(2027, 12, 31, 23, 59, tzinfo=PARIS)
    reponse, _ = enregistrer(redactrice, un_evenement, go_live_at="le 1er mars")
    assert DATE_HEURE_INVALIDE in erreur_du_champ(reponse, "go_live_at")


def test_the_pickers_are_told_to_keep_what_is_typed(redactrice, une_aide):
    """The picker's option, in the page (initDateChooser) as in a StreamField (telepath): no validation on blur."""
    dates_tapees_gardees()  # twice: wrapped once only
    contenu = redactrice.get(f"/admin/pages/{une_aide.pk}/edit/").content.decode()
    (configuration,) = re.findall(r'initDateChooser\("id_date_limite", (\{[^}]*\})\)', contenu)
    assert '"validateOnBlur": false' in configuration and '"format": "d/m/Y"' in configuration
    from wagtail.admin.widgets import AdminDateTimeInput

    assert AdminDateTimeInput().get_config()["validateOnBlur"] is False
    assert AdminDateTimeInput().get_config()["format"] == "d/m/Y H:i"
