"""Site settings editors change without a developer: contact details, social links, menus."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from site_collectivites.blocks import LinkBlock
from site_collectivites.fields import StreamField

RESEAUX = [
    ("facebook", "Facebook"),
    ("linkedin", "LinkedIn"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
]


class ReseauSocialBlock(blocks.StructBlock):
    reseau = blocks.ChoiceBlock(choices=RESEAUX, label="réseau")
    url = blocks.URLBlock(label="adresse")

    class Meta:
        icon = "site"
        label = "réseau social"


@register_setting(icon="cog")
class ParametresSite(BaseSiteSetting):
    # The identity shown in the header of every page (not on the standalone error pages, which read no database).
    nom_organisation = models.CharField("nom de l'organisation", max_length=80, default="Département de la Drôme")
    nom_site = models.CharField("nom du site", max_length=120, default="Ingénierie publique pour les collectivités")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Le logo du Département (SVG ou PNG), affiché à gauche du nom. Vide : l'emblème du site.",
    )
    logo_texte_alternatif = models.CharField(
        "texte alternatif du logo", max_length=150, blank=True,
        help_text="Ce que dit le logo, s'il contient un texte que le nom à côté ne répète pas. Vide : le logo est "
                  "décoratif (le nom de l'organisation, écrit à côté, suffit).",
    )
    nom_service = models.CharField(
        "service", max_length=150, default="Service des relations avec les collectivités"
    )
    adresse = models.TextField("adresse postale", blank=True)
    telephone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("e-mail de contact", blank=True)
    horaires = models.CharField("horaires", max_length=150, blank=True)
    reseaux_sociaux = StreamField([("reseau", ReseauSocialBlock())], verbose_name="réseaux sociaux", blank=True)
    page_lettre = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page de la lettre d'information",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Cible du bloc « lettre d'information » du pied de page et de l'accueil.",
    )
    image_partage_defaut = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de partage par défaut",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("nom_organisation"), FieldPanel("nom_site"), FieldPanel("logo"),
             FieldPanel("logo_texte_alternatif")],
            "Identité (en-tête de chaque page)",
        ),
        MultiFieldPanel(
            [FieldPanel("nom_service"), FieldPanel("adresse"), FieldPanel("telephone"), FieldPanel("email"),
             FieldPanel("horaires")],
            "Coordonnées",
        ),
        FieldPanel("reseaux_sociaux"),
        FieldPanel("page_lettre"),
        FieldPanel("image_partage_defaut"),
    ]

    class Meta:
        verbose_name = "paramètres du site"


@register_setting(icon="list-ul")
class Navigation(BaseSiteSetting):
    menu_principal = StreamField([("lien", LinkBlock())], verbose_name="menu principal", blank=True)
    liens_pied_de_page = StreamField([("lien", LinkBlock())], verbose_name="liens du pied de page", blank=True)

    panels = [FieldPanel("menu_principal"), FieldPanel("liens_pied_de_page")]

    class Meta:
        verbose_name = "navigation"
