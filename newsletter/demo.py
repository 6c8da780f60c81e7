"""Demo content of the newsletter: the archive page "La lettre d'information" (also the site settings' newsletter
page), two issues already sent and the next one ready, and a few dozen subscribers in every status.
Idempotent: pages are found by slug, subscribers by address, sends by issue.

Facts come from ../shared/docs/content-facts.md; the issues' dates and the subscribers are INVENTED demo data
(all addresses use the reserved domain .example).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from newsletter import services
from newsletter.models import (
    Abonne, Envoi, NatureConsentement, NewsletterIndexPage, NewsletterPage, Remise, StatutAbonne, StatutEnvoi,
    StatutRemise,
)
from site_collectivites.demo.utils import home_page, stream, upsert_page
from site_collectivites.taxonomie.models import Thematique

PARIS = timezone.get_default_timezone()

LETTRES = [
    ("lettre-octobre-2026", "Lettre d'information n° 1 – octobre 2026", "2026-10-06", True,
     "Une première lettre pour dire ce que l'ingénierie publique départementale peut faire pour votre commune.",
     stream(
         ("texte", "<h2>Une lettre pour les élus et les agents</h2><p>Chaque mois, le Département et ses partenaires "
                   "vous donnent ici les nouvelles offres d'accompagnement, les aides ouvertes et les prochains "
                   "rendez-vous. Vous choisissez les thématiques qui vous concernent.</p>"),
         ("texte", "<h2>Eau potable et assainissement : un accord pour 2025-2030</h2><p>L'accord-cadre signé avec "
                   "l'Agence de l'eau Rhône Méditerranée Corse poursuit l'assistance technique aux exploitants de "
                   "stations d'épuration (SATESE), aux services d'eau potable (SATEP) et à l'assainissement non "
                   "collectif (SATAA).</p>"),
         ("appel_action", {"titre": "Un projet en tête ?", "texte": "Décrivez-le en quelques lignes : le bon "
                           "interlocuteur vous répond.", "lien": {"page": None, "url": "https://www.ladrome.fr/",
                                                                   "libelle": "Le site du Département"}}),
     )),
    ("lettre-novembre-2026", "Lettre d'information n° 2 – novembre 2026", "2026-11-03", True,
     "Patrimoine, aménagement des centres-bourgs et dates limites : ce qu'il faut savoir avant la fin de l'année.",
     stream(
         ("texte", "<h2>Patrimoine : connaître et faire connaître</h2><p>Expositions, conférences, publications ou "
                   "pré-inventaires : le Département aide ces projets de 1 000 € à 4 000 €. Collectivités, "
                   "associations et structures culturelles peuvent le demander.</p>"),
         ("texte", "<h2>Communes de plus de 25 000 habitants</h2><p>Les dossiers d'aide à l'investissement se "
                   "déposent sur Drôme Démat' avant le 31 octobre de l'année qui précède les travaux. Le service "
                   "des relations avec les collectivités répond à vos questions : "
                   "<a href=\"mailto:relations-collectivites@ladrome.fr\">relations-collectivites@ladrome.fr</a>.</p>"),
     )),
    ("lettre-decembre-2026", "Lettre d'information n° 3 – décembre 2026", "2026-12-01", False,
     "Les nouveautés du site depuis la dernière lettre, et les rendez-vous de l'hiver.",
     stream(
         ("texte", "<p>Voici ce qui a été publié sur le site depuis la lettre de novembre.</p>"),
         ("derniers_contenus", {"titre": "Les actualités", "nature": "actualites", "nombre": 4}),
         ("derniers_contenus", {"titre": "Les prochains rendez-vous", "nature": "evenements", "nombre": 4}),
         ("derniers_contenus", {"titre": "Offres d'ingénierie", "nature": "offres", "nombre": 3}),
         ("derniers_contenus", {"titre": "Aides financières", "nature": "aides", "nombre": 3}),
         ("derniers_contenus", {"titre": "Réalisations", "nature": "realisations", "nombre": 3}),
     )),
]

COMMUNES = ["saillans", "die", "crest", "nyons", "dieulefit", "grignan", "tain-l-hermitage", "loriol-sur-drome",
            "pierrelatte", "saint-vallier", "buis-les-baronnies", "chatuzange-le-goubet"]
FONCTIONS = ["maire", "secretariat", "dgs", "adjoint-urbanisme"]
LIBELLES_FONCTIONS = {"maire": "Maire", "secretariat": "Secrétaire de mairie", "dgs": "Directeur général des services",
                      "adjoint-urbanisme": "Adjointe à l'urbanisme"}
# Statuses by position: mostly confirmed, some pending, unsubscribed, bounced and one complaint.
STATUTS = ([StatutAbonne.CONFIRME] * 7 + [StatutAbonne.EN_ATTENTE, StatutAbonne.DESABONNE, StatutAbonne.CONFIRME,
           StatutAbonne.REBOND, StatutAbonne.CONFIRME])


def _abonnes(stdout):
    thematiques = list(Thematique.objects.order_by("ordre", "nom"))
    crees = 0
    for i, commune in enumerate(COMMUNES):
        for j, fonction in enumerate(FONCTIONS[:3]):
            email = f"{fonction}@mairie-{commune}.example"
            statut = STATUTS[(i + j) % len(STATUTS)]
            if i == 5 and j == 2:
                statut = StatutAbonne.PLAINTE
            abonne, cree = Abonne.objects.get_or_create(email=email, defaults={
                "statut": statut, "collectivite": f"Commune de {commune.replace('-', ' ').title()}",
                "fonction": LIBELLES_FONCTIONS[fonction],
                "cree_le": datetime.datetime(2026, 9, 1 + (i + j) % 28, 10, tzinfo=PARIS),
            })
            if not cree:
                continue
            crees += 1
            if thematiques and (i + j) % 3:
                abonne.thematiques.set(thematiques[(i + j) % len(thematiques)::4])
            services.noter_preuve(abonne, NatureConsentement.DEMANDE, page_origine="/lettre-information/")
            if statut != StatutAbonne.EN_ATTENTE:
                Abonne.objects.filter(pk=abonne.pk).update(confirme_le=abonne.cree_le)
                services.noter_preuve(abonne, NatureConsentement.CONFIRMATION, page_origine="/lettre-information/")
    stdout.write(f"Lettre d'information : {crees} abonné(s) de démonstration ajouté(s).")


def _envoi_deja_fait(lettre, jour):
    """The record of an issue sent before the demo existed: its deliveries, as if the worker had sent them."""
    if Envoi.objects.filter(lettre=lettre).exists():
        return
    moment = datetime.datetime.combine(jour, datetime.time(10), tzinfo=PARIS)
    envoi = Envoi.objects.create(lettre=lettre, statut=StatutEnvoi.TERMINE, cree_le=moment,
                                 termine_le=moment + datetime.timedelta(minutes=2), remises_creees=True)
    abonnes = list(Abonne.objects.exclude(statut=StatutAbonne.EN_ATTENTE).order_by("pk"))
    Remise.objects.bulk_create(
        Remise(envoi=envoi, abonne=abonne, statut=StatutRemise.ENVOYEE, envoyee_le=moment,
               rebond=abonne.statut == StatutAbonne.REBOND, plainte=abonne.statut == StatutAbonne.PLAINTE,
               desabonnement=abonne.statut == StatutAbonne.DESABONNE)
        for abonne in abonnes
    )
    Envoi.objects.filter(pk=envoi.pk).update(total=len(abonnes))


@transaction.atomic
def load(stdout):
    home = home_page()
    index = NewsletterIndexPage.objects.child_of(home).get()
    _abonnes(stdout)
    for slug, titre, jour, envoyee, chapo, corps in LETTRES:
        date = datetime.date.fromisoformat(jour)
        lettre = upsert_page(index, NewsletterPage, slug, title=titre, date_lettre=date, chapo=chapo, corps=corps)
        if envoyee:
            _envoi_deja_fait(lettre, date)
