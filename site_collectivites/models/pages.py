"""Site-wide pages: home, standard pages and the human site map."""

from django.db import models
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from site_collectivites.cache import par_generation
from site_collectivites.exploitation.adresse_publique import site_url
from site_collectivites.blocks import BodyStreamBlock
from site_collectivites.fields import StreamField
from site_collectivites.models.seo import SeoMixin
from site_collectivites.taxonomie.models import Thematique


class BasePage(SeoMixin, Page):
    """Common base: SEO fields in the promote tab."""

    promote_panels = Page.promote_panels + SeoMixin.promote_panels_extra

    # Foreign keys the page's own template always shows: loaded with the page by the routing (routage.py).
    relations_servies = ()

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's full URLs of a page (`full_url`, `get_full_url`: the sitemap, feeds, canonical links, QR
        codes, e-mails, its own notifications) start with its `Site` record's root URL; ours start with SITE_URL,
        the one public address (adresse_publique.py), whatever that record or the request's host say. Relative
        URLs (`url`, `get_url` on a single site) are unchanged."""
        parties = super().get_url_parts(request)
        if parties is None or parties[1] is None:
            return parties
        site_id, _racine_du_site, chemin = parties
        return site_id, site_url(), chemin

    def get_view_restrictions(self):
        """Wagtail reads the restrictions of the page and its ancestors on every view (two queries). Most of the
        time there is none on the whole site: that is read once per generation of the page cache, which a change
        to a restriction bumps (cache/invalidation.py)."""
        if not par_generation.sections_privees():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ChiffreCleBlock(blocks.StructBlock):
    valeur = blocks.CharBlock(label="valeur", help_text="Ex. : 825")
    libelle = blocks.CharBlock(label="libellé", help_text="Ex. : demandes d'accompagnement en 2025")

    class Meta:
        icon = "order"
        label = "chiffre clé"


class HomePage(BasePage):
    hero_titre = models.CharField("titre d'accroche", max_length=150)
    hero_texte = models.TextField("texte d'accroche", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image d'accroche (décorative)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_catalogue = models.ForeignKey(
        Page,
        verbose_name="page du catalogue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Les vignettes des thématiques mènent à cette page, filtrée par thématique.",
    )
    chiffres_cles = StreamField([("chiffre", ChiffreCleBlock())], verbose_name="chiffres clés", blank=True)
    demande_titre = models.CharField(
        "titre de l'appel à l'action", max_length=150, default="Faire une demande d'accompagnement"
    )
    demande_texte = models.TextField("texte de l'appel à l'action", blank=True)
    page_demande = models.ForeignKey(
        Page, verbose_name="page de demande", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lettre_texte = models.TextField(
        "texte de la lettre d'information", blank=True, help_text="La page de la lettre se choisit dans les paramètres."
    )
    corps = StreamField(BodyStreamBlock(), verbose_name="contenu complémentaire", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_titre"), FieldPanel("hero_texte"), FieldPanel("hero_image")], "Accroche"),
        FieldPanel("page_catalogue"),
        FieldPanel("chiffres_cles"),
        MultiFieldPanel(
            [FieldPanel("demande_titre"), FieldPanel("demande_texte"), FieldPanel("page_demande")],
            "Faire une demande",
        ),
        FieldPanel("lettre_texte"),
        FieldPanel("corps"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read once per generation of the page cache (a change to a thématique or to this page bumps it).
        context["thematiques"] = par_generation.valeur(par_generation.cle("tuiles-thematiques"), tuiles_thematiques)
        context["url_catalogue"] = par_generation.url_de_page(request, f"catalogue-{self.pk}", self._page_si_publiee(
            "page_catalogue"))
        context["url_demande"] = par_generation.url_de_page(request, f"demande-{self.pk}", self._page_si_publiee(
            "page_demande"))
        # The lists of news, events and réalisations, assembled above the ground floor; an empty one is hidden.
        context["sections"] = home_sections(request)
        return context

    def get_og_image(self):
        return self.image_partage or self.hero_image


    def _page_si_publiee(self, champ):
        def trouver():
            page = getattr(self, champ)
            return page if page is not None and page.live else None

        return trouver


def tuiles_thematiques():
    """What the home page's tiles show of each thématique, as plain data."""
    return [{"slug": t.slug, "nom": t.nom, "pictogramme": t.pictogramme, "classe_couleur": t.classe_couleur}
            for t in Thematique.objects.all()]


def home_sections(request):
    """The HTML of the home page's lists (latest news, next events, featured réalisations) by name, "" when empty.

    They come from the apps above the ground floor, which this module may not import (docs/architecture.md):
    whoever assembles them answers the Wagtail hook « sections_accueil » with a function of the request that
    returns {name: HTML} (the top floor does: portail/accueil.py). Without one, the sections are hidden.
    """
    sections = {}
    for fournisseur in hooks.get_hooks("sections_accueil"):
        sections.update(fournisseur(request))
    return sections


class StandardPage(BasePage):
    intro = models.TextField("chapô", blank=True)
    corps = StreamField(BodyStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("corps")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("corps"),
    ]

    class Meta:
        verbose_name = "page standard"
        verbose_name_plural = "pages standard"


class PlanDuSitePage(BasePage):
    """The human site map (RGAA asks for one): every published page, as nested lists."""

    intro = models.TextField("chapô", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = "plan du site"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["arbre"] = arbre_des_pages(site.root_page, request, profondeur_max=4) if site else []
        return context


def arbre_des_pages(racine, request, profondeur_max):
    """Nested [(page, children)] of live public pages under `racine`, built from one query."""
    pages = list(
        racine.get_descendants(inclusive=True)
        .live()
        .public()
        .filter(depth__lte=racine.depth + profondeur_max)
        .order_by("path")
    )
    noeuds = {page.path: (page, []) for page in pages}
    racines = []
    for page in pages:
        parent = noeuds.get(page.path[: -Page.steplen])
        (parent[1] if parent else racines).append(noeuds[page.path])
    return racines
