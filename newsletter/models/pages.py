"""The issues (NewsletterPage) and their public archive with the subscription form (NewsletterIndexPage)."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from newsletter.blocks import LettreStreamBlock
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage

LETTRES_PAR_PAGE = 12
# The first issue lists what was published in the month before it.
FENETRE_PREMIERE_LETTRE = datetime.timedelta(days=31)


class NewsletterIndexPage(BasePage):
    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["newsletter.NewsletterPage"]
    max_count = 1

    class Meta:
        verbose_name = "archive de la lettre d'information"
        verbose_name_plural = "archives de la lettre d'information"

    def get_context(self, request, *args, **kwargs):
        from newsletter.consentement import mention
        from newsletter.forms import FormulaireAbonnement

        context = super().get_context(request, *args, **kwargs)
        lettres = NewsletterPage.objects.live().public().child_of(self).order_by("-date_lettre", "-pk")
        context["lettres"] = Paginator(lettres, LETTRES_PAR_PAGE).get_page(request.GET.get("page"))
        context["formulaire"] = FormulaireAbonnement(initial={"origine": request.path})
        context["texte_mention"] = mention()[1]
        return context


class NewsletterPage(BasePage):
    date_lettre = models.DateField("date de la lettre", default=timezone.localdate)
    chapo = models.TextField("chapô", blank=True, help_text="Quelques lignes en tête de la lettre.")
    corps = StreamField(LettreStreamBlock(), verbose_name="contenu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("date_lettre"), FieldPanel("chapo"), FieldPanel("corps")]
    search_fields = Page.search_fields + [index.SearchField("chapo"), index.SearchField("corps")]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "lettre d'information"
        verbose_name_plural = "lettres d'information"

    def get_meta_description(self):
        return self.search_description or self.chapo

    # --- "since the previous issue" ------------------------------------------------------------------------

    def moment(self):
        """When this issue went out (its send), else the start of its date (Paris)."""
        envoi = getattr(self, "envoi", None) if self.pk else None
        if envoi is not None:
            return envoi.cree_le
        return timezone.make_aware(datetime.datetime.combine(self.date_lettre, datetime.time.min))

    def fenetre(self):
        """[start, end) of "published since the previous issue": from the previous issue's moment to this
        issue's send (or now, until it is sent: the preview shows what will go out)."""
        from newsletter.models import Envoi

        sent = Envoi.objects.filter(lettre_id=self.pk).values_list("cree_le", flat=True).first() if self.pk else None
        fin = sent or timezone.now()
        precedente = (
            NewsletterPage.objects.live().exclude(pk=self.pk).filter(date_lettre__lte=self.date_lettre)
            .select_related("envoi").order_by("-date_lettre", "-pk").first()
        )
        debut = precedente.moment() if precedente else fin - FENETRE_PREMIERE_LETTRE
        return min(debut, fin), fin

    def blocs(self):
        """The body's blocks, each "latest content" block with its items (one query per such block)."""
        from newsletter.contenus import contenus_recents

        debut = fin = None
        resultat = []
        for bloc in self.corps:
            contenus = None
            if bloc.block_type == "derniers_contenus":
                if debut is None:
                    debut, fin = self.fenetre()
                contenus = contenus_recents(bloc.value["nature"], debut, fin, bloc.value["nombre"])
                if not contenus:
                    continue  # an empty section says nothing
            resultat.append({"type": bloc.block_type, "valeur": bloc.value, "bloc": bloc, "contenus": contenus})
        return resultat

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blocs"] = self.blocs()
        return context

    # --- preview as an e-mail ------------------------------------------------------------------------------

    @property
    def preview_modes(self):
        return [("", "Page web"), ("courriel", "Courriel (HTML)"), ("texte", "Courriel (texte brut)")]

    def serve_preview(self, request, mode_name):
        from newsletter.courriels import rendre_lettre

        if mode_name in ("courriel", "texte"):
            rendu = rendre_lettre(self)
            if mode_name == "texte":
                return HttpResponse(rendu.texte, content_type="text/plain; charset=utf-8")
            return HttpResponse(rendu.html)
        return super().serve_preview(request, mode_name)
