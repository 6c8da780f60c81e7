"""The ground floor's part of the production skeleton: référentiels, home page and Site, the site's own pages,
its settings; then each app's part (`<app>/squelette.py`, found by name), the menus, the search index."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page, Site, WorkflowPage

from site_collectivites.exploitation.adresse_publique import hote_et_port
from site_collectivites.models import HomePage, ParametresSite, PlanDuSitePage, StandardPage
from site_collectivites.squelette import referentiel, textes
from site_collectivites.squelette.chantier import Chantier, completer, page_presente, stream
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

# Made by the migrations (site_collectivites 0002); the skeleton checks they are still there.
GROUPES = ["Rédacteurs", "Modérateurs"]


def creer_referentiel():
    """The 9 thématiques, 4 types de prestation and the partners of the design, created when missing (by slug).

    An existing row is left as editors made it; only a service référent that nobody chose is set."""
    for ordre, (slug, nom, description, pictogramme, couleur) in enumerate(referentiel.THEMATIQUES):
        Thematique.objects.get_or_create(slug=slug, defaults={
            "nom": nom, "description_courte": description, "pictogramme": pictogramme, "couleur": couleur,
            "ordre": ordre})
    for ordre, (slug, nom, sigle, definition) in enumerate(referentiel.TYPES_PRESTATION):
        TypePrestation.objects.get_or_create(slug=slug, defaults={
            "nom": nom, "sigle": sigle, "definition": definition, "ordre": ordre})
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    for slug, nom, sigle, nature, themes, site_web, resume, description in referentiel.PARTENAIRES:
        partenaire, cree = Partenaire.objects.get_or_create(slug=slug, defaults={
            "nom": nom, "sigle": sigle, "nature": nature, "site_web": site_web, "resume": resume,
            "description": description})
        if cree:
            # A ParentalManyToManyField (modelcluster) is written by save(), not by set().
            partenaire.thematiques.set([thematiques[t] for t in themes if t in thematiques])
            partenaire.save()
    for thematique_slug, partenaire_slug in referentiel.SERVICES_REFERENTS.items():
        Thematique.objects.filter(slug=thematique_slug, service_referent__isnull=True).update(
            service_referent=Partenaire.objects.filter(slug=partenaire_slug).first())


def creer_accueil():
    """The home page as the default Site's root, on SITE_URL's host and port; Wagtail's welcome page removed."""
    racine = Page.get_first_root_node()
    accueil = page_presente(
        racine, HomePage, "accueil",
        title="Accueil",
        seo_title="Ingénierie publique de la Drôme : l'aide aux projets des communes et intercommunalités",
        search_description=textes.ACCUEIL_DESCRIPTION,
        hero_titre="Un projet pour votre commune ? Le Département et ses partenaires vous accompagnent.",
        hero_texte=textes.ACCUEIL_ACCROCHE,
        chiffres_cles=stream(*[("chiffre", {"valeur": v, "libelle": libelle}) for v, libelle in textes.CHIFFRES_CLES]),
        demande_texte=textes.ACCUEIL_DEMANDE,
        lettre_texte=textes.ACCUEIL_LETTRE,
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = hote_et_port()
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.root_page = accueil
    site.save()
    # Wagtail's « Welcome to your new Wagtail site! » (a plain Page under the root) is no longer reachable.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    return site, accueil


def creer_pages_du_site(chantier):
    """Contact, legal notice, personal data, accessibility statement and the site map, with their footer links."""
    pages = {}
    for slug, titre, chapo, corps, description in textes.PAGES_STANDARD:
        pages[slug] = page_presente(chantier.home, StandardPage, slug, par_slug=True, title=titre, intro=chapo, corps=corps,
                                    search_description=description, show_in_menus=False)
    pages["plan-du-site"] = page_presente(
        chantier.home, PlanDuSitePage, "plan-du-site", title="Plan du site",
        intro="Toutes les pages du site, rubrique par rubrique.",
        search_description="Le plan du site de l'ingénierie publique de la Drôme.",
    )
    for rang, (slug, libelle) in enumerate(textes.LIENS_PIED):
        chantier.au_pied(pages[slug], libelle, rang)
    return pages


def completer_parametres(site):
    """The service's contact details in the site settings, where nobody typed them yet."""
    completer(
        ParametresSite.for_site(site),
        nom_service="Service des relations avec les collectivités",
        adresse="Hôtel du Département\n26 avenue du Président Herriot\n26026 Valence cedex 9",
        telephone="04 75 79 26 26",
        email="relations-collectivites@ladrome.fr",
        horaires="Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h",
        reseaux_sociaux=stream(
            ("reseau", {"reseau": "facebook", "url": "https://www.facebook.com/ladrome"}),
            ("reseau", {"reseau": "linkedin", "url": "https://www.linkedin.com/company/departement-de-la-drome"}),
        ),
    )


def verifier_roles():
    """The editors' groups and the moderation workflow on the home page's tree come with the migrations: a
    database where they are missing was not migrated (or was damaged), which the skeleton must not hide."""
    manquants = [nom for nom in GROUPES if not Group.objects.filter(name=nom).exists()]
    if manquants:
        raise CommandError(f"Groupes absents : {', '.join(manquants)}. Lancez « manage.py migrate » d'abord.")
    if not WorkflowPage.objects.filter(page__depth=1, workflow__active=True).exists():
        raise CommandError("Le circuit de validation des pages n'est plus attaché à la racine : rattachez "
                           "« Validation par les modérateurs » dans Paramètres > Circuits de validation.")


def parties_des_apps():
    """The `construire(chantier)` of every app that has a `<app>.squelette` module, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        nom = f"{app_config.name}.squelette"
        if app_config.name == "site_collectivites" or find_spec(nom) is None:
            continue
        module = import_module(nom)
        if hasattr(module, "construire"):
            yield module.construire


@transaction.atomic
def construire(sortie):
    """Build what is missing of the production skeleton (idempotent) and return the Chantier of the run."""
    verifier_roles()
    creer_referentiel()
    site, accueil = creer_accueil()
    chantier = Chantier(site, accueil, sortie)
    creer_pages_du_site(chantier)
    completer_parametres(site)
    for partie in parties_des_apps():
        partie(chantier)
    chantier.ecrire_les_menus()
    return chantier


def initialiser(sortie, index=True):
    """The skeleton, then the search index rebuilt from the database (Wagtail indexes through the task worker,
    which may not run yet on a new server: a search must answer from the first request)."""
    chantier = construire(sortie)
    if index:
        call_command("update_index", verbosity=0)
    pages = chantier.home.get_descendants(inclusive=True).live().count()
    sortie.write(f"Site : {chantier.site.hostname}:{chantier.site.port}, {pages} pages publiées, "
                 f"{Thematique.objects.count()} thématiques, {TypePrestation.objects.count()} types de prestation, "
                 f"{Partenaire.objects.count()} partenaires.")
    return chantier
