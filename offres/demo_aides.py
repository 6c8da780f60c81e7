"""Demo financial aids, State aid links and réalisations, written for this site.

Aids: from the facts in shared/docs/content-facts.md §1 (names, rates, dates, services); the wording is ours.
Two calls for projects (petit patrimoine, new session of centres villes et villages) have illustrative
dates computed from the day the demo is loaded (around 23 November 2026 when it was written), so that every
status (ouverte, clôture proche, à venir, clôturée) shows whenever the demo is loaded. Réalisations are ILLUSTRATIVE: real communes of the territory reference, plausible projects,
invented figures and quotes (no real person is quoted).
"""

import datetime

from django.utils import timezone

D = datetime.date
AUJOURDHUI = timezone.localdate()


def dans(jours):
    return AUJOURDHUI + datetime.timedelta(days=jours)


SRC = "Service des relations avec les collectivités"
EAU = "Direction de l'environnement – Service de la gestion de l'eau"
CULTURE = "Direction de la culture et du patrimoine"
# The platform's home page (the field's default, offres/models): editors set each aid's own form's address.
DEMAT = "https://demat.ladrome.fr/"
C, E, S, A = "communes", "epci", "syndicats", "autres-organismes-publics"


def ul(*items):
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def p(*phrases):
    return "".join(f"<p>{x}</p>" for x in phrases)


AIDES = [
    {
        "slug": "dst-pct", "title": "Dotation de solidarité territoriale (DST) et projets de cohérence territoriale (PCT)",
        "resume": "Financer les bâtiments et espaces publics des communes et les projets structurants des bassins de vie.",
        "thematiques": ["amenagement", "habitat"], "beneficiaires": [C, E],
        "taux_min": 20, "taux_max": 70, "calendrier": "permanent", "mis_a_jour_le": D(2023, 11, 14),
        "objectifs": p("Aider les communes et leurs groupements à améliorer leurs équipements et leurs espaces "
                       "publics, et soutenir les projets qui structurent un bassin de vie."),
        "operations_eligibles": ul("Bâtiments communaux : mairies, lieux de culte non protégés, salles des fêtes, "
                                   "cimetières, halles, commerces multiservices", "Mise en accessibilité",
                                   "Écoles primaires et équipements de la petite enfance", "Équipements sportifs",
                                   "Aménagements de villages et de centres-bourgs",
                                   "Sites de sports de nature inscrits au PDESI, véloroutes et voies vertes",
                                   "Ouvrages d'art", "Acquisitions foncières"),
        "beneficiaires_details": p("Communes et groupements de communes de la Drôme."),
        "type_aide": p("Subvention d'investissement."),
        "montant_taux": p("De 20 % à 70 % de la dépense subventionnable, selon la taille de la collectivité."),
        "instruction": p("La demande se dépose en ligne ; le service vérifie que le dossier est complet avant de "
                         "le présenter aux élus."),
        "demat_url": DEMAT, "demat_teleservice": "Aménagement du territoire",
        "demat_dispositif": "Bâtiments communaux, équipements publics et bonus mobilisables",
        "service_instructeur": p(f"{SRC} – relations-collectivites@ladrome.fr"),
    },
    {
        "slug": "investissement-grandes-communes", "title": "Aides à l'investissement des communes de plus de 25 000 habitants",
        "resume": "Un soutien contractualisé aux équipements structurants des villes-centres.",
        "thematiques": ["amenagement"], "beneficiaires": [C], "taux_min": 20, "taux_max": 20,
        "calendrier": "date_limite", "date_limite": D(2027, 10, 31), "mis_a_jour_le": D(2025, 1, 21),
        "objectifs": p("Accompagner les villes de plus de 25 000 habitants dans les équipements liés à leur rôle "
                       "de centralité pour tout le département."),
        "operations_eligibles": ul("Bâtiments communaux et équipements publics structurants",
                                   "Aménagement des espaces publics"),
        "beneficiaires_details": p("Communes de plus de 25 000 habitants."),
        "type_aide": p("Subvention d'investissement, dans le cadre d'un contrat avec la commune."),
        "montant_taux": p("20 % de la dépense subventionnable, dans la limite de 80 % d'aides publiques au total."),
        "instruction": p("Dossier à déposer avant le 31 octobre de l'année précédant les travaux (année N-1). "
                         "Les aides sont attribuées par la Commission permanente."),
        "demat_url": DEMAT, "demat_teleservice": "Aménagement du territoire",
        "demat_dispositif": "Bâtiments communaux, équipements publics et bonus mobilisables ; Aménagement des "
                            "espaces publics et bonus mobilisables",
        "service_instructeur": p(f"{SRC} – relations-collectivites@ladrome.fr"),
    },
    {
        "slug": "postes-animation-rivieres", "title": "Postes d'animation des contrats de rivière",
        "resume": "Un financement des postes qui animent la gestion des rivières, jusqu'à un poste par bassin versant.",
        "thematiques": ["eau-et-environnement"], "beneficiaires": [E, S], "plafond": 11500,
        "calendrier": "permanent", "mis_a_jour_le": D(2025, 1, 21),
        "objectifs": p("Faire vivre les contrats de rivière et la gestion des milieux aquatiques grâce à un "
                       "animateur dans chaque bassin versant."),
        "operations_eligibles": ul("Poste d'animateur ou d'animatrice de contrat de rivière ou de bassin"),
        "exclusions": p("Plus d'un équivalent temps plein par bassin versant."),
        "beneficiaires_details": p("Intercommunalités et syndicats compétents en GEMAPI sur des bassins drômois "
                                   "de moins de 50 000 habitants."),
        "type_aide": p("Subvention de fonctionnement."),
        "montant_taux": p("Forfait de 11 500 € appliqué à la quotité du poste, plus 10 % du salaire chargé."),
        "bases_reglementaires": p("Règlement départemental Rivières du 18 novembre 2019."),
        "demat_url": DEMAT, "demat_teleservice": "Environnement", "demat_dispositif": "Aménagement et travaux de rivières",
        "service_instructeur": p(EAU),
    },
    {
        "slug": "materiel-mesure-rivieres", "title": "Matériel de mesure pour la gestion des rivières",
        "resume": "Équiper les gestionnaires de rivières pour mesurer débits, profils et nappes.",
        "thematiques": ["eau-et-environnement"], "beneficiaires": [E, S], "taux_min": 30, "taux_max": 30,
        "plafond": 40000, "calendrier": "permanent", "mis_a_jour_le": D(2024, 11, 21),
        "objectifs": p("Mieux connaître les cours d'eau pour mieux les gérer."),
        "operations_eligibles": ul("Matériel d'hydrologie", "Matériel de topographie", "Matériel d'hydrogéologie"),
        "beneficiaires_details": p("Intercommunalités et syndicats compétents en GEMAPI."),
        "type_aide": p("Subvention d'investissement."),
        "depenses_subventionnables": p("Achat de matériel, dans la limite de 40 000 € HT de dépense."),
        "montant_taux": p("30 % de la dépense retenue."),
        "bases_reglementaires": p("Règlement départemental Rivières du 18 novembre 2019."),
        "demat_url": DEMAT, "demat_teleservice": "Environnement", "demat_dispositif": "Aménagement et travaux de rivières",
        "service_instructeur": p(EAU),
    },
    {
        "slug": "patrimoine-investissement", "title": "Patrimoine : études et travaux",
        "resume": "Restaurer un édifice, protégé ou non, ses décors, ses objets mobiliers ou des archives publiques.",
        "thematiques": ["culture-et-patrimoine"], "beneficiaires": [C, E], "calendrier": "permanent",
        "mis_a_jour_le": D(2024, 12, 21),
        "objectifs": p("Conserver et transmettre le patrimoine drômois, dans le cadre de la stratégie culturelle "
                       "2024-2028 « Culturellement proche des Drômois » adoptée le 25 mars 2024."),
        "operations_eligibles": ul("Études et travaux sur des édifices protégés au titre des monuments historiques "
                                   "ou non protégés", "Décors et objets mobiliers",
                                   "Archives publiques : cadastres, registres…"),
        "type_aide": p("Subvention d'investissement."),
        "demat_url": DEMAT, "demat_teleservice": "Culture", "demat_dispositif": "Patrimoine – investissement",
        "service_instructeur": p(CULTURE),
    },
    {
        "slug": "patrimoine-connaissance-mediation", "title": "Patrimoine : connaissance et médiation",
        "resume": "De 1 000 à 4 000 € pour faire connaître le patrimoine : expositions, conférences, publications.",
        "thematiques": ["culture-et-patrimoine"], "beneficiaires": [C, E, A], "plafond": 4000,
        "calendrier": "permanent", "mis_a_jour_le": D(2024, 4, 26),
        "objectifs": p("Faire découvrir le patrimoine aux habitants et aux visiteurs."),
        "operations_eligibles": ul("Supports multimédias", "Expositions", "Cycles de conférences", "Publications",
                                   "Pré-inventaires"),
        "beneficiaires_details": p("Collectivités, associations et structures culturelles."),
        "type_aide": p("Subvention de fonctionnement."),
        "montant_taux": p("De 1 000 € à 4 000 € par projet."),
        "demat_url": DEMAT, "demat_teleservice": "Culture", "demat_dispositif": "Patrimoine – connaissance et médiation",
        "service_instructeur": p(CULTURE),
    },
    {
        "slug": "centres-anciens", "title": "Patrimoine des centres anciens",
        "resume": "Façades, fontaines, lavoirs, décors : des études et travaux dans les cœurs de villes et villages.",
        "thematiques": ["culture-et-patrimoine", "habitat"], "beneficiaires": [C], "calendrier": "permanent",
        "mis_a_jour_le": D(2022, 5, 22),
        "objectifs": p("Mettre en valeur le patrimoine des centres anciens."),
        "operations_eligibles": ul("Façades", "Fontaines et lavoirs", "Décors"),
        "exclusions": p("Les communes qui perçoivent la dotation Grandes Villes."),
        "beneficiaires_details": p("Communes (hors dotation Grandes Villes), propriétaires privés et associations, "
                                   "dans un site patrimonial remarquable ou une opération de renouvellement urbain."),
        "type_aide": p("Subvention d'investissement."),
        "montant_taux": p("Pour les communes, le taux dépend du potentiel financier, dans la limite de 80 % "
                          "d'aides publiques."),
        "demat_url": DEMAT, "demat_teleservice": "Culture", "demat_dispositif": "Centres anciens",
        "service_instructeur": p(CULTURE),
    },
    {
        "slug": "appel-a-projets-centres-villes-villages-2020",
        "title": "Appel à projets « Objectif re-dynamisation des centres villes et villages » – session 2020",
        "resume": "La session 2020 de l'appel à projets pour redonner vie aux centres des villes et villages.",
        "thematiques": ["habitat", "amenagement", "alimentation-et-commerce"], "beneficiaires": [C, E],
        "calendrier": "appel_a_projets", "date_ouverture": D(2020, 7, 15), "date_cloture": D(2020, 11, 15),
        "mis_a_jour_le": D(2020, 7, 15),
        "objectifs": p("Lancé en 2019 avec une enveloppe de 400 000 €, l'appel à projets complète le programme "
                       "Action Cœur de Ville de Valence, Romans-sur-Isère et Montélimar pour les autres communes."),
        "instruction": p("Les dossiers étaient à adresser à relations-collectivites@ladrome.fr."),
        "demat_url": "",
        "service_instructeur": p(SRC),
    },
    {
        "slug": "appel-a-projets-centres-villes-villages",
        "title": "Appel à projets « Centres villes et villages » – nouvelle session",
        "resume": "Nouvelle session : commerces, logements et espaces publics des centres-bourgs.",
        "thematiques": ["habitat", "amenagement", "alimentation-et-commerce"], "beneficiaires": [C, E],
        "calendrier": "appel_a_projets", "date_ouverture": dans(53), "date_cloture": dans(158),
        "objectifs": p("Soutenir les projets qui ramènent habitants, commerces et services dans les centres."),
        "demat_url": DEMAT, "demat_teleservice": "Aménagement du territoire", "demat_dispositif": "Centres villes et villages",
        "service_instructeur": p(SRC),
    },
    {
        "slug": "appel-a-projets-petit-patrimoine-rural",
        "title": "Appel à projets petit patrimoine rural",
        "resume": "Lavoirs, moulins, fontaines, chapelles, pigeonniers : restaurer le petit patrimoine des villages.",
        "thematiques": ["culture-et-patrimoine"], "beneficiaires": [C, A], "calendrier": "appel_a_projets",
        "date_ouverture": dans(-69), "date_cloture": dans(25),
        "objectifs": p("Sauver le petit patrimoine non protégé qui fait l'identité des villages drômois."),
        "operations_eligibles": ul("Lavoirs, moulins et fontaines", "Chapelles, cabanons et pigeonniers"),
        "demat_url": DEMAT, "demat_teleservice": "Culture", "demat_dispositif": "Petit patrimoine rural",
        "service_instructeur": p(CULTURE),
    },
]


# Cached State aid records as the import would leave them (demo: no network). Their ids are illustrative.
AIDES_ETAT = [
    ("demo-fonds-vert-renovation", "Fonds vert : rénovation énergétique des bâtiments publics locaux",
     "https://aides-territoires.beta.gouv.fr/aides/", "Ministère de la Transition écologique", D(2027, 3, 31),
     ["energie"]),
    ("demo-dsil", "Dotation de soutien à l'investissement local (DSIL)",
     "https://aides-territoires.beta.gouv.fr/aides/", "Préfecture de la Drôme", None, ["amenagement", "habitat"]),
    ("demo-detr", "Dotation d'équipement des territoires ruraux (DETR)",
     "https://aides-territoires.beta.gouv.fr/aides/", "Préfecture de la Drôme", D(2027, 1, 31),
     ["amenagement", "culture-et-patrimoine"]),
    ("demo-cours-eau", "Restauration des cours d'eau et des zones humides",
     "https://aides-territoires.beta.gouv.fr/aides/", "Agence de l'eau Rhône Méditerranée Corse", None,
     ["eau-et-environnement"]),
]

# (slug, title, type, insee or EPCI siren, syndicat, year, thématiques, types, partenaires, offres, budget,
#  résumé, texte, témoignage, fonction, image style)
REALISATIONS = [
    ("ecole-die-renovation", "Une école rénovée et mieux chauffée à Die", "commune", "26113", "", 2024,
     ["energie"], ["conseil", "amo"], ["sded", "caue"], ["conseil-en-energie-des-communes", "programmer-batiment-public"],
     480000, "Isolation, ventilation et nouvelle chaufferie : l'école consomme moins et les enfants ont plus chaud.",
     "Après un bilan du conseiller en énergie, la commune a engagé la rénovation de son groupe scolaire. Le CAUE a "
     "aidé à rédiger le programme et à choisir l'équipe de maîtrise d'œuvre.",
     "Sans ce premier bilan, nous aurions changé la chaudière sans isoler. Aujourd'hui la facture a nettement baissé.",
     "adjoint aux bâtiments", "village"),
    ("place-bourdeaux", "La place du village de Bourdeaux retrouve ses piétons", "commune", "26056", "", 2023,
     ["amenagement"], ["conseil", "amo"], ["caue"], ["premier-conseil-architecte", "amenager-espace-public"],
     310000, "Un parking devenu place ombragée, avec un marché le jeudi.",
     "Le CAUE a animé deux réunions publiques et proposé des principes d'aménagement. Les arbres plantés "
     "ombragent désormais le marché.", "Les habitants ont dessiné la place avec nous.", "maire", "village"),
    ("lavoir-tulette", "Le lavoir de Tulette restauré", "commune", "26357", "", 2022, ["culture-et-patrimoine"],
     ["conseil"], ["direction-culture-patrimoine"], ["restauration-patrimoine"], 65000,
     "Charpente, toiture et bassin : le lavoir du XIXe siècle a retrouvé son allure.",
     "La commune a bénéficié de l'aide départementale au patrimoine pour cette restauration menée avec des "
     "artisans locaux.", "", "", "vignes"),
    ("riviere-buis", "L'Ouvèze plus vivante à Buis-les-Baronnies", "commune", "26063", "", 2025,
     ["eau-et-environnement"], ["amo"], ["direction-environnement-gestion-eau"], ["rivieres-gemapi"], 220000,
     "Berges replantées et seuil aménagé pour les poissons.",
     "La restauration a été conduite avec le service de la gestion de l'eau du Département.",
     "La rivière redevient un lieu de promenade.", "conseiller municipal délégué à l'environnement", "riviere"),
    ("tiers-lieu-saint-jean-en-royans", "Un tiers-lieu dans l'ancienne poste de Saint-Jean-en-Royans", "commune",
     "26307", "", 2024, ["numerique", "alimentation-et-commerce"], ["conseil"], ["moulin-digital"], ["tiers-lieux"],
     150000, "Espace de travail partagé, atelier numérique et café associatif.",
     "Le Moulin Digital a accompagné la commune et l'association qui anime le lieu.", "", "", "vercors"),
    ("commerce-hauterives", "Un commerce multiservice à Hauterives", "commune", "26148", "", 2023,
     ["alimentation-et-commerce"], ["conseil"], ["cci", "service-relations-collectivites"],
     ["commerce-de-proximite-cci", "orientation-projets"], 260000,
     "Épicerie, dépôt de pain et point poste dans un local communal rénové.",
     "La commune a racheté et rénové le local, puis l'a loué à un commerçant.", "", "", "village"),
    ("friche-anneyron", "Une friche reconvertie en logements à Anneyron", "commune", "26010", "", 2025,
     ["habitat", "amenagement"], ["amo"], ["epora"], ["recyclage-friches", "portage-foncier"], 1200000,
     "L'ancienne usine laisse place à vingt logements près du centre.",
     "EPORA a acquis, dépollué et porté le terrain avant de le revendre à la commune.", "", "", "village"),
    ("cantine-mirmande", "Des produits locaux à la cantine de Mirmande", "commune", "26185", "", 2024,
     ["alimentation-et-commerce"], ["conseil"], ["chambre-agriculture", "terana"],
     ["restauration-collective-locale", "hygiene-restauration-scolaire"], None,
     "La moitié des produits servis à la cantine vient désormais de fermes drômoises.",
     "La Chambre d'agriculture a mis la commune en relation avec des producteurs proches.", "", "", "lavande"),
    ("traversee-beaumont", "Traversée apaisée à Beaumont-lès-Valence", "commune", "26037", "", 2023,
     ["amenagement"], ["amo"], ["direction-des-deplacements"], ["traversee-d-agglomeration"], 540000,
     "Trottoirs élargis et plateaux ralentisseurs sur la route départementale.",
     "Le projet a été conçu avec la Direction des déplacements du Département.", "", "", "village"),
    ("patrimoine-suze-la-rousse", "Les registres anciens de Suze-la-Rousse numérisés", "commune", "26345", "", 2022,
     ["culture-et-patrimoine", "numerique"], ["conseil"], ["direction-culture-patrimoine"], ["archives-communales"],
     18000, "Registres restaurés, classés et consultables en ligne.",
     "Les Archives départementales ont conseillé la commune pour le classement et la restauration.", "", "",
     "lavande"),
    ("eclairage-crest", "Éclairage public économe à Crest", "commune", "26108", "", 2025, ["energie"], ["amo"],
     ["sded"], ["conseil-en-energie-des-communes"], 390000, "Des lampes LED et une extinction au cœur de la nuit.",
     "Le SDED a accompagné le remplacement des points lumineux les plus anciens.", "", "", "village"),
    ("eau-haut-diois", "Un réservoir d'eau potable sécurisé dans le Haut-Diois", "syndicat", "26086",
     "Syndicat intercommunal des eaux du Haut-Diois", 2024, ["eau-et-environnement"], ["amo"],
     ["direction-environnement-gestion-eau"], ["satep-eau-potable", "amo-eau-assainissement"], 350000,
     "Réservoir rénové et télésurveillance du réseau.",
     "Le service d'assistance à l'eau potable a aidé le syndicat à définir les travaux prioritaires.", "", "",
     "vercors"),
    ("pcaet-royans-vercors", "Le plan climat de la communauté de communes du Royans-Vercors", "epci", "200067767", "",
     2023, ["energie", "amenagement"], ["amo"], ["sded"], ["plan-climat-pcaet"], None,
     "Un programme d'actions pour l'énergie et le climat adopté par les élus communautaires.",
     "Le SDED a fourni les données de consommation et de production d'énergie du territoire.", "", "", "vercors"),
]
