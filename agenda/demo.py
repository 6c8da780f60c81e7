"""Demo content of the agenda and the news: the 2025 webinars, the Rencontres de l'ingénierie publique,
the SISPEA workshops, a few upcoming events and a dozen news items. Idempotent (pages found by slug).

Facts come from ../shared/docs/content-facts.md and the 2025 activity report as summarised in issue 4.
Where the sources give no date, time or place, the values below are INVENTED but plausible (said in the
comments, never in the pages' text): they are demo data, to be replaced by the real programme.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from agenda.models import ActualiteIndexPage, ActualitePage, AgendaIndexPage, EvenementPage
from site_collectivites.demo.images import DESCRIPTIONS, get_or_create_image
from site_collectivites.demo.utils import get_or_create_document, home_page, stream, upsert_page
from site_collectivites.taxonomie.models import Partenaire, Thematique
from site_collectivites.territoire.models import Commune

PARIS = timezone.get_default_timezone()
HOTEL_DEPARTEMENT = ("Hôtel du Département", "26 avenue du Président Herriot", "Valence")


def _dt(jour, heure="09:00"):
    h, m = (int(x) for x in heure.split(":"))
    return datetime.datetime(jour.year, jour.month, jour.day, h, m, tzinfo=PARIS)


def _d(texte):
    return datetime.date.fromisoformat(texte)


# (slug, title, type, date, start, end, mode, (place, address, commune) or None, statut, inscription,
#  thématiques, partenaires, résumé, description paragraphs)
# All times are invented unless the comment says otherwise.
EVENEMENTS = [
    # --- "1 heure pour…": the Département's lunchtime webinar series ---
    ("1-heure-pour-les-services-cartographiques", "1 heure pour connaître… les services cartographiques du Département",
     "webinaire", "2022-04-12", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["numerique"], ["pole-sig"],
     "Le pôle SIG présente les cartes et données mises à disposition des communes, et comment s'en servir.",
     ["Séance du 12 avril 2022.",  # the date is known, the time is not
      "Au programme : l'accès aux fonds de plan et au cadastre, les couches utiles à l'urbanisme et à la voirie, "
      "les demandes de cartes sur mesure."]),
    ("1-heure-pour-drome-infos", "1 heure pour… découvrir le site « Drôme Infos »",
     "webinaire", "2025-01-30", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["numerique"], ["service-relations-collectivites"],
     "Une visite guidée du site d'information destiné aux mairies : où trouver les actualités, les contacts et "
     "les documents utiles.",
     ["Une heure pour prendre en main le site, poser ses questions et repartir avec les bons réflexes."]),
    ("1-heure-pour-choisir-un-maitre-d-oeuvre", "1 heure pour… comprendre comment choisir un maître d'œuvre",
     "webinaire", "2025-03-13", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["amenagement"], ["caue", "service-relations-collectivites"],
     "Avec le CAUE de la Drôme : les étapes pour choisir une équipe de maîtrise d'œuvre adaptée à son projet.",
     ["Webinaire annoncé le 25 février 2025.",  # the session's date is not known
      "Programmation, consultation, critères de choix, rémunération : le CAUE partage les points de vigilance "
      "des communes qui ont déjà mené l'exercice."]),
    ("1-heure-pour-le-schema-biodiversite", "1 heure pour… comprendre le schéma biodiversité, paysages et ENS",
     "webinaire", "2025-04-10", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Le schéma départemental en faveur de la biodiversité, des paysages et des espaces naturels sensibles, "
     "et ce qu'il change pour les projets communaux.",
     ["Les orientations du schéma, les sites concernés et les aides qui l'accompagnent."]),
    ("1-heure-pour-culturellement-proche", "1 heure pour… découvrir « Culturellement proche des Drômois »",
     "webinaire", "2025-05-15", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["culture-et-patrimoine"], ["direction-culture-patrimoine"],
     "La stratégie culturelle départementale 2024-2028 expliquée aux communes : priorités, appuis et aides.",
     ["Adoptée le 25 mars 2024, la stratégie encadre aussi les aides à la restauration du patrimoine."]),
    ("1-heure-pour-demarrer-sur-sispea", "1 heure pour… bien démarrer sur SISPEA",
     "webinaire", "2025-06-05", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Première prise en main de l'observatoire national des services d'eau et d'assainissement : comptes, "
     "indicateurs, calendrier de saisie.",
     ["Une introduction avant les ateliers pratiques réservés aux secrétaires de mairie."]),
    ("1-heure-pour-tailler-les-arbustes", "1 heure pour… bien tailler les arbustes",
     "webinaire", "2025-11-06", "11:00", "12:00", "en_ligne", None, "programme", "aucune",
     ["eau-et-environnement", "amenagement"], ["caue"],
     "Quand et comment tailler les haies et massifs des espaces publics, pour la floraison comme pour la faune.",
     ["Les bons gestes selon les essences, le calendrier à respecter et le matériel à prévoir."]),
    # --- Rencontres de l'ingénierie publique 2025 (date and place invented) ---
    ("rencontres-ingenierie-publique-2025", "Rencontres de l'ingénierie publique 2025",
     "rencontre", "2025-10-16", "09:00", "16:30", "presentiel", HOTEL_DEPARTEMENT, "programme", "lien_externe",
     ["eau-et-environnement", "amenagement"], ["service-relations-collectivites", "caue", "sded"],
     "Une journée d'échanges entre élus, agents et partenaires : l'eau en matinée, le village des projets et une "
     "table ronde l'après-midi.",
     ["Matinée consacrée à l'eau : ressource, réseaux et assainissement, avec le service de la gestion de l'eau.",
      "Le village des projets : onze réalisations de communes drômoises présentées par leurs porteurs.",
      "Table ronde de clôture : comment mieux travailler ensemble entre collectivités et partenaires."]),
    # --- SISPEA workshops for secrétaires de mairie (dates and places invented) ---
    ("atelier-sispea-crest", "Atelier SISPEA pour les secrétaires de mairie – Crest",
     "atelier", "2025-09-23", "09:30", "12:00", "presentiel", ("Salle de réunion du centre technique", "", "Crest"),
     "programme", "aucune", ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Saisir pas à pas les indicateurs de son service d'eau ou d'assainissement, sur son propre dossier.",
     ["Apportez le rapport annuel de votre service et vos identifiants SISPEA."]),
    ("atelier-sispea-nyons", "Atelier SISPEA pour les secrétaires de mairie – Nyons",
     "atelier", "2025-09-30", "09:30", "12:00", "presentiel", ("Maison des services publics", "", "Nyons"),
     "programme", "aucune", ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Le même atelier pratique, pour les communes du sud du département.",
     ["Apportez le rapport annuel de votre service et vos identifiants SISPEA."]),
    ("atelier-sispea-saint-vallier", "Atelier SISPEA pour les secrétaires de mairie – Saint-Vallier",
     "atelier", "2025-10-07", "09:30", "12:00", "presentiel", ("Salle du conseil", "", "Saint-Vallier"),
     "programme", "aucune", ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Le même atelier pratique, pour les communes du nord du département.",
     ["Apportez le rapport annuel de votre service et vos identifiants SISPEA."]),
    # --- 18 September 2026, registration on this site (place invented) ---
    ("rencontres-ingenierie-publique-2026", "Rencontres de l'ingénierie publique 2026",
     "rencontre", "2026-09-18", "09:00", "17:00", "presentiel", HOTEL_DEPARTEMENT, "programme", "sur_le_site",
     ["amenagement", "energie", "habitat"], ["service-relations-collectivites", "caue", "adil", "sded"],
     "La deuxième édition des Rencontres : ateliers thématiques, village des projets et rencontres avec les "
     "partenaires de l'offre d'ingénierie.",
     ["Inscription gratuite et obligatoire, dans la limite des places disponibles."]),
    # --- Upcoming, after 23 November 2026 (all invented) ---
    ("reunion-publique-cli", "Réunion publique de la Commission locale d'information",
     "reunion_information", "2026-11-26", "18:00", "20:00", "presentiel", ("Salle des fêtes", "", "Pierrelatte"),
     "reporte", "aucune", ["eau-et-environnement"], [],
     "Point annuel sur la surveillance de l'environnement autour des installations nucléaires et sur le transport "
     "des matières radioactives.",
     ["Reportée à une date qui sera annoncée sur cette page."]),
    ("1-heure-pour-le-fauchage-raisonne", "1 heure pour… organiser le fauchage raisonné des accotements",
     "webinaire", "2026-12-03", "11:00", "12:00", "en_ligne", None, "programme", "lien_externe",
     ["amenagement"], ["direction-des-deplacements"],
     "Calendrier, hauteur de coupe, sécurité et biodiversité : comment le Département entretient les bords de "
     "routes, et ce que les communes peuvent reprendre.",
     ["La direction des déplacements répond à vos questions en direct."]),
    ("formation-archivage-communal", "Formation : archiver les documents de la commune",
     "formation", "2026-12-10", "09:30", "16:30", "presentiel",
     ("Archives départementales", "14 rue de la Manutention", "Valence"), "programme", "lien_externe",
     ["culture-et-patrimoine"], ["direction-culture-patrimoine"],
     "Tri, durées de conservation, éliminations réglementaires : une journée avec les Archives départementales "
     "pour appliquer les nouvelles règles.",
     ["Repas libre. Les supports de la formation sont remis aux participants."]),
    ("reunion-aides-departementales-2027", "Réunion d'information : les aides départementales 2027",
     "reunion_information", "2027-01-14", "14:00", "16:00", "mixte", HOTEL_DEPARTEMENT, "programme", "aucune",
     ["amenagement", "energie", "culture-et-patrimoine"], ["service-relations-collectivites"],
     "Les dispositifs d'aide aux communes et intercommunalités pour 2027, les calendriers de dépôt et la "
     "plateforme Drôme Démat'.",
     ["À suivre dans la salle ou en visioconférence."]),
    ("1-heure-pour-les-donnees-cartographiques-2027", "1 heure pour… utiliser les données cartographiques dans son PLU",
     "webinaire", "2027-01-21", "11:00", "12:00", "en_ligne", None, "complet", "lien_externe",
     ["numerique", "amenagement"], ["pole-sig"],
     "Le pôle SIG montre comment mobiliser les données du Département dans une révision de document d'urbanisme.",
     ["Une nouvelle séance sera proposée au printemps."]),
    ("atelier-sispea-saisie-2027", "Atelier SISPEA : saisie des indicateurs 2026",
     "atelier", "2027-02-04", "09:30", "12:00", "presentiel", ("Salle de réunion du centre technique", "", "Crest"),
     "annule", "aucune", ["eau-et-environnement"], ["direction-environnement-gestion-eau"],
     "Atelier pratique de saisie des indicateurs de l'année 2026.",
     ["Annulé : les ateliers de 2027 seront regroupés en ligne."]),
    ("rencontre-revitalisation-centres-bourgs", "Rencontre du club revitalisation des centres-villes et villages",
     "rencontre", "2027-03-11", "09:30", "16:00", "presentiel", ("Mairie", "", "Dieulefit"), "programme",
     "sur_le_site", ["habitat", "amenagement", "alimentation-et-commerce"], ["service-relations-collectivites", "dah"],
     "Une journée entre communes engagées dans la revitalisation de leur centre : commerces, logements, espaces "
     "publics.",
     ["Visite du centre-bourg le matin, ateliers d'échange l'après-midi."]),
]

# Replays of the 2025 webinars: slug -> (duration in minutes, transcript paragraphs). Durations invented; the
# video addresses are the Département's site's (not real videos): no oEmbed provider matches them, so the demo
# shows the plain link and never calls a video platform.
REPLAYS = {
    "1-heure-pour-drome-infos": (52, [
        "Bonjour à toutes et à tous, et merci d'être connectés pour cette présentation du site Drôme Infos.",
        "Nous allons voir ensemble où trouver les actualités destinées aux mairies, l'annuaire des services et "
        "les documents à télécharger, puis nous prendrons vos questions.",
    ]),
    "1-heure-pour-choisir-un-maitre-d-oeuvre": (58, [
        "Bienvenue à ce webinaire animé avec le CAUE de la Drôme.",
        "Premier conseil : bien définir son besoin avant de consulter. Un programme clair permet de comparer les "
        "offres et d'éviter les avenants.",
        "Nous verrons ensuite les modes de consultation selon le montant, puis les critères de choix.",
    ]),
    "1-heure-pour-le-schema-biodiversite": (61, [
        "Le schéma départemental fixe des orientations pour la biodiversité, les paysages et les espaces naturels "
        "sensibles. Nous présentons ici ce qu'il implique pour les projets des communes.",
    ]),
    "1-heure-pour-culturellement-proche": (47, [
        "La stratégie « Culturellement proche des Drômois » couvre la période 2024-2028.",
        "Elle s'appuie sur les bibliothèques, les enseignements artistiques, le patrimoine et les archives.",
    ]),
    "1-heure-pour-demarrer-sur-sispea": (55, [
        "SISPEA est l'observatoire national des services d'eau et d'assainissement.",
        "Nous allons créer un compte, retrouver son service, puis saisir un premier indicateur ensemble.",
    ]),
    "1-heure-pour-tailler-les-arbustes": (44, [
        "Tailler au bon moment, c'est préserver la floraison et laisser les oiseaux nicher tranquilles.",
        "Voici les périodes à retenir selon les essences, et les gestes à éviter.",
    ]),
}

# (slug, title, date, thématiques, image (style, seed), résumé, paragraphs). Dates from the facts when
# they give one; otherwise invented.
ACTUALITES = [
    ("fauchage-des-accotements", "Voirie : le fauchage des accotements des routes départementales", "2026-05-12",
     ["amenagement"], ("route", 21),
     "Le Département fauche les bords de ses routes en plusieurs passages pour concilier sécurité et "
     "biodiversité. Un dépliant explique le calendrier et les consignes aux riverains.",
     ["Les accotements sont fauchés d'abord sur une bande de sécurité, puis plus largement en fin d'été, quand "
      "la flore a fini de fleurir.",
      "Pour toute question sur une route départementale, contactez la direction des déplacements."]),
    ("reunions-publiques-cli", "Commissions locales d'information : les réunions publiques", "2024-11-26",
     ["eau-et-environnement"], ("riviere", 31),
     "Les commissions locales d'information font le point en public sur la surveillance de l'environnement et "
     "le transport des matières radioactives.",
     ["Ces réunions sont ouvertes à tous : élus, associations et habitants peuvent y poser leurs questions."]),
    ("nouvelles-regles-archivage", "Archives : les règles de tri et de conservation évoluent", "2023-07-28",
     ["culture-et-patrimoine"], ("archives", 32),
     "Les règles d'archivage des communes changent. Les Archives départementales mettent à disposition des "
     "outils pour s'y retrouver.",
     ["Tableaux de gestion, modèles de bordereaux et conseils personnalisés sont proposés aux mairies."]),
    ("services-cartographiques", "Le pôle SIG présente ses services cartographiques", "2022-03-25",
     ["numerique"], ("vercors", 22),
     "Cartes, cadastre, données d'urbanisme : le pôle SIG du Département présente les services ouverts aux "
     "communes lors d'une séance « 1 heure pour connaître… ».",
     ["La séance a lieu en ligne le 12 avril 2022."]),
    ("choisir-un-maitre-d-oeuvre", "Choisir un maître d'œuvre : une heure pour tout comprendre", "2025-02-25",
     ["amenagement"], ("village", 23),
     "Le CAUE de la Drôme anime un nouveau webinaire « 1 heure pour… » consacré au choix d'une équipe de "
     "maîtrise d'œuvre.",
     ["Le webinaire s'adresse aux élus et agents qui préparent une construction ou une rénovation."]),
    ("strategie-culturelle", "« Culturellement proche des Drômois » : la stratégie culturelle 2024-2028",
     "2024-04-02", ["culture-et-patrimoine"], ("village", 33),
     "Adoptée le 25 mars 2024, la nouvelle stratégie culturelle du Département fixe le cadre de ses aides, "
     "notamment pour le patrimoine.",
     ["Elle concerne les bibliothèques, les enseignements artistiques, le patrimoine et les archives."]),
    ("aide-patrimoine", "Restaurer son patrimoine : la fiche d'aide mise à jour", "2025-01-08",
     ["culture-et-patrimoine"], ("village", 24),
     "La fiche de l'aide départementale au patrimoine a été mise à jour : études, travaux, objets mobiliers et "
     "archives publiques.",
     ["Les dossiers se déposent sur la plateforme Drôme Démat'."]),
    ("retour-rencontres-2025", "Rencontres de l'ingénierie publique 2025 : retour sur la journée", "2025-10-20",
     ["eau-et-environnement", "amenagement"], ("riviere", 25),
     "L'eau, onze projets au village des projets et une table ronde : retour sur les Rencontres de l'ingénierie "
     "publique 2025.",
     ["Les supports des interventions sont disponibles sur demande auprès du service des relations avec les "
      "collectivités."]),
    ("ateliers-sispea", "SISPEA : trois ateliers pour les secrétaires de mairie", "2025-09-01",
     ["eau-et-environnement"], ("archives", 34),
     "Trois ateliers pratiques sont proposés à Crest, Nyons et Saint-Vallier pour saisir les indicateurs des "
     "services d'eau et d'assainissement.",
     ["Chaque atelier dure une matinée ; les places sont limitées."]),
    ("webinaires-2025", "Les webinaires « 1 heure pour… » de 2025 en un coup d'œil", "2025-12-15",
     ["numerique"], ("vercors", 35),
     "Drôme Infos, biodiversité, culture, maîtrise d'œuvre, SISPEA, taille des arbustes : le point sur les "
     "webinaires de l'année.",
     ["Retrouvez chaque séance dans l'agenda, rubrique des événements passés."]),
    ("rencontres-2026-inscriptions", "Rencontres de l'ingénierie publique 2026 : notez la date", "2026-06-15",
     ["amenagement"], ("lavande", 26),
     "La deuxième édition des Rencontres aura lieu le 18 septembre 2026 à Valence. L'inscription se fera sur ce "
     "site.",
     ["Ateliers, village des projets et rencontres avec les partenaires sont au programme."]),
    ("drome-demat", "Demandes d'aide : tout passe par Drôme Démat'", "2026-01-20",
     ["amenagement"], ("archives", 36),
     "Les demandes d'aide départementale des collectivités se déposent en ligne sur la plateforme Drôme Démat', "
     "qui permet aussi de suivre son dossier.",
     ["Chaque fiche d'aide indique le téléservice à utiliser et les pièces à joindre."]),
]




# Registration on this site: slug -> (seats, closing date of registration, Paris time).
INSCRIPTIONS = {
    "rencontres-ingenierie-publique-2026": (150, "2026-09-11 18:00"),
    "rencontre-revitalisation-centres-bourgs": (40, "2027-03-04 18:00"),
}


def _paragraphes(paragraphes):
    return stream(*[("texte", f"<p>{p}</p>") for p in paragraphes])


@transaction.atomic
def load(stdout):
    home = home_page()
    agenda = AgendaIndexPage.objects.child_of(home).get()
    actualites = ActualiteIndexPage.objects.child_of(home).get()

    thematiques = {t.slug: t for t in Thematique.objects.all()}
    partenaires = {p.slug: p for p in Partenaire.objects.all()}
    communes = {}

    def commune(nom):
        if nom not in communes:
            communes[nom] = Commune.objects.filter(nom=nom).first()  # None if the territory is not imported
        return communes[nom]

    for (slug, titre, type_evenement, jour, debut, fin, mode, lieu, statut, inscription, themes, orgs, resume,
         paragraphes) in EVENEMENTS:
        date = _d(jour)
        lieu_nom, lieu_adresse, nom_commune = lieu or ("", "", "")
        capacite, cloture = INSCRIPTIONS.get(slug, (None, None))
        upsert_page(
            agenda, EvenementPage, slug,
            title=titre, type_evenement=type_evenement, debut=_dt(date, debut), fin=_dt(date, fin),
            journee_entiere=False, mode=mode, lieu_nom=lieu_nom or (nom_commune if lieu else ""),
            lieu_adresse=lieu_adresse, commune=commune(nom_commune) if nom_commune else None,
            lien_en_ligne="https://visio.ladrome.fr/ingenierie" if mode in ("en_ligne", "mixte") else "",
            statut=statut, inscription=inscription, capacite=capacite,
            date_limite_inscription=_dt(_d(cloture[:10]), cloture[11:]) if cloture else None,
            lien_inscription="https://www.ladrome.fr/inscriptions" if inscription == "lien_externe" else "",
            public="Élus, secrétaires de mairie et agents des collectivités drômoises",
            thematiques=[thematiques[t] for t in themes if t in thematiques],
            partenaires=[partenaires[p] for p in orgs if p in partenaires],
            resume=resume, description=_paragraphes(paragraphes),
        )

    for slug, (duree, transcription) in REPLAYS.items():
        evenement = EvenementPage.objects.child_of(agenda).get(slug=slug)
        diaporama = get_or_create_document(
            f"Diaporama – {evenement.title}", ["Département de la Drôme", evenement.title, "Support de présentation"]
        )
        upsert_page(
            agenda, EvenementPage, slug,
            replay_video=f"https://www.ladrome.fr/videos/{slug}/",
            replay_duree=duree,
            replay_transcription="".join(f"<p>{p}</p>" for p in transcription),
            replay_supports=stream(("document", diaporama.pk)),
        )

    depliant = get_or_create_document(
        "Dépliant – fauchage des accotements des routes départementales",
        ["Département de la Drôme – Direction des déplacements", "Calendrier des passages de fauchage",
         "Consignes de sécurité aux abords des chantiers"],
    )
    for slug, titre, jour, themes, image, resume, paragraphes in ACTUALITES:
        corps = [("texte", f"<p>{p}</p>") for p in paragraphes]
        if slug == "fauchage-des-accotements":
            corps.append(("documents", {"titre": "Documents à télécharger", "documents": [depliant.pk]}))
        upsert_page(
            actualites, ActualitePage, slug,
            title=titre, date_publication=_d(jour),
            thematiques=[thematiques[t] for t in themes if t in thematiques],
            image=get_or_create_image(titre, image[0], DESCRIPTIONS[image[0]], seed=image[1]),
            resume=resume, corps=stream(*corps),
        )
    from agenda import demo_inscriptions

    evenements = EvenementPage.objects.child_of(agenda)
    nouvelles = demo_inscriptions.load(
        evenements.filter(slug="rencontres-ingenierie-publique-2026").first(),
        evenements.filter(slug="rencontre-revitalisation-centres-bourgs").first(),
    )
    stdout.write(f"Agenda : {nouvelles} inscriptions de démonstration ajoutées.")
    stdout.write(
        f"Agenda : {EvenementPage.objects.descendant_of(agenda).count()} événements, "
        f"{ActualitePage.objects.descendant_of(actualites).count()} actualités."
    )
