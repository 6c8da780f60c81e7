"""Demo content of the ground floor: reference data, home page, standard pages, settings and menus."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from site_collectivites.demo import images, referentiel, textes
from site_collectivites.demo.utils import add_to_menu, get_or_create_document, stream, upsert_page
from site_collectivites.models import HomePage, Navigation, ParametresSite, PlanDuSitePage, StandardPage
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation


def load_referentiel():
    for ordre, (slug, nom, description, pictogramme, couleur) in enumerate(referentiel.THEMATIQUES):
        Thematique.objects.update_or_create(
            slug=slug,
            defaults={"nom": nom, "description_courte": description, "pictogramme": pictogramme,
                      "couleur": couleur, "ordre": ordre},
        )
    for ordre, (slug, nom, sigle, definition) in enumerate(referentiel.TYPES_PRESTATION):
        TypePrestation.objects.update_or_create(
            slug=slug, defaults={"nom": nom, "sigle": sigle, "definition": definition, "ordre": ordre}
        )
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    for slug, nom, sigle, nature, themes, site_web, resume, description in referentiel.PARTENAIRES:
        partenaire, _ = Partenaire.objects.update_or_create(
            slug=slug,
            defaults={
                "nom": nom, "sigle": sigle, "nature": nature, "site_web": site_web, "resume": resume,
                "description": description,
                # Demo addresses on a reserved domain: nothing leaves the machine by mistake.
                "email_contact": f"{slug}@example.org",
                "logo": images.logo(sigle if len(sigle) <= 10 else sigle.split()[0]) if nature == "externe" else None,
            },
        )
        partenaire.thematiques.set([thematiques[t] for t in themes])
    for thematique_slug, partenaire_slug in referentiel.SERVICES_REFERENTS.items():
        Thematique.objects.filter(slug=thematique_slug).update(
            service_referent=Partenaire.objects.get(slug=partenaire_slug)
        )


def load_site():
    """Home page as the default site's root (replacing Wagtail's welcome page) and the standard pages."""
    root = Page.get_first_root_node()
    hero = images.get_or_create_image(
        "Falaises du Vercors au-dessus d'un village drômois", "vercors",
        "Falaises du Vercors dominant des prairies", seed=1,
    )
    home = upsert_page(
        root, HomePage, "accueil",
        title="Accueil",
        seo_title="Ingénierie publique de la Drôme : l'aide aux projets des communes et intercommunalités",
        search_description=textes.ACCUEIL_DESCRIPTION,
        hero_titre="Un projet pour votre commune ? Le Département et ses partenaires vous accompagnent.",
        hero_texte=textes.ACCUEIL_ACCROCHE,
        hero_image=hero,
        chiffres_cles=stream(*[("chiffre", {"valeur": v, "libelle": l}) for v, l in textes.CHIFFRES_CLES]),
        demande_texte=textes.ACCUEIL_DEMANDE,
        lettre_texte=textes.ACCUEIL_LETTRE,
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.site_name = "Ingénierie publique – Département de la Drôme"
    site.root_page = home
    site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page is no longer reachable: remove it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

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
    pages = {"ingenierie": ingenierie}
    for slug, title, intro, corps, description in textes.PAGES_STANDARD:
        pages[slug] = upsert_page(
            home, StandardPage, slug, title=title, intro=intro, corps=corps, search_description=description,
            show_in_menus=False,
        )
    pages["plan-du-site"] = upsert_page(
        home, PlanDuSitePage, "plan-du-site", title="Plan du site",
        intro="Toutes les pages du site, rubrique par rubrique.",
        search_description="Le plan du site de l'ingénierie publique de la Drôme.",
    )
    return home, site, pages


def load_settings(site, pages):
    parametres = ParametresSite.for_site(site)
    parametres.nom_service = "Service des relations avec les collectivités"
    parametres.adresse = "Hôtel du Département\n26 avenue du Président Herriot\n26026 Valence cedex 9"
    parametres.telephone = "04 75 79 26 26"
    parametres.email = "relations-collectivites@ladrome.fr"
    parametres.horaires = "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h"
    parametres.reseaux_sociaux = stream(
        ("reseau", {"reseau": "facebook", "url": "https://www.facebook.com/ladrome"}),
        ("reseau", {"reseau": "linkedin", "url": "https://www.linkedin.com/company/departement-de-la-drome"}),
    )
    parametres.save()

    # Sections join the main menu as their apps load (utils.add_to_menu); contact sits in the footer.
    add_to_menu(pages["ingenierie"], position=0, site=site)
    navigation = Navigation.for_site(site)
    navigation.liens_pied_de_page = stream(
        *[("lien", {"page": pages[slug].pk, "url": "", "libelle": libelle}) for slug, libelle in textes.LIENS_PIED]
    )
    navigation.save()


@transaction.atomic
def load(stdout):
    load_referentiel()
    home, site, pages = load_site()
    load_settings(site, pages)
    stdout.write(
        f"Socle : {Thematique.objects.count()} thématiques, {TypePrestation.objects.count()} types de prestation, "
        f"{Partenaire.objects.count()} partenaires, {home.get_descendants().live().count() + 1} pages publiées."
    )
