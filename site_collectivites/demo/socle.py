"""Demo content of the ground floor, on top of the production skeleton (site_collectivites/squelette/): the
partners' logos and addresses, a picture for the home page, and the page presenting the ingénierie publique."""

from django.db import transaction

from site_collectivites.demo import images, textes
from site_collectivites.demo.utils import add_to_menu, get_or_create_document, home_page, upsert_page
from site_collectivites.models import StandardPage
from site_collectivites.squelette import referentiel
from site_collectivites.squelette.socle import construire, creer_referentiel
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation


ADRESSE_DEPARTEMENT = "relations-collectivites@ladrome.fr"


def load_referentiel():
    creer_referentiel()
    for slug, _nom, sigle, nature, *_reste in referentiel.PARTENAIRES:
        Partenaire.objects.filter(slug=slug).update(
            # Shown on the partner's and offers' pages: no invented inbox, no reserved domain. The Département's
            # directions share its generic address for the collectivités; an external partner's page shows its
            # website instead.
            email_contact=ADRESSE_DEPARTEMENT if nature == "direction" else "",
            logo=images.logo(sigle if len(sigle) <= 10 else sigle.split()[0]) if nature == "externe" else None,
        )


def load_site():
    """The skeleton's home page with a picture, and the page presenting the ingénierie publique (first in the menu)."""
    home = home_page()
    if home.hero_image_id is None:
        home.hero_image = images.get_or_create_image(
            "Falaises du Vercors au-dessus d'un village drômois", "vercors",
            "Falaises du Vercors dominant des prairies", seed=1,
        )
        home.save_revision().publish()
    ingenierie = upsert_page(
        home, StandardPage, "ingenierie-publique",
        title="L'ingénierie publique départementale",
        search_description="Ce que le Département et ses partenaires proposent aux collectivités drômoises.",
        intro=textes.INGENIERIE_INTRO,
        corps=textes.ingenierie_corps(
            image=images.get_or_create_image(
                "Champ de lavande en Drôme provençale", "lavande", "Rangs de lavande au pied des collines", seed=2
            ),
            document=get_or_create_document(
                "Guide de l'ingénierie publique 2026",
                ["Département de la Drôme", "Les 9 thématiques et les 4 types de prestation",
                 "Comment faire une demande d'accompagnement"],
            ),
        ),
    )
    add_to_menu(ingenierie, position=0, site=home.get_site(), libelle="Présentation")
    return home


@transaction.atomic
def load(stdout):
    """The skeleton (every app's part: `initialiser_site` without its index), then the ground floor's demo."""
    construire(stdout)
    load_referentiel()
    home = load_site()
    stdout.write(
        f"Socle : {Thematique.objects.count()} thématiques, {TypePrestation.objects.count()} types de prestation, "
        f"{Partenaire.objects.count()} partenaires, {home.get_descendants().live().count() + 1} pages publiées."
    )
