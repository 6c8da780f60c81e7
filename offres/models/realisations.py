"""Réalisations: projects carried out on the territory with the help of the offers and aids.

The maître d'ouvrage is a commune or an EPCI of the territory reference, or a syndicat (name + seat
commune). Canton and EPCI are read from the commune (properties), never typed again: the reference
stays the single source of truth when cantons or EPCI change.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from site_collectivites.blocks import BodyStreamBlock
from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Commune, Epci

from .aides import montant
from .offres import OffrePage

REALISATIONS_PAR_PAGE = 12


class TypeMaitreOuvrage(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité (EPCI)"
    SYNDICAT = "syndicat", "Syndicat"


class RealisationPage(BasePage):
    relations_servies = ("commune__epci", "epci")  # loaded with the page (routage.py)

    resume = models.CharField("résumé", max_length=255, help_text="Une phrase, affichée dans les listes.")
    type_maitre_ouvrage = models.CharField(
        "maître d'ouvrage", max_length=10, choices=TypeMaitreOuvrage.choices, default=TypeMaitreOuvrage.COMMUNE
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", null=True, blank=True, on_delete=models.PROTECT, related_name="realisations",
        help_text="La commune maître d'ouvrage, ou la commune siège du syndicat.",
    )
    epci = models.ForeignKey(
        Epci, verbose_name="intercommunalité maître d'ouvrage", null=True, blank=True, on_delete=models.PROTECT,
        related_name="realisations", help_text="Seulement si le maître d'ouvrage est une intercommunalité.",
    )
    syndicat_nom = models.CharField("nom du syndicat", max_length=200, blank=True)
    partenaires = ParentalManyToManyField(
        Partenaire, verbose_name="partenaires mobilisés", related_name="realisations", blank=True
    )
    offres = ParentalManyToManyField(
        OffrePage, verbose_name="offres mobilisées", related_name="realisations", blank=True
    )
    thematiques = ParentalManyToManyField(Thematique, verbose_name="thématiques", related_name="realisations")
    types_prestation = ParentalManyToManyField(
        TypePrestation, verbose_name="types de prestation", related_name="realisations", blank=True
    )
    annee = models.PositiveSmallIntegerField("année de réalisation")
    budget = models.PositiveIntegerField("budget (€ HT)", null=True, blank=True)
    financement = RichTextField("plan de financement", features=RICH_TEXT_FEATURES, blank=True)
    galerie = StreamField(
        [("image", ImageBlock(label="image"))], verbose_name="galerie de photos", blank=True,
        help_text="Décrivez chaque photo (texte alternatif), ou cochez « image décorative ».",
    )
    temoignage = models.TextField("témoignage", blank=True)
    temoignage_nom = models.CharField("nom de l'élu", max_length=120, blank=True)
    temoignage_fonction = models.CharField("fonction de l'élu", max_length=160, blank=True)
    corps = StreamField(BodyStreamBlock(), verbose_name="le projet", blank=True)
    mise_en_avant = models.BooleanField(
        "à la une", default=False, help_text="Les réalisations à la une passent en premier sur la page d'accueil."
    )

    content_panels = Page.content_panels + [
        FieldPanel("resume"),
        MultiFieldPanel(
            [
                FieldPanel("type_maitre_ouvrage"),
                FieldPanel("commune"),
                FieldPanel("epci"),
                FieldPanel("syndicat_nom"),
            ],
            "Maître d'ouvrage",
            help_text="Le canton et l'intercommunalité se déduisent de la commune.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
                FieldPanel("types_prestation", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partenaires", widget=forms.CheckboxSelectMultiple),
                FieldPanel("offres"),
                FieldRowPanel([FieldPanel("annee"), FieldPanel("budget")]),
                FieldPanel("mise_en_avant"),
            ],
            "Classement",
        ),
        FieldPanel("financement"),
        FieldPanel("corps"),
        FieldPanel("galerie"),
        MultiFieldPanel(
            [FieldPanel("temoignage"), FieldPanel("temoignage_nom"), FieldPanel("temoignage_fonction")],
            "Témoignage d'un élu",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("resume", boost=2), index.SearchField("corps")]
    parent_page_types = ["offres.RealisationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "réalisation"
        verbose_name_plural = "réalisations"
        # The listing shows the most recent years first, a page at a time: PostgreSQL walks this index and
        # sorts only the titles of the years it needs (incremental sort) instead of every réalisation.
        indexes = [models.Index(fields=["-annee"], name="realisation_annee")]

    def clean(self):
        super().clean()
        erreurs = {}
        if self.type_maitre_ouvrage == TypeMaitreOuvrage.EPCI:
            if not self.epci_id:
                erreurs["epci"] = "Choisissez l'intercommunalité maître d'ouvrage."
        elif not self.commune_id:
            erreurs["commune"] = (
                "Choisissez la commune siège du syndicat." if self.type_maitre_ouvrage == TypeMaitreOuvrage.SYNDICAT
                else "Choisissez la commune maître d'ouvrage."
            )
        if self.type_maitre_ouvrage == TypeMaitreOuvrage.SYNDICAT and not self.syndicat_nom:
            erreurs["syndicat_nom"] = "Indiquez le nom du syndicat."
        if erreurs:
            raise ValidationError(erreurs)

    def save(self, *args, **kwargs):
        # Fields of another kind of maître d'ouvrage would be read by the derived properties.
        if self.type_maitre_ouvrage != TypeMaitreOuvrage.EPCI:
            self.epci = None
        else:
            self.commune = None
        if self.type_maitre_ouvrage != TypeMaitreOuvrage.SYNDICAT:
            self.syndicat_nom = ""
        return super().save(*args, **kwargs)

    @property
    def maitre_ouvrage(self):
        if self.type_maitre_ouvrage == TypeMaitreOuvrage.EPCI:
            return self.epci.nom if self.epci_id else ""
        if self.type_maitre_ouvrage == TypeMaitreOuvrage.SYNDICAT:
            return self.syndicat_nom
        return f"Commune de {self.commune.nom}" if self.commune_id else ""

    @property
    def intercommunalite(self):
        """The EPCI: the maître d'ouvrage itself, or the commune's."""
        if self.type_maitre_ouvrage == TypeMaitreOuvrage.EPCI:
            return self.epci
        return self.commune.epci if self.commune_id else None

    @property
    def cantons(self):
        """The commune's canton(s) (three towns lie in several); none for an EPCI."""
        from offres.fiche_realisation import cantons_par_commune

        return list(cantons_par_commune().get(self.commune_id, [])) if self.commune_id else []

    @property
    def libelle_budget(self):
        return f"{montant(self.budget)} HT" if self.budget else ""

    @property
    def texte_carte(self):
        return self.resume

    @property
    def date_carte(self):
        lieu = self.commune.nom if self.commune_id else (self.epci.nom if self.epci_id else "")
        return f"{lieu} · {self.annee}" if lieu else str(self.annee)

    def get_og_image(self):
        """The sharing image, else the gallery's first photo (the gallery's own StreamValue: no extra query)."""
        if self.image_partage_id:
            return self.image_partage
        return self.image_carte

    @property
    def image_carte(self):
        """The picture of its cards: the gallery's first photo, with its alternative text in context. A listing
        sets it for a page of cards at once (offres/photos.py), without reading each gallery's images."""
        if "_image_carte" not in self.__dict__:
            self._image_carte = next((bloc.value for bloc in self.galerie if bloc.value is not None), None)
        return self._image_carte

    def definir_image_carte(self, image):
        self._image_carte = image

    def get_meta_description(self):
        return self.search_description or self.resume

    def get_context(self, request, *args, **kwargs):
        from offres import fiche_realisation

        context = super().get_context(request, *args, **kwargs)
        if self.commune_id and "commune" not in self._state.fields_cache:  # not loaded by the routing (preview)
            self.commune = Commune.objects.select_related("epci").get(pk=self.commune_id)
        context.update(fiche_realisation.contexte(self, request))
        return context


class RealisationIndexPage(BasePage):
    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["site_collectivites.HomePage"]
    subpage_types = ["offres.RealisationPage"]
    max_count = 1  # one of a kind (docs/architecture.md, « Page tree »): the site's one list of réalisations

    class Meta:
        verbose_name = "liste des réalisations"
        verbose_name_plural = "listes des réalisations"

    def realisations(self):
        return RealisationPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from offres import carte_realisations
        from offres import filtres_realisations as filtres
        from offres.filters import numero_page, selection

        context = super().get_context(request, *args, **kwargs)
        index = filtres.index_de_la_liste(self)
        criteres = filtres.lire_criteres(request.GET, index.options)
        resultats = selection(index, criteres)
        page_obj = Paginator(resultats, REALISATIONS_PAR_PAGE).get_page(numero_page(request.GET))
        context.update(
            {
                "criteres": criteres,
                "facettes": filtres.compter_facettes(index, criteres),
                "filtres_actifs": filtres.filtres_actifs(criteres, index.options),
                "cartes": filtres.cartes(request, page_obj.object_list),
                "page_obj": page_obj,
                "querystring_filtres": filtres.querystring(criteres),
                "url_reinitialiser": self.get_url(request),
                "carte_realisations": carte_realisations.carte(self, self.get_url(request), list(resultats)),
                "noindex": criteres.est_filtre,
            }
        )
        return context
