"""Territory reference of the Drôme: cantons, EPCI and communes (INSEE / DGCL data, Licence Ouverte).

Loaded by `manage.py import_territoire` from the files shipped in territoire/data/ (or newer ones).
Demandes freeze the commune's canton, EPCI and population band at submission, so these rows may change
(mergers, new cantons) without rewriting history.
"""

from django.db import models
from django.utils.text import slugify
from wagtail.search import index


class TranchePopulation(models.TextChoices):
    MOINS_1000 = "moins_1000", "moins de 1 000 habitants"
    DE_1000_A_5000 = "1000_5000", "de 1 000 à 5 000 habitants"
    PLUS_5000 = "plus_5000", "plus de 5 000 habitants"


def tranche_population(population):
    """Population band used by the statistics: < 1,000; 1,000–5,000; > 5,000."""
    if population is None:
        return ""
    if population < 1000:
        return TranchePopulation.MOINS_1000
    if population <= 5000:
        return TranchePopulation.DE_1000_A_5000
    return TranchePopulation.PLUS_5000


class Canton(models.Model):
    code = models.CharField("code INSEE", max_length=5, unique=True)
    nom = models.CharField("nom", max_length=100)
    slug = models.SlugField("identifiant d'URL", max_length=100, unique=True)
    bureau_centralisateur = models.CharField("bureau centralisateur (code INSEE)", max_length=5, blank=True)

    class Meta:
        verbose_name = "canton"
        verbose_name_plural = "cantons"
        ordering = ["code"]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.nom)
        super().save(*args, **kwargs)


class Epci(models.Model):
    class Nature(models.TextChoices):
        CA = "CA", "Communauté d'agglomération"
        CC = "CC", "Communauté de communes"
        CU = "CU", "Communauté urbaine"
        METRO = "METRO", "Métropole"

    siren = models.CharField("SIREN", max_length=9, unique=True)
    nom = models.CharField("nom", max_length=150)
    slug = models.SlugField("identifiant d'URL", max_length=150, unique=True)
    nature = models.CharField("nature", max_length=5, choices=Nature.choices)
    population = models.PositiveIntegerField("population totale", null=True, blank=True)

    class Meta:
        verbose_name = "intercommunalité (EPCI)"
        verbose_name_plural = "intercommunalités (EPCI)"
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.nom)
        super().save(*args, **kwargs)


class Commune(index.Indexed, models.Model):
    insee = models.CharField("code INSEE", max_length=5, unique=True)
    nom = models.CharField("nom", max_length=100)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    codes_postaux = models.CharField("codes postaux", max_length=100, blank=True, help_text="Séparés par « ; ».")
    epci = models.ForeignKey(
        Epci, verbose_name="EPCI", null=True, blank=True, on_delete=models.SET_NULL, related_name="communes"
    )
    # Three communes (Montélimar, Romans-sur-Isère, Valence) lie in several cantons.
    cantons = models.ManyToManyField(Canton, verbose_name="cantons", related_name="communes")

    search_fields = [
        index.SearchField("nom"),
        index.AutocompleteField("nom"),
        index.FilterField("insee"),
    ]

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["nom"]

    def __str__(self):
        return f"{self.nom} ({self.insee})"

    @property
    def tranche_population(self):
        return tranche_population(self.population)

    def canton_principal(self):
        """The canton a demande is counted in. A commune split between cantons (Valence, Montélimar,
        Romans-sur-Isère) counts in the canton it is the bureau centralisateur of, lowest code first."""
        cantons = sorted(self.cantons.all(), key=lambda canton: canton.code)
        if len(cantons) > 1:
            for canton in cantons:
                if canton.bureau_centralisateur == self.insee:
                    return canton
        return cantons[0] if cantons else None

    @property
    def liste_codes_postaux(self):
        return [code for code in self.codes_postaux.split(";") if code]
