"""Financial aids: AideIndexPage (filterable listing), AidePage (one aid sheet of the Département) and
AideEtat (State aids imported from aides-territoires, cached as link records).

The status of an aid is derived from its calendar by offres/statut_aides.py; the listing's filters
and counts live in offres/filtres_aides.py; the import of State aids in offres/aides_etat.py.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from site_collectivites.cache import cartes, liens
from site_collectivites.blocks import DocumentListBlock, LinkBlock
from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage
from site_collectivites.taxonomie.models import Thematique

from .. import statut_aides
from .identifiants import IdentifiantAidesTerritoires
from .offres import Beneficiaire

AIDES_PAR_PAGE = 12
FINANCEUR_DEPARTEMENT = "Département de la Drôme"

# The sections of the Département's aid sheets, in their order: (field, heading). Empty ones are hidden.
SECTIONS_FICHE = (
    ("objectifs", "Objectifs"),
    ("operations_eligibles", "Opérations éligibles"),
    ("exclusions", "Exclusions"),
    ("beneficiaires_details", "Bénéficiaires"),
    ("type_aide", "Type d'aide"),
    ("depenses_subventionnables", "Dépenses subventionnables"),
    ("montant_taux", "Montant / taux de l'aide"),
    ("pieces_dossier", "Pièces constitutives du dossier"),
    ("instruction", "Instruction des dossiers"),
    ("versement", "Versement"),
    ("bases_reglementaires", "Bases réglementaires"),
    ("service_instructeur", "Service instructeur et référents"),
)


class Calendrier(models.TextChoices):
    PERMANENT = statut_aides.PERMANENT, "Permanente (dépôt toute l'année)"
    DATE_LIMITE = statut_aides.DATE_LIMITE, "Date limite de dépôt"
    APPEL_A_PROJETS = statut_aides.APPEL_A_PROJETS, "Appel à projets (ouverture et clôture)"


def montant(euros):
    """40000 -> "40 000 €" (French grouping with a narrow no-break space, as typeset in French)."""
    return f"{euros:,} €".replace(",", "\u202f") if euros is not None else ""


def _texte(verbose_name):
    return RichTextField(verbose_name, features=RICH_TEXT_FEATURES, blank=True)


class AidePage(IdentifiantAidesTerritoires, BasePage):
    resume = models.CharField(
        "résumé", max_length=255, help_text="Une phrase : ce que l'aide finance. Affichée dans la liste des aides."
    )
    thematiques = ParentalManyToManyField(Thematique, verbose_name="thématiques", related_name="aides")
    beneficiaires = ParentalManyToManyField(Beneficiaire, verbose_name="bénéficiaires", related_name="aides")
    taux_min = models.PositiveSmallIntegerField(
        "taux minimal (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    taux_max = models.PositiveSmallIntegerField(
        "taux maximal (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    plafond = models.PositiveIntegerField(
        "plafond (€)", null=True, blank=True, help_text="Montant maximal de l'aide ou de la dépense retenue, en euros."
    )
    calendrier = models.CharField(
        "calendrier", max_length=20, choices=Calendrier.choices, default=Calendrier.PERMANENT
    )
    date_limite = models.DateField("date limite de dépôt", null=True, blank=True)
    date_ouverture = models.DateField("ouverture de l'appel à projets", null=True, blank=True)
    date_cloture = models.DateField("clôture de l'appel à projets", null=True, blank=True)
    mis_a_jour_le = models.DateField("mis à jour le", default=datetime.date.today)

    objectifs = _texte("objectifs")
    operations_eligibles = _texte("opérations éligibles")
    exclusions = _texte("exclusions")
    beneficiaires_details = _texte("bénéficiaires (précisions)")
    type_aide = _texte("type d'aide")
    depenses_subventionnables = _texte("dépenses subventionnables")
    montant_taux = _texte("montant / taux de l'aide")
    pieces_dossier = _texte("pièces constitutives du dossier")
    instruction = _texte("instruction des dossiers")
    versement = _texte("versement")
    bases_reglementaires = _texte("bases réglementaires")
    service_instructeur = _texte("service instructeur et référents")

    demat_url = models.URLField(
        "adresse de la demande en ligne", blank=True,
        help_text="L'adresse de la plateforme Drôme Démat' du Département (ou de la démarche sur la plateforme).",
    )
    demat_teleservice = models.CharField("téléservice Drôme Démat'", max_length=150, blank=True)
    demat_dispositif = models.CharField("dispositif Drôme Démat'", max_length=255, blank=True)
    documents = StreamField([("documents", DocumentListBlock())], verbose_name="documents", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("resume"),
        MultiFieldPanel(
            [
                FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
                FieldPanel("beneficiaires", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("taux_min"), FieldPanel("taux_max"), FieldPanel("plafond")]),
            ],
            "Classement et montant",
        ),
        MultiFieldPanel(
            [
                FieldPanel("calendrier"),
                FieldPanel("date_limite"),
                FieldRowPanel([FieldPanel("date_ouverture"), FieldPanel("date_cloture")]),
                FieldPanel("mis_a_jour_le"),
            ],
            "Calendrier",
            help_text="Le statut (ouverte, clôture proche, clôturée, à venir) se déduit de ces dates.",
        ),
        *[FieldPanel(champ) for champ, _titre in SECTIONS_FICHE[:8]],
        MultiFieldPanel(
            [
                FieldPanel("instruction"),
                FieldPanel("demat_url"),
                FieldPanel("demat_teleservice"),
                FieldPanel("demat_dispositif"),
            ],
            "Instruction et demande en ligne",
        ),
        *[FieldPanel(champ) for champ, _titre in SECTIONS_FICHE[9:]],
        FieldPanel("documents"),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("identifiant_aides_territoires")]
    search_fields = Page.search_fields + [
        index.SearchField("resume", boost=2),
        index.SearchField("objectifs"),
        index.SearchField("operations_eligibles"),
    ]
    parent_page_types = ["offres.AideIndexPage"]
    subpage_types = []
    # A copy is a new aid for aides-territoires: its own id (see IdentifiantAidesTerritoires.save()).
    exclude_fields_in_copy = ["identifiant_aides_territoires"]

    class Meta:
        verbose_name = "aide financière"
        verbose_name_plural = "aides financières"

    def clean(self):
        super().clean()
        erreurs = {}
        if self.calendrier == Calendrier.DATE_LIMITE and not self.date_limite:
            erreurs["date_limite"] = "Indiquez la date limite de dépôt."
        if self.calendrier == Calendrier.APPEL_A_PROJETS:
            if not self.date_ouverture:
                erreurs["date_ouverture"] = "Indiquez la date d'ouverture de l'appel à projets."
            if not self.date_cloture:
                erreurs["date_cloture"] = "Indiquez la date de clôture de l'appel à projets."
            elif self.date_ouverture and self.date_cloture < self.date_ouverture:
                erreurs["date_cloture"] = "La clôture ne peut pas précéder l'ouverture."
        if self.taux_min is not None and self.taux_max is not None and self.taux_min > self.taux_max:
            erreurs["taux_max"] = "Le taux maximal ne peut pas être inférieur au taux minimal."
        if erreurs:
            raise ValidationError(erreurs)

    def save(self, *args, **kwargs):
        # Dates that do not belong to the chosen calendar would mislead the status and the feed.
        if self.calendrier != Calendrier.DATE_LIMITE:
            self.date_limite = None
        if self.calendrier != Calendrier.APPEL_A_PROJETS:
            self.date_ouverture = self.date_cloture = None
        return super().save(*args, **kwargs)

    def identifiant_par_defaut(self):
        return f"AIDE-{self.pk:04d}" if self.pk else None

    @property
    def echeance(self):
        return statut_aides.echeance(self.calendrier, self.date_limite, self.date_cloture)

    def statut(self, today=None):
        return statut_aides.statut(self.calendrier, self.date_limite, self.date_ouverture, self.date_cloture, today)

    @property
    def statut_courant(self):
        return self.statut()

    @property
    def libelle_statut(self):
        return statut_aides.LIBELLES_STATUT[self.statut()]

    @property
    def libelle_taux(self):
        """"20 %", "20 à 70 %", "jusqu'à 30 %" or ""."""
        if self.taux_min is not None and self.taux_max is not None and self.taux_min != self.taux_max:
            return f"{self.taux_min} à {self.taux_max} %"
        if self.taux_min is not None:
            return f"{self.taux_min} %"
        if self.taux_max is not None:
            return f"jusqu'à {self.taux_max} %"
        return ""

    @property
    def libelle_plafond(self):
        return montant(self.plafond)

    def sections(self):
        return [(champ, titre, getattr(self, champ)) for champ, titre in SECTIONS_FICHE if getattr(self, champ)]

    def get_meta_description(self):
        return self.search_description or self.resume

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(liens.objets_lies(self, ("thematiques", "beneficiaires"), request))
        # "Imprimer" is a plain link to ?impression=1: the page then says how to print (works without JS).
        context["impression"] = request.GET.get("impression") == "1"
        return context


class AideIndexPage(BasePage):
    intro = models.TextField("chapô", blank=True)
    liens_aides_etat = StreamField(
        [("lien", LinkBlock())],
        verbose_name="liens vers les aides de l'État",
        blank=True,
        help_text="Recherches enregistrées sur aides-territoires.beta.gouv.fr, affichées à côté des aides du "
        "Département.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("liens_aides_etat")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["site_collectivites.HomePage"]
    subpage_types = ["offres.AidePage"]
    # One of a kind (docs/architecture.md, « Page tree »): the site's one list of aids (offres.services reads it).
    max_count = 1

    class Meta:
        verbose_name = "liste des aides financières"
        verbose_name_plural = "listes des aides financières"

    def aides(self):
        return AidePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from offres import filtres_aides

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()  # the statuses, hence the facet and the order, are those of the day
        index = filtres_aides.index_des_aides(self, today)
        criteres = filtres_aides.lire_criteres(request.GET, index.options)
        page_obj = Paginator(filtres_aides.selection(index, criteres), AIDES_PAR_PAGE).get_page(
            filtres_aides.numero_page(request.GET))
        context.update(
            {
                "criteres": criteres,
                "facettes": filtres_aides.compter_facettes(index, criteres),
                "filtres_actifs": filtres_aides.filtres_actifs(criteres, index.options),
                "cartes": cartes.cartes(request, "offres/includes/carte_aide.html", "aide", page_obj.object_list,
                                        filtres_aides.cartes, variante=today.isoformat()),
                "page_obj": page_obj,
                "querystring_filtres": filtres_aides.querystring(criteres),
                "url_reinitialiser": self.get_url(request),
                "url_cloturees": filtres_aides.url_cloturees(criteres),
                "aides_etat": filtres_aides.aides_etat(criteres, today),
                "noindex": criteres.est_filtre,
            }
        )
        return context


class AideEtat(models.Model):
    """A State aid found on aides-territoires: a cached link, refreshed by `manage.py import_aides_etat`."""

    identifiant = models.CharField("identifiant aides-territoires", max_length=40, unique=True)
    nom = models.CharField("nom", max_length=500)
    url = models.URLField("adresse sur aides-territoires", max_length=500)
    financeurs = models.CharField("financeurs", max_length=500, blank=True)
    date_limite = models.DateField("date limite", null=True, blank=True)
    thematiques = models.ManyToManyField(Thematique, verbose_name="thématiques", related_name="aides_etat", blank=True)
    importe_le = models.DateTimeField("importée le")

    class Meta:
        verbose_name = "aide de l'État (aides-territoires)"
        verbose_name_plural = "aides de l'État (aides-territoires)"
        ordering = ["date_limite", "nom"]

    def __str__(self):
        return self.nom
