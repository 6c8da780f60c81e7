"""The page that holds the request form: editors write its intro and side text, the form is ours."""

from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.models.pages import BasePage

SESSION_DERNIERE_DEMANDE = "demandes:derniere_reference"


class DemandeFormPage(RoutablePageMixin, BasePage):
    intro = RichTextField("introduction", features=RICH_TEXT_FEATURES, blank=True)
    texte_lateral = RichTextField(
        "texte d'accompagnement", features=RICH_TEXT_FEATURES, blank=True,
        help_text="Affiché à côté du formulaire : délais, interlocuteurs, pièces utiles.",
    )
    texte_confirmation = RichTextField(
        "texte de la page de confirmation", features=RICH_TEXT_FEATURES, blank=True,
        help_text="Ce qui se passe ensuite, affiché sous la référence de la demande.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("texte_lateral"), FieldPanel("texte_confirmation"),
    ]
    subpage_types = []
    # One of a kind (docs/architecture.md, « Page tree »): where every « Faire une demande » leads; another page
    # shows the form through the « formulaire intégré » block.
    max_count = 1

    class Meta:
        verbose_name = "page du formulaire de demande"

    @path("")
    def formulaire(self, request):
        from demandes.views import traiter_formulaire

        return traiter_formulaire(request, self)

    def rendre_formulaire_integre(self, request):
        """The form, blank or pre-filled from the query string, for the « formulaire intégré » block of any
        page (site_collectivites/blocks). It posts here: errors and confirmation show on this page."""
        from demandes.forms import DemandeForm
        from demandes.views import valeurs_initiales

        contexte = {"form": DemandeForm(initial=valeurs_initiales(request)), "page_formulaire": self}
        return render_to_string("demandes/includes/formulaire_integre.html", contexte, request=request)

    @path("merci/")
    def confirmation(self, request):
        from demandes.models import Demande

        reference = request.session.get(SESSION_DERNIERE_DEMANDE)
        demande = Demande.objects.filter(reference=reference).prefetch_related("thematiques").first()
        if demande is None:
            return redirect(self.url)
        return TemplateResponse(
            request, "demandes/confirmation.html", {**self.get_context(request), "demande": demande, "noindex": True}
        )
