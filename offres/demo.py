"""Demo content of the catalogue: the catalogue page, the partners page and the offers. Idempotent."""

from django.db import transaction

from site_collectivites.demo.utils import add_to_menu, get_or_create_document, home_page, stream, upsert_page
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

from .demo_offres import OFFRES
from .models import Beneficiaire, OffreIndexPage, OffrePage, PartenaireIndexPage

# Same list as migration 0002 (a flushed test database loses the seeded rows; the demo puts them back).
BENEFICIAIRES = [
    ("communes", "Communes"),
    ("epci", "Intercommunalités (EPCI)"),
    ("syndicats", "Syndicats"),
    ("autres-organismes-publics", "Autres organismes publics"),
]

DOCUMENTS = {
    "fauchage-raisonne": (
        "Dépliant – le fauchage raisonné des routes départementales",
        ["Pourquoi faucher plus tard et moins souvent ?", "Sécurité d'abord : une passe de sécurité au printemps.",
         "Biodiversité : les fleurs et les insectes profitent des bords de route."],
    ),
    "archives-communales": (
        "Archives communales – nouvelles règles d'archivage",
        ["Ce qui change pour les communes.", "Les outils mis à disposition par les Archives départementales."],
    ),
}


def _html_liste(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def _html(texte):
    return f"<p>{texte}</p>" if texte else ""


@transaction.atomic
def load(stdout=None):
    for ordre, (slug, nom) in enumerate(BENEFICIAIRES):
        Beneficiaire.objects.update_or_create(slug=slug, defaults={"nom": nom, "ordre": ordre})

    home = home_page()
    catalogue = upsert_page(
        home, OffreIndexPage, "offre-ingenierie",
        title="L'offre d'ingénierie",
        search_description="Conseil, assistance à maîtrise d'ouvrage, maîtrise d'œuvre : toutes les offres du "
        "Département et de ses partenaires pour les collectivités drômoises.",
        intro="Le Département et ses partenaires accompagnent les communes, intercommunalités et syndicats dans "
        "leurs projets. Choisissez une thématique, un partenaire ou un type d'accompagnement pour trouver l'offre "
        "qui vous correspond.",
    )
    add_to_menu(catalogue, position=1)
    if home.page_catalogue_id != catalogue.pk:
        home.page_catalogue = catalogue
        home.save_revision().publish()

    upsert_page(
        catalogue, PartenaireIndexPage, "partenaires",
        title="Les partenaires",
        search_description="Les directions du Département et les organismes partenaires qui accompagnent les "
        "collectivités drômoises.",
        intro="Directions du Département et partenaires extérieurs : chacun présente ses missions, son contact et "
        "ses offres pour les collectivités.",
    )

    partenaires = {p.slug: p for p in Partenaire.objects.all()}
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    types = {t.slug: t for t in TypePrestation.objects.all()}
    beneficiaires = {b.slug: b for b in Beneficiaire.objects.all()}
    for donnees in OFFRES:
        partenaire = partenaires[donnees["partenaire"]]
        documents = ""
        if donnees["slug"] in DOCUMENTS:
            titre, lignes = DOCUMENTS[donnees["slug"]]
            document = get_or_create_document(titre, lignes)
            documents = stream(("documents", {"titre": "Documents à télécharger", "documents": [document.pk]}))
        upsert_page(
            catalogue, OffrePage, donnees["slug"],
            title=donnees["titre"],
            partenaire=partenaire,
            thematiques=[thematiques[s] for s in donnees["thematiques"]],
            types_prestation=[types[s] for s in donnees["types"]],
            beneficiaires=[beneficiaires[s] for s in donnees["beneficiaires"]],
            conditions=donnees["conditions"],
            resume=donnees["resume"],
            operations_concernees=_html_liste(donnees["operations"]),
            niveau_intervention=_html(donnees["niveau"]),
            modalites=_html(donnees["modalites"]),
            informations_complementaires=_html(donnees["infos"]),
            referent_nom=partenaire.nom_court,
            referent_fonction="Accueil des collectivités",
            # Demo addresses on a reserved domain, like the partners' (site_collectivites/demo/socle.py).
            referent_email=partenaire.email_contact or f"{partenaire.slug}@example.org",
            documents=documents,
        )
    if stdout:
        stdout.write(f"Offres : {len(OFFRES)} offres, catalogue et page des partenaires.")
