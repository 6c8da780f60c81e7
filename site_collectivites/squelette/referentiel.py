"""Reference data of the site, which `initialiser_site` creates and the demo completes: the 9 thématiques,
the 4 types de prestation and the partners (the Département's directions and the partner bodies).

Sentences written for this site from the Département's and the partners' public information.
"""

THEMATIQUES = [
    # slug, nom, description courte, pictogramme, couleur
    ("energie", "Énergie", "Rénover les bâtiments publics, éclairer mieux, produire localement.", "energie", "#8a4b00"),
    ("eau-et-environnement", "Eau et environnement",
     "Eau potable, assainissement, rivières, biodiversité et espaces naturels.", "eau", "#005f8f"),
    ("alimentation-et-commerce", "Alimentation et commerce",
     "Circuits courts, restauration collective, commerces et artisanat de proximité.", "alimentation", "#6b4e00"),
    ("amenagement", "Aménagement",
     "Espaces publics, bâtiments communaux, urbanisme, foncier et voirie.", "amenagement", "#3d5a1e"),
    ("tourisme", "Tourisme", "Accueil, attractivité, itinéraires et sites de pleine nature.", "tourisme", "#1f6b4f"),
    ("habitat", "Habitat", "Logement, rénovation du bâti ancien, revitalisation des centres-bourgs.", "habitat", "#8c2f39"),
    ("solidarite", "Solidarité", "Action sociale, autonomie, insertion et accès aux services.", "solidarite", "#7a3577"),
    ("numerique", "Numérique", "Services en ligne, cartographie, protection des données, inclusion numérique.",
     "numerique", "#3b4cb8"),
    ("culture-et-patrimoine", "Culture et patrimoine",
     "Patrimoine bâti, archives, lecture publique et action culturelle.", "culture", "#6d4c41"),
]

TYPES_PRESTATION = [
    # slug, nom, sigle, définition
    ("conseil", "Conseil", "",
     "Information générale sur un projet : cadre juridique et réglementaire, enjeux, acteurs à mobiliser."),
    ("amo", "Accompagnement et assistance à maîtrise d'ouvrage", "AMO",
     "Aide à la collectivité maître d'ouvrage pour définir son besoin, monter et suivre son projet, "
     "choisir ses prestataires."),
    ("maitrise-d-oeuvre", "Maîtrise d'œuvre", "MOe",
     "Conception du projet et suivi des travaux pour le compte de la collectivité."),
    ("maitrise-d-ouvrage-deleguee", "Maîtrise d'ouvrage déléguée", "MOD",
     "Le partenaire conduit l'opération au nom de la collectivité, toujours dans le cadre d'une convention "
     "de mandat."),
]

DIRECTION = "direction"
EXTERNE = "externe"

# slug, nom, sigle, nature, thématiques (slugs), site web, résumé, description (HTML)
PARTENAIRES = [
    ("direction-des-deplacements", "Direction des déplacements", "Déplacements", DIRECTION, ["amenagement"],
     "https://www.ladrome.fr",
     "Routes départementales, sécurité routière et conseil aux communes sur la voirie.",
     "<p>La direction entretient et aménage le réseau routier départemental. Elle conseille les communes "
     "sur les traversées d'agglomération, la sécurité des usagers et l'entretien des accotements "
     "(fauchage raisonné des bords de route).</p>"),
    ("direction-environnement-gestion-eau", "Direction de l'environnement – Service de la gestion de l'eau",
     "Gestion de l'eau", DIRECTION, ["eau-et-environnement"], "https://www.ladrome.fr",
     "Rivières, GEMAPI et assistance technique eau potable et assainissement (SATESE, SATEP, SATAA).",
     "<p>Le service instruit les aides aux rivières et accompagne les syndicats et intercommunalités qui "
     "exercent la compétence GEMAPI. Ses équipes d'assistance technique suivent les stations d'épuration "
     "(SATESE), les services d'eau potable (SATEP) et l'assainissement non collectif (SATAA), dans le "
     "cadre de l'accord-cadre 2025-2030 avec l'Agence de l'eau Rhône Méditerranée Corse.</p>"),
    ("direction-culture-patrimoine", "Direction de la culture et du patrimoine", "Culture et patrimoine",
     DIRECTION, ["culture-et-patrimoine"], "https://www.ladrome.fr",
     "Archives départementales, médiathèque départementale et conservation du patrimoine.",
     "<p>Les Archives départementales conseillent les communes sur la tenue et l'archivage de leurs "
     "documents ; la médiathèque départementale soutient les bibliothèques du réseau ; la conservation du "
     "patrimoine accompagne la restauration des édifices et des objets. La stratégie culturelle 2024-2028 "
     "« Culturellement proche des Drômois » fixe le cadre de ces actions.</p>"),
    ("pole-sig", "Direction des systèmes d'information – pôle SIG", "Pôle SIG", DIRECTION, ["numerique"],
     "https://www.ladrome.fr",
     "Cartographie et données géographiques mises à disposition des collectivités.",
     "<p>Le pôle SIG met à la disposition des communes des services cartographiques en ligne et les aide à "
     "les utiliser, notamment lors des séances « 1 heure pour… » consacrées à ces outils.</p>"),
    ("direction-solidarites", "Direction des solidarités", "Solidarités", DIRECTION, ["solidarite"],
     "https://www.ladrome.fr",
     "Action sociale, autonomie des personnes âgées et handicapées, enfance et famille.",
     "<p>La direction accompagne les communes et leurs centres communaux d'action sociale sur les projets "
     "qui touchent à l'autonomie, à la petite enfance et à l'accès aux droits.</p>"),
    ("direction-economie-emploi-insertion", "Direction de l'économie, de l'emploi et de l'insertion",
     "Économie, emploi, insertion", DIRECTION, ["alimentation-et-commerce", "solidarite"], "https://www.ladrome.fr",
     "Développement économique local, emploi et clauses d'insertion dans les marchés publics.",
     "<p>La direction aide les collectivités à intégrer des clauses sociales dans leurs marchés et soutient "
     "les projets qui maintiennent l'activité et l'emploi dans les territoires.</p>"),
    ("service-relations-collectivites", "Service des relations avec les collectivités", "Relations collectivités",
     DIRECTION, ["amenagement"], "https://www.ladrome.fr",
     "Porte d'entrée des communes : instruction des aides, orientation des demandes, club revitalisation.",
     "<p>Le service instruit les aides départementales aux communes et à leurs groupements, oriente les "
     "demandes d'accompagnement vers le bon partenaire et anime le club Revitalisation centres villes et "
     "villages en Drôme avec les services de l'État.</p>"),
    ("caue", "Conseil d'architecture, d'urbanisme et de l'environnement de la Drôme", "CAUE", EXTERNE,
     ["amenagement", "habitat", "culture-et-patrimoine"], "http://caue.dromenet.org",
     "Conseil en architecture, urbanisme et paysage, de l'idée au préprogramme.",
     "<p>Le CAUE aide les communes et intercommunalités à réfléchir leurs projets d'architecture, "
     "d'urbanisme et de paysage, de la place du village au grand paysage, depuis les premières questions "
     "jusqu'à la phase préopérationnelle. Il n'intervient pas comme maître d'œuvre. En 2023, il a mené "
     "145 missions, dont 62 nouvelles pour des collectivités (bâtiments publics, espaces publics, "
     "urbanisme, paysage).</p>"),
    ("adil", "Agence départementale d'information sur le logement de la Drôme", "ADIL 26", EXTERNE, ["habitat"],
     "", "Information juridique, financière et fiscale sur le logement ; observatoire de l'habitat.",
     "<p>L'ADIL renseigne gratuitement et de façon neutre sur toutes les questions de logement. Elle anime "
     "l'observatoire de l'habitat Drôme-Ardèche (mal-logement, précarité énergétique par canton), dont les "
     "données éclairent les politiques locales de l'habitat.</p>"),
    ("sded", "Territoire d'énergie Drôme – SDED", "SDED", EXTERNE, ["energie"], "https://www.sded.org",
     "Réseaux d'électricité et de gaz, éclairage public, conseil en énergie des communes.",
     "<p>Le syndicat départemental d'énergies est l'autorité concédante des réseaux d'électricité et de gaz. "
     "Son conseil en énergie aide les communes, surtout les petites, à hiérarchiser les travaux sur leurs "
     "bâtiments ; l'adhésion ouvre l'accès à ses aides aux économies d'énergie. Il propose aussi des "
     "diagnostics (chaufferies, régulation), accompagne les plans climat des intercommunalités et déploie "
     "le réseau de bornes de recharge eborn.</p>"),
    ("epora", "Établissement public foncier de l'Ouest Rhône-Alpes", "EPORA", EXTERNE,
     ["amenagement", "habitat"], "https://www.epora.fr",
     "Acquisition, portage et remise en état du foncier pour les projets des collectivités.",
     "<p>Par convention avec une commune ou une intercommunalité, l'EPORA achète des terrains et des "
     "bâtiments, les porte le temps du projet et les remet en état (démolition, dépollution) avant de les "
     "revendre à la collectivité. Ses priorités : friches, production de logements, revitalisation des "
     "centres-bourgs.</p>"),
    ("safer", "SAFER Auvergne-Rhône-Alpes", "SAFER", EXTERNE, ["amenagement", "alimentation-et-commerce"],
     "https://www.safer-aura.fr",
     "Études et veille foncières, protection des terres agricoles et naturelles.",
     "<p>La SAFER aide les collectivités à connaître et maîtriser leur foncier : études de faisabilité, "
     "veille foncière, recherche et stockage de terrains de compensation, gestion temporaire de terres en "
     "attendant un projet.</p>"),
    ("chambre-agriculture", "Chambre d'agriculture de la Drôme", "Chambre d'agriculture", EXTERNE,
     ["alimentation-et-commerce", "eau-et-environnement", "amenagement"], "https://drome.chambres-agriculture.fr",
     "Projets alimentaires territoriaux, circuits courts, protection des captages et du foncier agricole.",
     "<p>Avec ses six antennes locales, la Chambre accompagne les intercommunalités dans leurs projets "
     "alimentaires territoriaux et l'approvisionnement local de la restauration collective. Elle travaille "
     "aussi sur la protection des captages d'eau potable prioritaires et rend des avis sur les documents "
     "d'urbanisme pour préserver les terres agricoles.</p>"),
    ("cci", "Chambre de commerce et d'industrie de la Drôme", "CCI Drôme", EXTERNE, ["alimentation-et-commerce"],
     "https://drome.cci.fr", "Commerce de proximité et dynamisation des centres-villes.",
     "<p>La CCI participe aux opérations collectives en faveur du commerce rural. Le détail de son offre "
     "aux collectivités est présenté sur son site.</p>"),
    ("cma", "Chambre de métiers et de l'artisanat de la Drôme", "CMA Drôme", EXTERNE, ["alimentation-et-commerce"],
     "", "Artisanat local : connaissance du tissu artisanal, création et transmission d'entreprises.",
     "<p>La CMA met son expertise de l'artisanat au service des projets de développement local des "
     "collectivités, comme la convention triennale signée avec Valence Romans Agglo pour soutenir "
     "l'artisanat du territoire.</p>"),
    ("dah", "Drôme Aménagement Habitat", "DAH", EXTERNE, ["habitat", "amenagement"], "",
     "Office public de l'habitat : logements, équipements publics et revitalisation des centres-bourgs.",
     "<p>Premier bailleur social du département, DAH construit aussi des équipements (EHPAD, locaux "
     "publics, commerces) et restructure des immeubles anciens dans les bourgs-centres à la demande des "
     "communes, parfois par bail emphytéotique.</p>"),
    ("agence-attractivite", "Agence d'attractivité de la Drôme", "Agence d'attractivité", EXTERNE,
     ["tourisme"], "", "Marketing territorial « Drôme, c'est ma nature » : tourisme, économie, accueil de nouveaux habitants.",
     "<p>L'agence porte la marque territoriale « Drôme, c'est ma nature » et une stratégie d'attractivité "
     "touristique, économique et résidentielle, en priorité pour les métiers en tension comme la santé. "
     "Elle anime un réseau d'environ 200 ambassadeurs.</p>"),
    ("moulin-digital", "Moulin Digital", "Moulin Digital", EXTERNE, ["numerique"], "https://lemoulindigital.fr",
     "Transition numérique des acteurs locaux et réseau des tiers-lieux drômois.",
     "<p>Installée à Alixan, l'association accompagne la transition numérique des acteurs du territoire. "
     "Labellisée Fabrique de territoire, elle anime le réseau des tiers-lieux de la Drôme et ses Journées "
     "des Cédilles.</p>"),
    ("numerian", "Numérian", "Numérian", EXTERNE, ["numerique"], "",
     "Services numériques mutualisés : logiciels métiers, RGPD, SIG, hébergement, inclusion numérique.",
     "<p>Syndicat mixte issu des Inforoutes de l'Ardèche, Numérian mutualise pour ses adhérents les "
     "services numériques d'une collectivité : dématérialisation des marchés, maintenance informatique, "
     "logiciels de mairie, mise en conformité RGPD, cartographie, hébergement et messagerie.</p>"),
    ("terana", "TERANA Drôme", "TERANA", EXTERNE, ["eau-et-environnement", "alimentation-et-commerce"],
     "https://www.labo-terana.fr",
     "Laboratoire public d'analyses : eaux, sols, boues, hygiène alimentaire des cantines.",
     "<p>Héritier du laboratoire départemental créé en 1976 à Valence, TERANA Drôme analyse tous les types "
     "d'eau, les sols et les boues d'épuration, recherche plus de 800 micropolluants et contrôle l'hygiène "
     "alimentaire, par exemple dans les cantines scolaires.</p>"),
]

# Which service of the Département receives a demande of a thématique when no offer is named.
SERVICES_REFERENTS = {
    "energie": "service-relations-collectivites",
    "eau-et-environnement": "direction-environnement-gestion-eau",
    "alimentation-et-commerce": "direction-economie-emploi-insertion",
    "amenagement": "service-relations-collectivites",
    "tourisme": "service-relations-collectivites",
    "habitat": "service-relations-collectivites",
    "solidarite": "direction-solidarites",
    "numerique": "pole-sig",
    "culture-et-patrimoine": "direction-culture-patrimoine",
}
