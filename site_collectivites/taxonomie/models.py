"""Shared vocabulary of the site: thématiques, types de prestation and partenaires.

Pages, demandes and statistics reference these rows (never free tags), so one filter works everywhere.
Editors maintain them as snippets (see wagtail_hooks.py).
"""

from django import forms
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

# A visual marker for each thématique: an icon shipped in static/icons/thematiques.svg and a colour.
# Every colour has a contrast of at least 4.5:1 with white text (checked in tests/test_taxonomie.py).
PICTOGRAMMES = [
    ("energie", "Énergie (éclair)"),
    ("eau", "Eau (goutte)"),
    ("alimentation", "Alimentation (panier)"),
    ("amenagement", "Aménagement (plan)"),
    ("tourisme", "Tourisme (montagne)"),
    ("habitat", "Habitat (maison)"),
    ("solidarite", "Solidarité (mains)"),
    ("numerique", "Numérique (écran)"),
    ("culture", "Culture (colonnes)"),
]
COULEURS = [
    ("#8a4b00", "Ambre"),
    ("#005f8f", "Bleu rivière"),
    ("#6b4e00", "Blé"),
    ("#3d5a1e", "Vert olive"),
    ("#1f6b4f", "Vert sapin"),
    ("#8c2f39", "Brique"),
    ("#7a3577", "Prune"),
    ("#3b4cb8", "Indigo"),
    ("#6d4c41", "Terre"),
]


def classe_couleur(couleur):
    """The CSS class that paints a thématique's colour ("#8a4b00" -> "couleur-8a4b00", in site.css).

    A class rather than style="--couleur: …": the Content Security Policy forbids inline styles.
    """
    return "couleur-" + couleur.removeprefix("#").lower()


class SlugMixin(models.Model):
    """Fills the slug from the name once; editors may change it, URLs then follow."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.nom)[:80]
        super().save(*args, **kwargs)


class Thematique(index.Indexed, SlugMixin):
    nom = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField("identifiant d'URL", max_length=80, unique=True, blank=True)
    description_courte = models.CharField("description courte", max_length=255, blank=True)
    pictogramme = models.CharField("pictogramme", max_length=20, choices=PICTOGRAMMES, default="amenagement")
    couleur = models.CharField("couleur", max_length=7, choices=COULEURS, default="#005f8f")
    ordre = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    service_referent = models.ForeignKey(
        "Partenaire",
        verbose_name="service référent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematiques_referentes",
        help_text="Reçoit les demandes de cette thématique qui ne visent pas une offre précise.",
    )

    panels = [
        FieldPanel("nom"),
        FieldPanel("slug"),
        FieldPanel("description_courte"),
        FieldPanel("pictogramme"),
        FieldPanel("couleur"),
        FieldPanel("ordre"),
        FieldPanel("service_referent"),
    ]
    search_fields = [index.SearchField("nom"), index.AutocompleteField("nom")]

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom

    @property
    def classe_couleur(self):
        return classe_couleur(self.couleur)


class TypePrestation(SlugMixin):
    nom = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant d'URL", max_length=80, unique=True, blank=True)
    sigle = models.CharField("sigle", max_length=10, blank=True, help_text="AMO, MOe, MOD…")
    definition = models.TextField("définition")
    ordre = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    panels = [FieldPanel("nom"), FieldPanel("slug"), FieldPanel("sigle"), FieldPanel("definition"), FieldPanel("ordre")]

    class Meta:
        verbose_name = "type de prestation"
        verbose_name_plural = "types de prestation"
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom


class Partenaire(index.Indexed, SlugMixin, ClusterableModel):
    class Nature(models.TextChoices):
        DIRECTION = "direction", "Direction du Département"
        EXTERNE = "externe", "Partenaire externe"

    nom = models.CharField("nom", max_length=200, unique=True)
    sigle = models.CharField("sigle", max_length=40, blank=True)
    slug = models.SlugField("identifiant d'URL", max_length=80, unique=True, blank=True)
    nature = models.CharField("nature", max_length=20, choices=Nature.choices, default=Nature.EXTERNE)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="logo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resume = models.CharField("résumé", max_length=255, blank=True, help_text="Une phrase, affichée dans les listes.")
    description = RichTextField("description", blank=True)
    site_web = models.URLField("site web", blank=True)
    email_contact = models.EmailField(
        "e-mail de contact", blank=True, help_text="Adresse qui reçoit les demandes orientées vers ce partenaire."
    )
    telephone = models.CharField("téléphone", max_length=30, blank=True)
    adresse = models.TextField("adresse", blank=True)
    thematiques = ParentalManyToManyField(Thematique, verbose_name="thématiques", blank=True, related_name="partenaires")

    panels = [
        MultiFieldPanel([FieldPanel("nom"), FieldPanel("sigle"), FieldPanel("slug"), FieldPanel("nature")], "Identité"),
        FieldPanel("logo"),
        FieldPanel("resume"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("site_web"), FieldPanel("email_contact"), FieldPanel("telephone"), FieldPanel("adresse")],
            "Contact",
        ),
        FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("nom", boost=3),
        index.SearchField("sigle", boost=3),
        index.SearchField("resume"),
        index.SearchField("description"),
        index.AutocompleteField("nom"),
        index.FilterField("nature"),
    ]

    class Meta:
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"
        ordering = ["nature", "nom"]

    def __str__(self):
        return f"{self.nom} ({self.sigle})" if self.sigle and self.sigle != self.nom else self.nom

    @property
    def nom_court(self):
        return self.sigle or self.nom
