"""News: ActualitePage and its listing ActualiteIndexPage (filter by thématique, RSS feed)."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from agenda import services
from site_collectivites.cache import cartes, liens
from site_collectivites.blocks import BodyStreamBlock
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage
from site_collectivites.taxonomie.models import Thematique

# Renditions of the news pictures (listing and page): prefetched together so a listing costs the same
# number of queries whatever its length.
FORMATS_IMAGE_LISTE = ["fill-400x225", "fill-800x450"]
FORMATS_IMAGE_PAGE = ["width-480", "width-800", "width-1200"]


class ActualiteIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["agenda.ActualitePage"]
    max_count = 1  # one of a kind (docs/architecture.md, « Page tree »): the site's one list of news

    class Meta:
        verbose_name = "liste des actualités"
        verbose_name_plural = "listes des actualités"

    def actualites(self):
        return ActualitePage.objects.live().public().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        thematique = request.GET.get("thematique", "").strip()
        index = services.index_actualites(self)
        thematiques = index.options["thematique"]
        actualites = services.page_actualites(services.actualites_selectionnees(index, thematique),
                                              request.GET.get("page"))
        context.update(
            actualites=actualites,
            cartes=cartes.cartes(request, "agenda/includes/carte_actualite.html", "actualite",
                                 actualites.object_list, services.actualites_pour_cartes),
            thematiques=thematiques,
            thematique_choisie=next((t for t in thematiques if t.slug == thematique), None),
            filtre_actif=bool(thematique),
            parametres_filtres=services.parametres_filtres(request.GET, ["thematique"]),
            url_flux=(self.get_url(request) or "") + self.reverse_subpage("flux"),
            url_flux_atom=(self.get_url(request) or "") + self.reverse_subpage("flux_atom"),
        )
        return context

    @path("flux/", name="flux")
    def flux(self, request):
        from agenda.feeds import FluxActualites

        return FluxActualites(self)(request)

    @path("flux/atom/", name="flux_atom")
    def flux_atom(self, request):
        from agenda.feeds import FluxActualitesAtom

        return FluxActualitesAtom(self)(request)


class ActualitePage(BasePage):
    relations_servies = ("image",)  # loaded with the page (routage.py)

    date_publication = models.DateField("date de publication", default=timezone.localdate)
    thematiques = ParentalManyToManyField(
        Thematique, verbose_name="thématiques", blank=True, related_name="actualites"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Le texte alternatif est la description de l'image (à renseigner dans la médiathèque).",
    )
    resume = models.TextField(
        "résumé", max_length=600, help_text="Un paragraphe, repris dans les listes, la page d'accueil et le flux RSS."
    )
    corps = StreamField(BodyStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date_publication"), FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple)],
            "Classement",
        ),
        FieldPanel("image"),
        FieldPanel("resume"),
        FieldPanel("corps"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("resume"),
        index.SearchField("corps"),
        index.FilterField("date_publication"),
    ]
    parent_page_types = ["agenda.ActualiteIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"
        # The listing, the feeds and the home page read the newest news first and stop after a page: this
        # index lets PostgreSQL walk them in date order instead of sorting every news item.
        indexes = [models.Index(fields=["-date_publication"], name="actualite_date_publication")]

    def get_meta_description(self):
        return self.search_description or self.resume

    def get_og_image(self):
        return self.image_partage or self.image

    @property
    def image_carte(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(liens.objets_lies(self, ("thematiques",), request))
        return context

    # Generic card interface (includes/card_list.html): a date and a one-paragraph text.
    @property
    def date_carte(self):
        return date_format(self.date_publication, "j F Y")

    @property
    def date_carte_iso(self):
        return self.date_publication.isoformat()

    @property
    def texte_carte(self):
        return self.resume
