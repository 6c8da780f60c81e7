from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkValue(blocks.StructValue):
    @cached_property
    def href(self):
        """The link's address, or None when the chosen page is unpublished (the link is then hidden)."""
        page = self.get("page")
        if page:
            return page.url if page.live else None
        return self.get("url")

    @cached_property
    def text(self):
        page = self.get("page")
        return self.get("libelle") or (page.title if page else self.get("url"))

    @property
    def is_external(self):
        return not self.get("page")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an outside address, with an optional label."""

    page = blocks.PageChooserBlock(label="page du site", required=False)
    url = blocks.URLBlock(label="ou adresse externe", required=False)
    libelle = blocks.CharBlock(label="libellé", required=False, help_text="Par défaut : le titre de la page.")

    class Meta:
        icon = "link"
        label = "lien"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError("Choisissez une page du site ou une adresse externe (une seule).")}
            )
        if value.get("url") and not value.get("libelle"):
            raise StructBlockValidationError(
                block_errors={"libelle": ValidationError("Un lien externe a besoin d'un libellé.")}
            )
        return value


class ImageFigureBlock(blocks.StructBlock):
    image = ImageBlock(label="image")
    legende = blocks.CharBlock(label="légende", required=False)
    credit = blocks.CharBlock(label="crédit", required=False)

    class Meta:
        icon = "image"
        label = "image"
        template = "blocks/image_figure.html"


class QuoteBlock(blocks.StructBlock):
    citation = blocks.TextBlock(label="citation")
    auteur = blocks.CharBlock(label="auteur", required=False)
    fonction = blocks.CharBlock(label="fonction", required=False, help_text="Ex. : maire de Saillans")

    class Meta:
        icon = "openquote"
        label = "citation"
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    titre = blocks.CharBlock(label="titre")
    texte = blocks.TextBlock(label="texte", required=False)
    lien = LinkBlock(label="bouton")

    class Meta:
        icon = "pick"
        label = "appel à l'action"
        template = "blocks/call_to_action.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="titre ou question")
    reponse = blocks.RichTextBlock(label="contenu ou réponse", features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Questions/answers as native <details>: keyboard and screen-reader friendly with no JavaScript."""

    titre = blocks.CharBlock(label="titre de la section", required=False)
    elements = blocks.ListBlock(AccordionItemBlock(), label="éléments", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "accordéon / FAQ"
        template = "blocks/accordion.html"


class DocumentListBlock(blocks.StructBlock):
    titre = blocks.CharBlock(label="titre", required=False, default="Documents à télécharger")
    documents = blocks.ListBlock(DocumentChooserBlock(label="document"), label="documents", min_num=1)

    class Meta:
        icon = "doc-full"
        label = "liste de documents"
        template = "blocks/document_list.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video always comes with a link and, for RGAA 4.1 criterion 4.1, a transcript."""

    titre = blocks.CharBlock(label="titre de la vidéo")
    video = EmbedBlock(label="adresse de la vidéo", help_text="Lien PeerTube, Dailymotion, YouTube ou Vimeo.")
    transcription = blocks.RichTextBlock(
        label="transcription", features=RICH_TEXT_FEATURES, help_text="Obligatoire pour l'accessibilité (RGAA 4.1)."
    )

    class Meta:
        icon = "media"
        label = "vidéo"
        template = "blocks/video.html"


class TableBlock(blocks.StructBlock):
    titre = blocks.CharBlock(label="titre du tableau (légende)", help_text="Décrit le tableau pour tous les lecteurs.")
    tableau = WagtailTableBlock(
        label="tableau",
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        label = "tableau"
        template = "blocks/table.html"


class LatestItemsBlock(blocks.StructBlock):
    """The latest published children of a listing page (news, events, offers…)."""

    titre = blocks.CharBlock(label="titre")
    page_parente = blocks.PageChooserBlock(label="rubrique", help_text="Ex. : Actualités, Agenda, Réalisations.")
    nombre = blocks.IntegerBlock(label="nombre d'éléments", default=3, min_value=1, max_value=12)

    class Meta:
        icon = "list-ol"
        label = "derniers contenus"
        template = "blocks/latest_items.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent = value["page_parente"]
        context["items"] = (
            parent.get_children().live().public().specific().defer_streamfields()
            .order_by("-first_published_at")[: value["nombre"]]
            if parent
            else []
        )
        return context


class FormulaireIntegreBlock(blocks.StructBlock):
    """A form that has its own page (the demande form…) shown inside any page.

    The chosen page renders the form itself (its method `rendre_formulaire_integre(request)`), so this
    ground-floor block imports no app; the form posts to its own page, which shows errors or confirmation.
    """

    titre = blocks.CharBlock(label="titre", required=False, help_text="Facultatif, affiché au-dessus du formulaire.")
    page = blocks.PageChooserBlock(
        label="page du formulaire", help_text="Par exemple la page « Faire une demande d'accompagnement »."
    )

    class Meta:
        icon = "form"
        label = "formulaire intégré"
        template = "blocks/formulaire_integre.html"

    def clean(self, value):
        value = super().clean(value)
        page = value.get("page")
        if page and not hasattr(page.specific_class, "rendre_formulaire_integre"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Cette page ne contient pas de formulaire à intégrer.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value["page"]
        request = (parent_context or {}).get("request")
        integrable = page is not None and page.live and request is not None
        specific = page.specific if integrable else None
        context["formulaire"] = (
            specific.rendre_formulaire_integre(request) if hasattr(specific, "rendre_formulaire_integre") else ""
        )
        return context


class LettreAbonnementBlock(blocks.StructBlock):
    """The newsletter's subscription form inside a page. Its template loads the newsletter's template tag and
    posts to the newsletter's URL by name: this module imports nothing of the newsletter app."""

    titre = blocks.CharBlock(label="titre", default="Recevoir la lettre d'information")
    texte = blocks.TextBlock(label="texte", required=False)

    class Meta:
        icon = "mail"
        label = "abonnement à la lettre"
        template = "blocks/lettre_abonnement.html"


class RegistreTraitementsBlock(blocks.StaticBlock):
    """The register of personal data processing (site_collectivites/exploitation/registre.py), for the « Données
    personnelles » page: generated from the same source as docs/donnees-personnelles.md and from the
    settings the retention commands apply, so the page always says what the site does."""

    class Meta:
        icon = "table"
        label = "registre des traitements de données"
        admin_text = "Le tableau des traitements de données personnelles, tenu à jour par le site."
        template = "blocks/registre_traitements.html"

    def get_context(self, value, parent_context=None):
        from site_collectivites.exploitation.registre import traitements

        return {**super().get_context(value, parent_context), "traitements": traitements()}


class BodyStreamBlock(blocks.StreamBlock):
    texte = blocks.RichTextBlock(label="texte", features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageFigureBlock()
    citation = QuoteBlock()
    appel_action = CallToActionBlock()
    accordeon = AccordionBlock()
    documents = DocumentListBlock()
    video = VideoBlock()
    tableau = TableBlock()
    derniers_contenus = LatestItemsBlock()
    formulaire = FormulaireIntegreBlock()
    registre_traitements = RegistreTraitementsBlock()


    abonnement_lettre = LettreAbonnementBlock()

    class Meta:
        label = "contenu"
