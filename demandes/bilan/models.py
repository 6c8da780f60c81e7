"""The public bilan page (with its canton route and CSV download) and the frozen figures of a published year."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.models.pages import BasePage


class BilanFige(models.Model):
    """The figures of a year as published: later corrections in the back office do not change them.

    `donnees` holds {"bilan": statistiques.calculer_bilan(...), "cantons": statistiques.calculer_cantons(...)}
    for the whole département, as they were when the coordination froze the year.
    """

    annee = models.PositiveSmallIntegerField("année", unique=True)
    donnees = models.JSONField("chiffres figés")
    fige_le = models.DateTimeField("figé le", default=timezone.now)
    fige_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="figé par", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    fige_par_nom = models.CharField("figé par (nom)", max_length=150, blank=True)

    class Meta:
        verbose_name = "bilan figé"
        verbose_name_plural = "bilans figés"
        ordering = ["-annee"]

    def __str__(self):
        return f"Bilan {self.annee} (figé le {timezone.localtime(self.fige_le):%d/%m/%Y})"


class BilanPage(RoutablePageMixin, BasePage):
    intro = RichTextField("introduction", features=RICH_TEXT_FEATURES, blank=True)
    commentaire = RichTextField(
        "commentaire", features=RICH_TEXT_FEATURES, blank=True,
        help_text="Analyse de l'année, affichée sous les chiffres clés.",
    )
    annee_par_defaut = models.PositiveSmallIntegerField(
        "année affichée par défaut", null=True, blank=True,
        help_text="Vide : la dernière année figée, sinon l'année précédente.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("commentaire"),
                                            FieldPanel("annee_par_defaut")]
    parent_page_types = ["site_collectivites.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "bilan de l'ingénierie publique"
        verbose_name_plural = "bilans de l'ingénierie publique"

    def url_route(self, nom, request=None, **kwargs):
        """The URL of one of the page's routes (the CSV, a canton's page)."""
        route = self.reverse_subpage(nom, kwargs=kwargs or None)
        return self.get_url(request).rstrip("/") + "/" + route.lstrip("/")

    def get_sitemap_urls(self, request=None):
        """The page and every canton's route: real pages for visitors and search engines."""
        from site_collectivites.territoire.models import Canton

        urls = super().get_sitemap_urls(request)
        if urls and urls[0]["location"]:
            racine = self.get_url(request)
            base = urls[0]["location"].removesuffix(racine) if racine else ""
            urls += [{"location": base + self.url_route("canton", request, slug=slug), "lastmod": urls[0]["lastmod"]}
                     for slug in Canton.objects.values_list("slug", flat=True)]
        return urls

    @path("")
    def bilan(self, request):
        from .views import page_bilan

        return page_bilan(request, self)

    @path("csv/", name="csv")
    def export_csv(self, request):
        from .views import csv_bilan

        return csv_bilan(request, self)

    @path("canton/<slug:slug>/", name="canton")
    def canton(self, request, slug):
        from .views import page_canton

        return page_canton(request, self, slug)
