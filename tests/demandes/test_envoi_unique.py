"""Sent twice, saved once (#21 item 6): the request form carries a one-time submission key, and the same form
posted again — a retry after an error while the first post was in fact saved, a double click, two posts at the
same instant — shows the first demande's confirmation instead of making a second demande."""

import html
import re
import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demandes.models import CourrielDemande, Demande
from demandes.models.references import CompteurReference
from site_collectivites.demo.utils import stream
from tests.demandes.conftest import donnees_valides
from tests.factories import StandardPageFactory

CHAMP_CLE = re.compile(r'<input type="hidden" name="cle_envoi" value="([^"]*)"[^>]*>')


def cle_affichee(reponse):
    """The key the form shown in this response carries (exactly one form on the page)."""
    cles = CHAMP_CLE.findall(reponse.content.decode())
    assert len(cles) == 1, cles
    return cles[0]


def confirmation(client, reponse):
    """The confirmation page the post redirected to, as the person reads it."""
    assert reponse.status_code == 302, reponse.content.decode()[:500]
    return html.unescape(client.get(reponse["Location"]).content.decode())


def reference_lue(page):
    return re.search(r"Référence : <strong>(DEM-\d{4}-\d{5})</strong>", page).group(1)


@pytest.mark.parametrize("cache_pages", [False, True])
def test_each_display_of_the_form_gets_its_own_random_key(page_demande, home, settings, cache_pages):
    # With the page cache on too: a key served from a stored page would make one visitor's post look like
    # another's retry.
    settings.CACHE_PAGES = cache_pages
    hote = StandardPageFactory(parent=home, title="Rénover son école", slug="renover-son-ecole")
    hote.corps = stream(("formulaire", {"titre": "Parlez-nous de votre projet", "page": page_demande.pk}))
    hote.save_revision().publish()

    cles = [cle_affichee(Client().get(url)) for url in (page_demande.url, page_demande.url, hote.url, hote.url)]
    assert len(set(cles)) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", cle) for cle in cles)


def test_the_same_form_posted_again_shows_the_first_confirmation_and_saves_nothing_more(
    client, page_demande, territoire, referentiel, django_capture_on_commit_callbacks
):
    donnees = donnees_valides(territoire, referentiel, cle_envoi=cle_affichee(client.get(page_demande.url)))
    with django_capture_on_commit_callbacks(execute=True):
        premiere = confirmation(client, client.post(page_demande.url, donnees))
        # The retry comes from a browser whose session was lost with the killed worker: only the key is left.
        autre_navigateur = Client()
        seconde = confirmation(autre_navigateur, autre_navigateur.post(page_demande.url, donnees))

    demande = Demande.objects.get()
    assert reference_lue(premiere) == reference_lue(seconde) == demande.reference
    assert "Votre demande est enregistrée" in seconde and "Rénovation énergétique de l'école" in seconde
    assert demande.cle_envoi == donnees["cle_envoi"]
    assert sorted(message.to[0] for message in mail.outbox) == ["mairie@saillans.example.org", "src@example.org"]
    assert CourrielDemande.objects.count() == 2

    # The same person shown the form again writes a new demande: a new key, a second demande.
    donnees["cle_envoi"] = cle_affichee(client.get(page_demande.url))
    troisieme = confirmation(client, client.post(page_demande.url, donnees))
    assert reference_lue(troisieme) != demande.reference and Demande.objects.count() == 2


def test_a_refused_form_is_shown_again_with_the_same_key(client, page_demande, territoire, referentiel):
    cle = cle_affichee(client.get(page_demande.url))
    refuse = client.post(page_demande.url, donnees_valides(territoire, referentiel, cle_envoi=cle, titre=""))
    assert "Donnez un titre à votre projet." in html.unescape(refuse.content.decode())
    assert cle_affichee(refuse) == cle

    for _ in range(2):
        confirmation(client, client.post(page_demande.url, donnees_valides(territoire, referentiel, cle_envoi=cle)))
    assert list(Demande.objects.values_list("cle_envoi", flat=True)) == [cle]


@pytest.mark.parametrize("cle", [None, "", "court", "x" * 10_000, "a\x00" * 20, "é" * 43, "a" * 43 + "\n"])
def test_a_post_without_a_usable_key_is_saved_and_a_refused_one_gets_a_key(client, page_demande, territoire,
                                                                          referentiel, cle):
    # A page opened before the key existed, or a script: nothing to recognise a retry by, but nothing lost.
    autres = {} if cle is None else {"cle_envoi": cle}
    refuse = client.post(page_demande.url, donnees_valides(territoire, referentiel, titre="", **autres))
    nouvelle = cle_affichee(refuse)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", nouvelle)

    confirmation(client, client.post(page_demande.url, donnees_valides(territoire, referentiel, **autres)))
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", Demande.objects.get().cle_envoi)


def test_a_demande_typed_in_the_back_office_is_not_saved_twice_by_a_double_click(client, comptes, territoire,
                                                                                 referentiel):
    client.force_login(comptes["agent_sded"])
    cle = cle_affichee(client.get(reverse("demandes:add")))
    donnees = donnees_valides(territoire, referentiel, source="telephone", cle_envoi=cle)
    reponses = [client.post(reverse("demandes:add"), donnees) for _ in range(2)]
    demande = Demande.objects.get()
    assert [reponse["Location"] for reponse in reponses] == [reverse("demandes:inspect", args=[demande.pk])] * 2


def _en_attente_de_verrou(nombre, delai=10):
    """Wait until `nombre` other connections wait for a lock (the reference counter's row)."""
    fin = time.monotonic() + delai
    with connections["default"].cursor() as curseur:
        while time.monotonic() < fin:
            curseur.execute("SELECT pg_stat_clear_snapshot()")  # else read once per transaction
            curseur.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if curseur.fetchone()[0] >= nombre:
                return
            time.sleep(0.05)
    raise AssertionError(f"{nombre} envois attendus devant le verrou du compteur")


@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_at_the_same_instant_make_one_demande(base_restauree, page_demande, territoire,
                                                                 referentiel):
    """Both posts pass the lookup before either saves (the reference counter is held until both wait for it),
    then the unique key refuses the second insert: both people see the first demande's confirmation."""
    assert connection.vendor == "postgresql"
    CompteurReference.objects.create(annee=timezone.localdate().year)  # the row to hold
    donnees = donnees_valides(territoire, referentiel, cle_envoi=cle_affichee(Client().get(page_demande.url)))
    resultats, erreurs = [None, None], []

    def poster(rang):
        try:
            navigateur = Client()
            resultats[rang] = confirmation(navigateur, navigateur.post(page_demande.url, donnees))
        except Exception as erreur:  # collected: a failing thread must fail the test
            erreurs.append(erreur)
        finally:
            connections.close_all()

    fils = [threading.Thread(target=poster, args=(rang,)) for rang in range(2)]
    with transaction.atomic():
        CompteurReference.objects.select_for_update().get(annee=timezone.localdate().year)
        for fil in fils:
            fil.start()
        _en_attente_de_verrou(2)
    for fil in fils:
        fil.join(timeout=30)

    assert not erreurs, erreurs
    demande = Demande.objects.get()
    assert [reference_lue(page) for page in resultats] == [demande.reference] * 2
    assert demande.reference.endswith("-00001")  # the refused insert gave its number back
    assert CompteurReference.objects.get().dernier_numero == 1
    assert CourrielDemande.objects.count() == 2  # one acknowledgement, one notification
