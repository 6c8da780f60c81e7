"""What every page gives search engines and social networks (title, description, image)."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class SeoMixin(models.Model):
    image_partage = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de partage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Image montrée sur les réseaux sociaux (sinon : l'image par défaut du site).",
    )

    promote_panels_extra = [FieldPanel("image_partage")]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or getattr(self, "intro", "") or ""

    def get_og_image(self):
        return self.image_partage
