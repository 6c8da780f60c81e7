"""A collectivité's request for support, with the territory frozen at submission."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from site_collectivites.territoire.models import TranchePopulation


class TypeCollectivite(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité (EPCI)"
    SYNDICAT = "syndicat", "Syndicat"
    AUTRE = "autre", "Autre organisme public"


class Fonction(models.TextChoices):
    MAIRE = "maire", "Maire"
    ADJOINT = "adjoint", "Adjoint ou adjointe"
    CONSEILLER = "conseiller", "Conseiller ou conseillère municipal(e)"
    PRESIDENT = "president", "Président ou présidente"
    DGS = "dgs", "Directeur ou directrice général(e) des services"
    SECRETAIRE = "secretaire", "Secrétaire de mairie"
    AGENT = "agent", "Agent ou agente"
    AUTRE = "autre", "Autre"


class Source(models.TextChoices):
    FORMULAIRE = "formulaire", "Formulaire du site"
    TELEPHONE = "telephone", "Téléphone"
    COURRIEL = "courriel", "Courriel"
    REUNION = "reunion", "Réunion"
    CONVENTION = "convention", "Convention"
    HISTORIQUE = "historique", "Reprise de l'historique"


class Statut(models.TextChoices):
    RECUE = "recue", "Reçue"
    ANALYSE = "analyse", "En cours d'analyse"
    ORIENTEE = "orientee", "Orientée"
    ACCOMPAGNEMENT = "accompagnement", "En cours d'accompagnement"
    CLOSE = "close", "Close (accompagnement réalisé)"
    SANS_SUITE = "sans_suite", "Sans suite"
    REORIENTEE = "reorientee", "Réorientée"


STATUTS_FINAUX = (Statut.CLOSE, Statut.SANS_SUITE, Statut.REORIENTEE)


class Demande(models.Model):
    reference = models.CharField("référence", max_length=20, unique=True, editable=False)
    annee = models.PositiveSmallIntegerField("année", editable=False, db_index=True)
    cree_le = models.DateTimeField("reçue le", default=timezone.now, db_index=True)
    source = models.CharField("source", max_length=20, choices=Source.choices, default=Source.FORMULAIRE)
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.RECUE, db_index=True)
    statut_manuel = models.BooleanField(
        "statut fixé par la coordination", default=False,
        help_text="Sinon, le statut suit celui des affectations.",
    )
    statut_modifie_le = models.DateTimeField("statut modifié le", default=timezone.now, db_index=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisie par", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="demandes_saisies", help_text="Vide pour une demande reçue par le formulaire du site.",
    )
    # Key of a row imported from an earlier tool's export: importing the same file twice changes nothing.
    cle_import = models.CharField("clé d'import", max_length=64, blank=True, editable=False)
    # The form's one-time submission key (demandes/forms.py): the same form posted twice (a retry after an error,
    # two clicks) finds the first demande instead of making a second one. Unique, so two posts at the same
    # instant cannot both insert.
    cle_envoi = models.CharField("clé d'envoi", max_length=64, blank=True, editable=False)
    anonymisee_le = models.DateTimeField("anonymisée le", null=True, blank=True, editable=False)

    # The requester's page (demandes/demandeur.py): its private link is signed and carries this random secret;
    # the coordination revokes every link already sent by drawing a new one. Empty: no link given yet.
    cle_suivi = models.CharField("secret du lien du demandeur", max_length=64, blank=True, editable=False)
    # The requester is told of each step (orientation, start, closure) unless they stopped it from their page.
    courriels_arretes_le = models.DateTimeField(
        "courriels de suivi arrêtés le", null=True, blank=True, editable=False,
        help_text="Le demandeur a demandé à ne plus recevoir les courriels d'étape.",
    )
    # The partners the requester was last told the demande is oriented to (their ids, sorted): the status set
    # back and forth to « orientée » with the same partners tells them nothing new.
    orientation_annoncee = models.CharField("orientation annoncée", max_length=200, blank=True, editable=False)
    message_au_demandeur = models.TextField(
        "message de la coordination au demandeur", max_length=2000, blank=True,
        help_text="Joint au courriel qui annonce au demandeur que sa demande est close ou classée sans suite.",
    )

    # The collectivité, as chosen in the form
    type_collectivite = models.CharField("type de collectivité", max_length=10, choices=TypeCollectivite.choices)
    commune = models.ForeignKey(
        "territoire.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="demandes",
        help_text="La commune demandeuse, ou la commune siège d'un syndicat ou d'un autre organisme.",
    )
    epci = models.ForeignKey(
        "territoire.Epci", verbose_name="EPCI", null=True, blank=True, on_delete=models.SET_NULL, related_name="demandes"
    )
    nom_structure = models.CharField("nom de la structure", max_length=200, blank=True)

    # The territory frozen at submission: statistics never change when communes merge or cantons move.
    territoire_insee = models.CharField("code INSEE (à la demande)", max_length=5, blank=True)
    territoire_commune = models.CharField("commune (à la demande)", max_length=100, blank=True)
    territoire_canton_code = models.CharField("code du canton (à la demande)", max_length=5, blank=True, db_index=True)
    territoire_canton = models.CharField("canton (à la demande)", max_length=100, blank=True)
    territoire_epci_siren = models.CharField("SIREN de l'EPCI (à la demande)", max_length=9, blank=True)
    territoire_epci = models.CharField("EPCI (à la demande)", max_length=150, blank=True)
    territoire_population = models.PositiveIntegerField("population (à la demande)", null=True, blank=True)
    territoire_tranche = models.CharField(
        "tranche de population (à la demande)", max_length=12, choices=TranchePopulation.choices, blank=True
    )

    # Contact
    nom = models.CharField("nom", max_length=100)
    prenom = models.CharField("prénom", max_length=100)
    fonction = models.CharField("fonction", max_length=20, choices=Fonction.choices)
    fonction_autre = models.CharField("autre fonction", max_length=100, blank=True)
    # Required by the public form; a demande typed in by an agent (phone, meeting) may lack it.
    email = models.EmailField("e-mail", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)

    # The project
    titre = models.CharField("titre du projet", max_length=200)
    thematiques = models.ManyToManyField("taxonomie.Thematique", verbose_name="thématiques", related_name="demandes")
    type_prestation = models.ForeignKey(
        "taxonomie.TypePrestation", verbose_name="type de prestation souhaité", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="demandes", help_text="Vide : « je ne sais pas ».",
    )
    offre = models.ForeignKey(
        "offres.OffrePage", verbose_name="offre concernée", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="demandes",
    )
    description = models.TextField("description du projet")
    calendrier = models.CharField("calendrier envisagé", max_length=200, blank=True)
    budget = models.DecimalField("budget estimé (€)", max_digits=12, decimal_places=0, null=True, blank=True)

    # Routing: who was notified at submission (the offer's partenaire, else the thématique's service).
    partenaire_destinataire = models.ForeignKey(
        "taxonomie.Partenaire", verbose_name="orientée vers", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="demandes_recues",
    )

    class Meta:
        verbose_name = "demande"
        verbose_name_plural = "demandes"
        ordering = ["-cree_le"]
        permissions = [("coordonner_demandes", "Voir et orienter toutes les demandes")]
        constraints = [
            models.UniqueConstraint(
                fields=["cle_import"], condition=~models.Q(cle_import=""), name="cle_import_unique"
            ),
            models.UniqueConstraint(
                fields=["cle_envoi"], condition=~models.Q(cle_envoi=""), name="cle_envoi_unique"
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.titre}"

    # For the exports: read the prefetched relations (.all()), never one query per row.
    def liste_thematiques(self):
        return ", ".join(thematique.nom for thematique in self.thematiques.all())

    def liste_partenaires(self):
        return ", ".join(affectation.partenaire.nom_court for affectation in self.affectations.all())

    def liste_prestations_realisees(self):
        return ", ".join(
            str(affectation.prestation_realisee) for affectation in self.affectations.all()
            if affectation.prestation_realisee
        )

    @property
    def nom_collectivite(self):
        if self.type_collectivite == TypeCollectivite.COMMUNE:
            return self.territoire_commune
        if self.type_collectivite == TypeCollectivite.EPCI:
            return self.territoire_epci
        return self.nom_structure


def chemin_piece_jointe(instance, filename):
    # Outside the public media folders nginx serves (docs/deploy.md blocks /media/demandes/).
    return f"demandes/{instance.demande.annee}/{instance.demande.reference}/{filename}"


class PieceJointe(models.Model):
    demande = models.ForeignKey(Demande, verbose_name="demande", on_delete=models.CASCADE, related_name="pieces_jointes")
    fichier = models.FileField("fichier", upload_to=chemin_piece_jointe, max_length=255)
    nom_original = models.CharField("nom du fichier", max_length=255)
    type_mime = models.CharField("type", max_length=100)
    taille = models.PositiveIntegerField("taille (octets)")

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"

    def __str__(self):
        return self.nom_original
