"""The catalogue of offers: OffreIndexPage (filterable listing) and OffrePage (one offer of a partenaire).

The filtering and counting rules live in offres/filters.py; the lookups shared with other pages (demande
form, partner routes) live in offres/services.py. This module only declares the data and wires them.
"""

import unicodedata

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import JsonResponse
from django.utils.html import strip_tags
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from site_collectivites.cache import cartes, liens, par_generation
from site_collectivites.blocks import DocumentListBlock
from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

from offres.permissions import FormulaireOffre, actions_sur_offre, restreindre

from .identifiants import IdentifiantAidesTerritoires

OFFRES_PAR_PAGE = 12


def normaliser(texte):
    """Lower case, no accents, single spaces: "Énergie  Rénovation" -> "energie renovation".

    Élus type on phones, often without accents; the catalogue search compares normalised text.
    """
    decompose = unicodedata.normalize("NFKD", texte or "")
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accents.lower().replace("œ", "oe").replace("æ", "ae").split())


class Beneficiaire(models.Model):
    """Who may ask for an offer. Rows are seeded by migration 0002 (a fixed list, not edited in the admin)."""

    slug = models.SlugField("identifiant d'URL", max_length=60, unique=True)
    nom = models.CharField("nom", max_length=100, unique=True)
    ordre = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    class Meta:
        verbose_name = "bénéficiaire"
        verbose_name_plural = "bénéficiaires"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom


def reference_offre(numero):
    return f"OFF-{numero:04d}"


class IdentifiantOffre(models.Model):
    """One row per offer ever created; rows are never deleted, so a number is never given twice.

    The page points to its row with PROTECT: deleting the page leaves the row behind, and the
    database sequence (or the kept row, on SQLite) guarantees that the next offer gets a new number.
    """

    cree_le = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "identifiant d'offre"
        verbose_name_plural = "identifiants d'offre"

    def __str__(self):
        return reference_offre(self.pk)


class Conditions(models.TextChoices):
    GRATUIT = "gratuit", "Gratuit (conseil de premier niveau)"
    PAYANT = "payant", "Payant"
    CONVENTION = "convention", "Sur convention"


class OffrePage(IdentifiantAidesTerritoires, BasePage):
    relations_servies = ("partenaire",)  # loaded with the page (routage.py)
    base_form_class = FormulaireOffre  # a partner's agent writes for its own partner only (offres/permissions.py)

    def permissions_for_user(self, user):
        return restreindre(super().permissions_for_user(user), self, actions_sur_offre(self))


    identifiant = models.OneToOneField(
        IdentifiantOffre,
        verbose_name="identifiant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="offre",
    )
    partenaire = models.ForeignKey(
        Partenaire, verbose_name="partenaire", on_delete=models.PROTECT, related_name="offres"
    )
    thematiques = ParentalManyToManyField(Thematique, verbose_name="thématiques", related_name="offres")
    types_prestation = ParentalManyToManyField(
        TypePrestation, verbose_name="types de prestation", related_name="offres"
    )
    beneficiaires = ParentalManyToManyField(Beneficiaire, verbose_name="bénéficiaires", related_name="offres")
    conditions = models.CharField("conditions", max_length=20, choices=Conditions.choices, default=Conditions.GRATUIT)
    resume = models.CharField(
        "résumé", max_length=255, help_text="Une phrase : ce que l'offre apporte. Affichée dans le catalogue."
    )
    operations_concernees = RichTextField("opérations concernées", features=RICH_TEXT_FEATURES, blank=True)
    niveau_intervention = RichTextField(
        "niveau d'intervention / description", features=RICH_TEXT_FEATURES, blank=True
    )
    modalites = RichTextField("modalités", features=RICH_TEXT_FEATURES, blank=True)
    informations_complementaires = RichTextField(
        "informations complémentaires", features=RICH_TEXT_FEATURES, blank=True
    )
    referent_nom = models.CharField("nom du référent", max_length=120, blank=True)
    referent_fonction = models.CharField("fonction du référent", max_length=160, blank=True)
    referent_email = models.EmailField("e-mail du référent", blank=True)
    referent_telephone = models.CharField("téléphone du référent", max_length=30, blank=True)
    documents = StreamField([("documents", DocumentListBlock())], verbose_name="documents", blank=True)
    # Reference, title, résumé, partner and operations, lower case without accents: the catalogue's search
    # runs a plain LIKE on this column (fast, accent-insensitive on every database).
    texte_recherche = models.TextField(editable=False, blank=True, default="")

    content_panels = Page.content_panels + [
        FieldPanel("resume"),
        MultiFieldPanel(
            [
                FieldPanel("partenaire"),
                FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
                FieldPanel("types_prestation", widget=forms.CheckboxSelectMultiple),
                FieldPanel("beneficiaires", widget=forms.CheckboxSelectMultiple),
                FieldPanel("conditions"),
            ],
            "Classement",
        ),
        FieldPanel("operations_concernees"),
        FieldPanel("niveau_intervention"),
        FieldPanel("modalites"),
        FieldPanel("informations_complementaires"),
        MultiFieldPanel(
            [
                FieldPanel("referent_nom"),
                FieldPanel("referent_fonction"),
                FieldPanel("referent_email"),
                FieldPanel("referent_telephone"),
            ],
            "Référent",
        ),
        FieldPanel("documents"),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("identifiant_aides_territoires")]
    search_fields = Page.search_fields + [
        index.SearchField("resume", boost=2),
        index.SearchField("operations_concernees"),
        index.SearchField("niveau_intervention"),
        index.SearchField("modalites"),
        index.RelatedFields("partenaire", [index.SearchField("nom"), index.SearchField("sigle")]),
    ]
    parent_page_types = ["offres.OffreIndexPage"]
    subpage_types = []
    # A copy is a new offer: it gets its own number and its own aides-territoires id (see save()).
    exclude_fields_in_copy = ["identifiant", "identifiant_aides_territoires"]

    class Meta:
        verbose_name = "offre d'ingénierie"
        verbose_name_plural = "offres d'ingénierie"

    @property
    def reference(self):
        # From the id alone: listings and the feed must not load one IdentifiantOffre row per offer.
        return reference_offre(self.identifiant_id) if self.identifiant_id else ""

    def get_meta_description(self):
        return self.search_description or self.resume

    def identifiant_par_defaut(self):
        return self.reference or None

    def calculer_texte_recherche(self):
        # The reference too: an agent on the phone can find "OFF-0042" from the catalogue's search box.
        morceaux = [self.reference, self.title, self.resume, strip_tags(self.operations_concernees or "")]
        if self.partenaire_id:
            morceaux += [self.partenaire.nom, self.partenaire.sigle]
        return normaliser(" ".join(m for m in morceaux if m))

    def save(self, *args, **kwargs):
        if self.identifiant_id is None:
            self.identifiant = IdentifiantOffre.objects.create()
        self.texte_recherche = self.calculer_texte_recherche()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from offres import services

        context = super().get_context(request, *args, **kwargs)
        context.update(liens.objets_lies(self, ("thematiques", "types_prestation", "beneficiaires"), request))
        context["url_demande"] = services.url_demande_pour_offre(self, request)
        context["url_partenaire"] = services.url_partenaire(self.partenaire, request)
        context["realisations"] = services.realisations_liees(request, offres=self)
        return context


class OffreIndexPage(RoutablePageMixin, BasePage):
    def permissions_for_user(self, user):
        # A partner's agent adds offers here, but never changes the catalogue page itself.
        return restreindre(super().permissions_for_user(user), self, {"add"})

    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["site_collectivites.HomePage"]
    subpage_types = ["offres.OffrePage", "offres.PartenaireIndexPage"]
    max_count = 1  # one of a kind (docs/architecture.md, « Page tree »): the site's one catalogue

    class Meta:
        verbose_name = "catalogue des offres"
        verbose_name_plural = "catalogues des offres"

    def offres(self):
        """Live, public offers of this catalogue: the base every filter narrows."""
        return OffrePage.objects.child_of(self).live().public()

    @path("flux/aides-territoires/", name="flux_aides_territoires")
    def flux_aides_territoires(self, request):
        """The offers of this catalogue as a JSON feed for aides-territoires (offres/aides_territoires.py)."""
        from offres import aides_territoires

        offres = aides_territoires.offres_du_flux().child_of(self)
        response = JsonResponse(aides_territoires.flux(request, offres), json_dumps_params={"ensure_ascii": False})
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context(self, request, *args, **kwargs):
        from offres import filters, services
        from offres.models.partenaires import PartenaireIndexPage

        context = super().get_context(request, *args, **kwargs)
        index = filters.index_du_catalogue(self)
        criteres = filters.lire_criteres(request.GET, index.options)
        recherche = filters.masque_recherche(index, self.offres, criteres)
        page_obj = Paginator(filters.selection(index, criteres, recherche), OFFRES_PAR_PAGE).get_page(
            filters.numero_page(request.GET))
        vide = page_obj.paginator.count == 0
        context.update(
            {
                "criteres": criteres,
                "facettes": filters.compter_facettes(index, criteres, recherche),
                "filtres_actifs": filters.filtres_actifs(
                    criteres, index.options, filters.compteur_sans(index, recherche) if vide else None),
                "url_demande": services.url_page_demande(request) if vide else None,
                "url_partenaires": par_generation.url_de_page(
                    request, f"partenaires-du-catalogue-{self.pk}",
                    lambda: PartenaireIndexPage.objects.child_of(self).live().first()),
                "url_aides": services.url_aides_pour(criteres, request),
                "cartes": cartes.cartes(request, "offres/includes/carte_offre.html", "offre", page_obj.object_list,
                                        filters.cartes),
                "page_obj": page_obj,
                "querystring_filtres": filters.querystring(criteres),
                "url_reinitialiser": self.get_url(request),
                "noindex": criteres.est_filtre,
            }
        )
        return context
