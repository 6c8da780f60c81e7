"""Two people take the last seat at the same moment, on PostgreSQL: one is confirmed, the other waits.

Real transactions in two threads (each with its own database connection), released together by a barrier.
pytest-django's transactional tests empty every table afterwards, the rows made by the migrations included
(Wagtail's root page, default site, locale, groups), which later tests of the run and the next run (--reuse-db)
need: the module fixture puts back a snapshot of the database as it found it, as tests/browser does.
"""

import threading
import time

import pytest
from django.db import connection

from agenda import inscriptions
from agenda.models import Inscription, StatutInscription


def _en_parallele(evenement, noms):
    barriere = threading.Barrier(len(noms))
    resultats, erreurs = {}, []

    def inscrire(nom):
        try:
            barriere.wait(timeout=10)
            resultats[nom] = inscriptions.inscrire(
                evenement, nom=nom, prenom="Alex", fonction="Maire", email=f"{nom.lower()}@example.org",
                autre_structure="Mairie", nombre_personnes=1,
            ).statut
        except Exception as erreur:  # reported by the main thread
            erreurs.append(erreur)
        finally:
            connection.close()  # this thread's own connection

    fils = [threading.Thread(target=inscrire, args=(nom,)) for nom in noms]
    for f in fils:
        f.start()
    for f in fils:
        f.join(timeout=30)
    assert not erreurs, erreurs
    return resultats


@pytest.mark.django_db(transaction=True)
def test_two_people_take_the_last_seat_at_once(base_restauree, home, monkeypatch):
    from tests.agenda.factories import AgendaIndexPageFactory, EvenementInscriptionFactory

    evenement = EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), capacite=1)
    assert connection.vendor == "postgresql"
    # Widen the race: each transaction pauses between counting the seats and writing its row. Without the lock
    # both would count one free seat and both be confirmed.
    compter = inscriptions.places_restantes

    def compter_lentement(ev):
        restantes = compter(ev)
        time.sleep(0.3)
        return restantes

    monkeypatch.setattr(inscriptions, "places_restantes", compter_lentement)
    resultats = _en_parallele(evenement, ["Alpha", "Bravo"])
    assert sorted(resultats.values()) == [StatutInscription.ATTENTE, StatutInscription.CONFIRMEE]
    assert Inscription.objects.filter(statut=StatutInscription.CONFIRMEE).count() == 1
    assert Inscription.objects.filter(statut=StatutInscription.ATTENTE).count() == 1
    assert inscriptions.places_confirmees(evenement) == 1
