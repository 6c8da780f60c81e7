"""« Webinaires en replay »: past webinars that have a replay, wherever they sit in the agenda."""

from django.db import models
from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from agenda import services
from site_collectivites.models.pages import BasePage
from site_collectivites.taxonomie.models import Partenaire, Thematique

from .evenements import EvenementPage

REPLAYS_PAR_PAGE = 12


class ReplayIndexPage(BasePage):
    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "webinaires en replay"
        verbose_name_plural = "webinaires en replay"

    FILTRES = ("thematique", "partenaire")

    def replays(self):
        return services.webinaires_en_replay(EvenementPage.objects.live().public())

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        valeurs = {nom: request.GET.get(nom, "").strip() for nom in self.FILTRES}
        tous = self.replays()
        queryset = services.filtrer_evenements(
            tous, thematique=valeurs["thematique"], partenaire=valeurs["partenaire"]
        ).prefetch_related(
            Prefetch("thematiques", queryset=Thematique.objects.all()),
            Prefetch("partenaires", queryset=Partenaire.objects.all()),
        )
        context.update(
            replays=Paginator(queryset, REPLAYS_PAR_PAGE).get_page(request.GET.get("page")),
            valeurs=valeurs,
            filtre_actif=any(valeurs.values()),
            parametres_filtres=services.parametres_filtres(valeurs, self.FILTRES),
            thematiques=Thematique.objects.filter(evenements__in=tous).distinct(),
            partenaires=Partenaire.objects.filter(evenements__in=tous).distinct(),
        )
        return context
