"""French texts of the site's own pages as `initialiser_site` creates them: real texts of the Département that
editors complete or replace (facts from the activity report 2025 and the Département's public information)."""

from site_collectivites.squelette.chantier import stream

ACCUEIL_DESCRIPTION = (
    "Conseil, assistance à maîtrise d'ouvrage, maîtrise d'œuvre : trouvez qui peut aider votre commune, "
    "les aides du Département et les réalisations du territoire, puis faites votre demande en ligne."
)
ACCUEIL_ACCROCHE = (
    "Rénover l'école, protéger un captage, relancer le commerce du bourg : dites-nous votre projet, "
    "nous trouvons avec vous le bon interlocuteur parmi les services du Département et ses partenaires."
)
CHIFFRES_CLES = [
    ("825", "demandes d'accompagnement en 2025"),
    ("+17 %", "de demandes par rapport à 2024"),
    ("254", "communes accompagnées en 2025, sur 362"),
    ("9", "thématiques, de l'énergie au patrimoine"),
]
ACCUEIL_DEMANDE = (
    "Un seul formulaire, quel que soit le sujet. Votre demande est enregistrée, vous recevez un accusé de "
    "réception et le partenaire compétent vous recontacte."
)
ACCUEIL_LETTRE = (
    "Chaque mois, les nouvelles offres, les aides ouvertes, les prochains rendez-vous et les réalisations "
    "des collectivités drômoises."
)

CONTACT = stream(
    ("texte", "<h2>Service des relations avec les collectivités</h2><p>Le service est la porte d'entrée "
              "des communes, intercommunalités et syndicats : il répond à vos questions et oriente votre "
              "projet vers le bon interlocuteur.</p><ul><li>Par courriel : "
              "relations-collectivites@ladrome.fr</li><li>Par téléphone : 04 75 79 26 26 (standard du "
              "Département)</li><li>Par courrier : Hôtel du Département, 26 avenue du Président Herriot, "
              "26026 Valence cedex 9</li></ul>"),
)

MENTIONS_LEGALES = stream(
    ("texte", "<h2>Éditeur</h2><p>Département de la Drôme, Hôtel du Département, 26 avenue du Président "
              "Herriot, 26026 Valence cedex 9. Directrice de la publication : la présidente du Conseil "
              "départemental.</p>"
              "<h2>Hébergement</h2><p>Le site est hébergé sur les serveurs du Département de la Drôme.</p>"
              "<h2>Propriété intellectuelle</h2><p>Les textes du site peuvent être repris en citant la source. "
              "Les photographies et logos restent la propriété de leurs auteurs.</p>"
              "<h2>Données de référence</h2><p>Communes, cantons et intercommunalités : Insee, Code officiel "
              "géographique 2021 et 2024 ; DGCL ; paquet @etalab/decoupage-administratif 6.0.0, sous Licence "
              "Ouverte 2.0.</p>"),
)

DONNEES_PERSONNELLES = stream(
    ("texte", "<h2>Responsable du traitement</h2><p>Le Département de la Drôme traite les données que vous "
              "transmettez par ce site pour répondre à vos demandes d'accompagnement et, si vous vous "
              "abonnez, pour vous adresser sa lettre d'information.</p>"
              "<h2>Ce que nous ne faisons pas</h2><p>Le site ne dépose aucun cookie de mesure d'audience ni "
              "de publicité et ne charge aucune ressource depuis un autre site.</p>"
              "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données, les faire rectifier ou effacer, et "
              "vous opposer à leur traitement en écrivant au délégué à la protection des données du "
              "Département. Vous pouvez aussi saisir la CNIL.</p>"
              "<h2>Ce que nous conservons, et combien de temps</h2>"),
    ("registre_traitements", None),
)

ACCESSIBILITE = stream(
    ("texte", "<p>Le Département de la Drôme s'engage à rendre ce site accessible conformément à l'article 47 "
              "de la loi n° 2005-102 du 11 février 2005.</p>"
              "<h2>État de conformité</h2><p>Le site n'a pas encore fait l'objet d'un audit de conformité au "
              "référentiel général d'amélioration de l'accessibilité (RGAA 4.1) : il est donc déclaré non "
              "conforme. Chaque version est toutefois vérifiée automatiquement (axe-core) sur tous les types "
              "de page, et le site reste utilisable sans JavaScript.</p>"
              "<h2>Retour d'information et contact</h2><p>Si vous ne parvenez pas à accéder à un contenu ou "
              "à un service, écrivez à relations-collectivites@ladrome.fr : nous vous le fournirons sous une "
              "autre forme.</p>"
              "<h2>Voies de recours</h2><p>Si vous n'obtenez pas de réponse satisfaisante, vous pouvez "
              "saisir le Défenseur des droits (formulaire en ligne, délégué dans votre région ou courrier "
              "gratuit à Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).</p>"),
)

# slug, titre, chapô, corps, description
PAGES_STANDARD = [
    ("contact", "Contact", "Une question sur l'offre d'ingénierie publique ou sur une demande en cours ?",
     CONTACT, "Contacter le service des relations avec les collectivités du Département de la Drôme."),
    ("mentions-legales", "Mentions légales", "", MENTIONS_LEGALES, "Éditeur, hébergement et licences du site."),
    ("donnees-personnelles", "Données personnelles", "Ce que nous faisons de vos données, et vos droits.",
     DONNEES_PERSONNELLES, "Protection des données personnelles sur le site de l'ingénierie publique."),
    ("accessibilite", "Accessibilité : non conforme", "Déclaration d'accessibilité du site.", ACCESSIBILITE,
     "Déclaration d'accessibilité RGAA du site de l'ingénierie publique de la Drôme."),
]

LIENS_PIED = [
    ("accessibilite", "Accessibilité : non conforme"),
    ("mentions-legales", "Mentions légales"),
    ("donnees-personnelles", "Données personnelles"),
    ("plan-du-site", "Plan du site"),
    ("contact", "Contact"),
]
