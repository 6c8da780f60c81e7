"""The catalogue's part of the production skeleton (`manage.py initialiser_site`): the bénéficiaires, and the
catalogue, partners, aids and réalisations pages with their texts, in the main menu of a new site."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from site_collectivites.squelette.chantier import page_presente, stream

from .models import AideIndexPage, Beneficiaire, OffreIndexPage, PartenaireIndexPage, RealisationIndexPage
from .permissions import donner_les_droits

# Same list as migration 0002 (a flushed test database loses the seeded rows; the skeleton puts them back).
BENEFICIAIRES = [
    ("communes", "Communes"),
    ("epci", "Intercommunalités (EPCI)"),
    ("syndicats", "Syndicats"),
    ("autres-organismes-publics", "Autres organismes publics"),
]

# The State's aids live on aides-territoires: the aids page links to its searches for the Drôme.
LIENS_AIDES_ETAT = [
    ("Toutes les aides de l'État pour les communes de la Drôme",
     "https://aides-territoires.beta.gouv.fr/aides/?targeted_audiences=commune&perimeter=Dr%C3%B4me"),
    ("Les aides pour les intercommunalités de la Drôme",
     "https://aides-territoires.beta.gouv.fr/aides/?targeted_audiences=epci&perimeter=Dr%C3%B4me"),
    ("Les aides à la rénovation énergétique des bâtiments publics",
     "https://aides-territoires.beta.gouv.fr/aides/?text=r%C3%A9novation+%C3%A9nerg%C3%A9tique&targeted_audiences=commune"),
]


def construire(chantier):
    for ordre, (slug, nom) in enumerate(BENEFICIAIRES):
        Beneficiaire.objects.get_or_create(slug=slug, defaults={"nom": nom, "ordre": ordre})
    catalogue = page_presente(
        chantier.home, OffreIndexPage, "offre-ingenierie",
        title="L'offre d'ingénierie",
        search_description="Conseil, assistance à maîtrise d'ouvrage, maîtrise d'œuvre : toutes les offres du "
        "Département et de ses partenaires pour les collectivités drômoises.",
        intro="Le Département et ses partenaires accompagnent les communes, intercommunalités et syndicats dans "
        "leurs projets. Choisissez une thématique, un partenaire ou un type d'accompagnement pour trouver l'offre "
        "qui vous correspond.",
    )
    # The partners' agents write their own offers there, for moderation (offres/permissions.py).
    donner_les_droits(catalogue, Group, GroupPagePermission, Permission)
    if chantier.home.page_catalogue_id is None:
        chantier.home.page_catalogue = catalogue
        chantier.home.save_revision().publish()
    page_presente(
        catalogue, PartenaireIndexPage, "partenaires",
        title="Les partenaires",
        search_description="Les directions du Département et les organismes partenaires qui accompagnent les "
        "collectivités drômoises.",
        intro="Directions du Département et partenaires extérieurs : chacun présente ses missions, son contact et "
        "ses offres pour les collectivités.",
    )
    aides = page_presente(
        chantier.home, AideIndexPage, "aides-financieres",
        title="Aides financières",
        search_description="Les aides du Département de la Drôme aux communes et intercommunalités, et les aides "
        "de l'État recensées par aides-territoires.",
        intro="Subventions du Département pour vos bâtiments, espaces publics, rivières et patrimoine : filtrez par "
        "thématique et par bénéficiaire, et repérez les dates limites. Les aides de l'État sont signalées à côté.",
        liens_aides_etat=stream(*(("lien", {"page": None, "url": url, "libelle": libelle})
                                  for libelle, url in LIENS_AIDES_ETAT)),
    )
    realisations = page_presente(
        chantier.home, RealisationIndexPage, "realisations",
        title="Réalisations",
        search_description="Des projets menés par les communes et intercommunalités drômoises avec l'appui du "
        "Département et de ses partenaires.",
        intro="Écoles rénovées, places réaménagées, rivières restaurées : des projets menés sur le territoire avec "
        "l'offre d'ingénierie. Filtrez par thématique, partenaire, canton ou année.",
    )
    chantier.au_menu(catalogue, 10, "Offres")
    chantier.au_menu(aides, 20, "Aides")
    chantier.au_menu(realisations, 30, "Réalisations")
