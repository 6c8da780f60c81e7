"""Demo registrations (called by agenda/demo.py): the Rencontres of 18 September 2026 (past, kept with their
registrations) and the club meeting of 11 March 2027 (upcoming, 40 seats: full, a waiting list, one cancellation).

People and e-mail addresses are invented (example.org); the collectivités come from the territory reference when it
is imported (`manage.py import_territoire`), else their name is kept as free text. Idempotent: a registration is
found again by its event and e-mail address. No e-mail is sent (notifier=False).
"""

import datetime

from django.utils import timezone

from agenda import inscriptions
from agenda.models import Inscription, StatutInscription
from site_collectivites.territoire.models import Commune, Epci

PRENOMS = ["Claire", "Julien", "Sophie", "Nicolas", "Élodie", "Thomas", "Nathalie", "Laurent", "Camille", "Pierre",
           "Isabelle", "Mathieu", "Aurélie", "Olivier", "Marion", "Franck"]
NOMS = ["Arnaud", "Blanc", "Chabert", "Dumas", "Escoffier", "Faure", "Gauthier", "Reynaud", "Jullien", "Lambert",
        "Mounier", "Nicolas", "Pellet", "Roux", "Sibille", "Vernet", "Achard", "Bonnet", "Chapuis", "Dorne"]
FONCTIONS = ["Maire", "Adjoint au maire", "Secrétaire de mairie", "Directrice générale des services",
             "Conseillère municipale", "Chargé de mission revitalisation", "Adjointe à l'urbanisme"]
# (commune or EPCI or other body, number of people, accessibility needs)
REVITALISATION = [
    ("Dieulefit", 2, ""), ("Crest", 2, ""), ("Nyons", 1, ""), ("Saillans", 1, "Accès de plain-pied, s'il vous plaît."),
    ("Bourdeaux", 2, ""), ("Buis-les-Baronnies", 1, ""), ("Grignan", 1, ""), ("Die", 3, ""), ("Mirmande", 1, ""),
    ("Saint-Jean-en-Royans", 1, ""), ("Hauterives", 1, ""), ("Châtillon-en-Diois", 1, "Boucle magnétique."),
    ("Loriol-sur-Drôme", 2, ""), ("Suze-la-Rousse", 1, ""), ("Marsanne", 1, ""), ("Tain-l'Hermitage", 1, ""),
    ("Saint-Donat-sur-l'Herbasse", 2, ""), ("Luc-en-Diois", 1, ""), ("Chabeuil", 1, ""),
    ("Montagne Drômoise (syndicat mixte, exemple)", 1, ""), ("Donzère", 2, ""), ("Livron-sur-Drôme", 1, ""),
    ("Saint-Vallier", 3, ""), ("Pierrelatte", 1, ""), ("Romans-sur-Isère", 3, ""), ("La Chapelle-en-Vercors", 1, ""),
    ("Montélimar", 3, ""), ("Valence", 3, "Interprète en langue des signes française."), ("Nyons", 1, ""),
    ("Crest", 2, ""),
]
RENCONTRES_2026 = [
    ("Valence", 3, ""), ("Romans-sur-Isère", 2, ""), ("Montélimar", 2, ""), ("Crest", 1, ""), ("Die", 1, ""),
    ("Nyons", 2, ""), ("Tain-l'Hermitage", 1, ""), ("Dieulefit", 1, "Place de stationnement réservée."),
    ("Saint-Vallier", 1, ""), ("Pierrelatte", 2, ""), ("Saillans", 1, ""), ("Grignan", 1, ""),
]


def _collectivite(nom):
    commune = Commune.objects.filter(nom=nom).first()
    if commune:
        return {"commune": commune}
    epci = Epci.objects.filter(nom=nom).first()
    if epci:
        return {"epci": epci}
    return {"autre_structure": nom}


def _remplir(evenement, liste, prefixe, debut_inscriptions):
    crees = 0
    for rang, (structure, nombre, besoins) in enumerate(liste):
        email = f"{prefixe}.{rang + 1:02d}@example.org"
        if Inscription.objects.filter(evenement=evenement, email=email).exists():
            continue
        inscription = inscriptions.inscrire(
            evenement,
            notifier=False,
            prenom=PRENOMS[rang % len(PRENOMS)],
            nom=NOMS[(rang * 7) % len(NOMS)],
            fonction=FONCTIONS[rang % len(FONCTIONS)],
            email=email,
            nombre_personnes=nombre,
            besoins_accessibilite=besoins,
            **_collectivite(structure),
        )
        # Spread the dates of registration (same order: the waiting list's order does not change).
        Inscription.objects.filter(pk=inscription.pk).update(
            created_at=debut_inscriptions + datetime.timedelta(hours=7 * rang)
        )
        crees += 1
    return crees


def load(evenement_passe, evenement_a_venir):
    paris = timezone.get_default_timezone()
    crees = 0
    if evenement_passe:
        crees += _remplir(evenement_passe, RENCONTRES_2026, "rencontres2026",
                          datetime.datetime(2026, 6, 15, 9, tzinfo=paris))
    if evenement_a_venir:
        crees += _remplir(evenement_a_venir, REVITALISATION, "revitalisation",
                          datetime.datetime(2026, 11, 10, 9, tzinfo=paris))
        # One person has cancelled (seats freed, the first waiting registrations that fit moved up).
        annulee = Inscription.objects.filter(evenement=evenement_a_venir, email="revitalisation.03@example.org").first()
        if annulee and annulee.statut != StatutInscription.ANNULEE:
            inscriptions.annuler(annulee, notifier=False)
    return crees
