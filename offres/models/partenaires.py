"""The partners' pages: one Wagtail page lists them, and routes `/<slug>/` show each one.

The Partenaire snippets (site_collectivites.taxonomie) stay the single source of truth: no page is
duplicated per partner, so renaming a partner in the snippet changes its page at once.
"""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.models.pages import BasePage
from offres.permissions import restreindre
from site_collectivites.taxonomie.models import Partenaire


class PartenaireIndexPage(RoutablePageMixin, BasePage):
    def permissions_for_user(self, user):
        # The partners' page is the Département's: a partner's agent edits its own record (the snippet) instead.
        return restreindre(super().permissions_for_user(user), self, set())

    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["offres.OffreIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "liste des partenaires"
        verbose_name_plural = "listes des partenaires"

    def url_partenaire(self, partenaire, request=None):
        return self.url_de_route(self.get_url(request), partenaire)

    @classmethod
    def url_de_route(cls, url_liste, partenaire):
        """The partner's route below the list's URL (no query: the routes are the class's)."""
        route = cls.get_resolver().reverse("partenaire", slug=partenaire.slug)
        return url_liste.rstrip("/") + "/" + route.lstrip("/")

    def get_sitemap_urls(self, request=None):
        """The list and every partner's route: the routes are real pages for visitors and search engines."""
        urls = super().get_sitemap_urls(request)
        base = urls[0]["location"] if urls and urls[0]["location"] else None
        if base:
            for slug in Partenaire.objects.values_list("slug", flat=True):
                route = self.reverse_subpage("partenaire", kwargs={"slug": slug})
                urls.append({"location": base.rstrip("/") + "/" + route.lstrip("/"), "lastmod": urls[0]["lastmod"]})
        return urls

    @path("")
    def liste(self, request):
        from offres import services

        groupes = services.partenaires_groupes()
        for groupe in groupes:
            for partenaire in groupe["partenaires"]:
                partenaire.url = self.url_partenaire(partenaire, request)
        return self.render(request, context_overrides={"groupes": groupes})

    @path("<slug:slug>/", name="partenaire")
    def partenaire(self, request, slug):
        from offres import services

        partenaire = Partenaire.objects.select_related("logo").filter(slug=slug).first()
        if partenaire is None:
            raise Http404("Partenaire inconnu")
        url = self.url_partenaire(partenaire, request)
        description = partenaire.resume or strip_tags(partenaire.description)[:300]
        return self.render(
            request,
            template="offres/partenaire_page.html",
            context_overrides={
                "partenaire": partenaire,
                "cartes_offres": services.cartes_offres_du_partenaire(request, partenaire),
                "realisations": services.realisations_liees(request, partenaires=partenaire),
                "seo": {
                    "titre": f"{partenaire.nom} – {settings.WAGTAIL_SITE_NAME}",
                    "og_title": partenaire.nom,
                    "description": description,
                    "canonical": url_publique(url),
                    "og_type": "article",
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            },
        )
