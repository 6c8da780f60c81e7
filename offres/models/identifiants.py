"""The « identifiant aides-territoires » of offers and aids: the id under which aides-territoires knows a record.

aides-territoires' importer of the Drôme's feed keys every record on "CDDr_" + its `id`
(ImportFluxDepartementDromeCommand::getImportUniqueid, docs/catalogue.md): a record whose id changes is created
again as a new aid, and the old one stays. So the id is stored with the page, never derived from its title or slug,
and staff can type the id of the former site's feed on a page that takes over one of its records.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

# The default ids are the site's references: « OFF-0042 » for an offer (its number, never given twice) and
# « AIDE-0123 » for an aid (its page id, never given twice either). The former site's feed used integers (its
# WordPress post ids: 162, 338 and 650 in aides-territoires' own fixture of that feed,
# src/dataproviders/tests/departement_drome_data.json of MTES-MCT/aides-territoires). A default always holds
# letters and a hyphen, so a former id kept on one page can never be another page's default, now or later.
MOTIF_PAR_DEFAUT = re.compile(r"^(OFF|AIDE)-\d+$")

MESSAGE_FORMAT = "Lettres sans accent, chiffres, tirets et soulignés seulement, sans espace (par exemple 162)."
MESSAGE_DEJA_PRIS = (
    "Une autre fiche a déjà cet identifiant aides-territoires : deux fiches du flux ne peuvent pas le partager, "
    "aides-territoires les confondrait."
)


class IdentifiantAidesTerritoires(models.Model):
    """Abstract base of OffrePage and AidePage: the field, its checks and its default (identifiant_par_defaut)."""

    identifiant_aides_territoires = models.CharField(
        "identifiant aides-territoires",
        max_length=40,
        null=True,  # an empty field is NULL, so that pages waiting for their default never clash
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", MESSAGE_FORMAT)],
        error_messages={"unique": MESSAGE_DEJA_PRIS},
        help_text="Le numéro sous lequel aides-territoires connaît cette fiche (il l'enregistre sous « CDDr_ » suivi "
        "de ce numéro). Laissez vide pour celui que le site donne (OFF-… ou AIDE-…). Pour une fiche qui était "
        "dans le flux de l'ancien site, saisissez son ancien numéro (par exemple 162) : aides-territoires mettra "
        "à jour sa fiche au lieu d'en créer une seconde. Ne le changez plus ensuite.",
    )

    class Meta:
        abstract = True

    def identifiant_par_defaut(self):
        """The site's own id for this page, or None while it cannot be known (an aid before its first save)."""
        raise NotImplementedError

    def clean(self):
        super().clean()
        valeur = (self.identifiant_aides_territoires or "").strip() or None
        self.identifiant_aides_territoires = valeur
        if valeur is None:
            return
        if MOTIF_PAR_DEFAUT.match(valeur) and valeur != self.identifiant_par_defaut():
            raise ValidationError({"identifiant_aides_territoires": (
                "Les identifiants de la forme OFF-… ou AIDE-… sont ceux que le site donne : laissez le champ vide "
                "pour celui de cette fiche, ou saisissez le numéro de l'ancien flux (par exemple 162).")})
        autre = self.fiche_ayant_l_identifiant(valeur)
        if autre is not None:
            raise ValidationError({"identifiant_aides_territoires": (
                f"« {autre.title} » a déjà cet identifiant aides-territoires : deux fiches du flux ne peuvent pas "
                "le partager, aides-territoires les confondrait.")})

    def fiche_ayant_l_identifiant(self, valeur):
        """The other offer or aid that already has this id (one feed, one key space), or None.

        Each table's unique index guards its own rows; this check covers the other table too."""
        from . import AidePage, OffrePage

        for modele in (OffrePage, AidePage):
            autre = modele.objects.filter(identifiant_aides_territoires=valeur).exclude(pk=self.pk).first()
            if autre is not None:
                return autre
        return None

    def save(self, *args, **kwargs):
        if not self.identifiant_aides_territoires:
            self.identifiant_aides_territoires = self.identifiant_par_defaut()
        resultat = super().save(*args, **kwargs)
        if not self.identifiant_aides_territoires:
            # An aid's default is its page id, known only now: written by an UPDATE, not a second save (no second
            # round of signals and checks).
            valeur = self.identifiant_aides_territoires = self.identifiant_par_defaut()
            type(self).objects.filter(pk=self.pk).update(identifiant_aides_territoires=valeur)
        return resultat
