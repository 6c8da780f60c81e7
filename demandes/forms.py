"""The public request form: every rule a person can break gets a French message beside the field."""

import re
import secrets

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from offres.models import OffrePage
from offres.services import offres_publiques
from site_collectivites.securite.antivirus import verifier_fichier
from site_collectivites.taxonomie.models import Thematique, TypePrestation
from site_collectivites.territoire.models import Commune, Epci
from site_collectivites.widgets import ListeLongue

from .fichiers import NOMBRE_MAX, TAILLE_MAX, TYPES_ACCEPTES, detecter_type, extension
from .models.demandes import Fonction, TypeCollectivite

TELEPHONE = re.compile(r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$")
# The one-time submission key: what nouvelle_cle_envoi() makes (43 characters), or anything of that alphabet and
# about that length a browser may send back.
CLE_ENVOI = re.compile(r"[A-Za-z0-9_-]{32,64}")
EXTENSIONS = sorted({ext for exts in TYPES_ACCEPTES.values() for ext in exts})


def offres_proposees():
    """(slug, title) of the live public offers, by title (offres.services.offres_publiques: once per
    generation of the page cache)."""
    return [(offre.slug, offre.title) for offre in offres_publiques().liste]


def nouvelle_cle_envoi():
    """A random one-time submission key (256 bits): only the browser that was shown the form knows it."""
    return secrets.token_urlsafe(32)


class DemandeForm(forms.Form):
    # Honeypot: invisible to people (and hidden from assistive technologies); robots fill it in.
    site_internet = forms.CharField(required=False, label="Ne pas remplir ce champ")
    # The one-time submission key (docs/demandes.md, « Sent twice, saved once »): made when the form is shown,
    # posted back with it, kept when a refused form is shown again; a second post of the same key is answered
    # with the first demande's confirmation instead of a second demande.
    cle_envoi = forms.CharField(required=False, widget=forms.HiddenInput)

    type_collectivite = forms.ChoiceField(
        label="Vous représentez", choices=TypeCollectivite.choices, widget=forms.RadioSelect,
        error_messages={"required": "Indiquez le type de collectivité que vous représentez."},
    )
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.order_by("nom"), required=False, empty_label="Choisir une commune",
        widget=ListeLongue, help_text="Pour un syndicat ou un autre organisme : la commune de son siège.",
    )
    epci = forms.ModelChoiceField(
        label="Intercommunalité (EPCI)", queryset=Epci.objects.order_by("nom"), required=False,
        empty_label="Choisir une intercommunalité", widget=ListeLongue,
    )
    nom_structure = forms.CharField(label="Nom du syndicat ou de l'organisme", max_length=200, required=False)

    nom = forms.CharField(label="Nom", max_length=100)
    prenom = forms.CharField(label="Prénom", max_length=100)
    fonction = forms.ChoiceField(label="Fonction", choices=[("", "Choisir")] + Fonction.choices)
    fonction_autre = forms.CharField(label="Précisez votre fonction", max_length=100, required=False)
    email = forms.EmailField(
        label="Adresse e-mail", max_length=254,
        error_messages={"invalid": "Saisissez une adresse e-mail valide, par exemple mairie@exemple.fr."},
    )
    telephone = forms.CharField(
        label="Téléphone", max_length=20, required=False, help_text="Facultatif. Exemple : 04 75 00 00 00"
    )

    titre = forms.CharField(label="Titre du projet", max_length=200, help_text="Exemple : Rénovation de l'école")
    thematiques = forms.ModelMultipleChoiceField(
        label="Thématiques", queryset=Thematique.objects.all(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins une thématique."},
    )
    type_prestation = forms.ModelChoiceField(
        label="Type d'accompagnement souhaité", queryset=TypePrestation.objects.all(), required=False,
        widget=forms.RadioSelect, empty_label="Je ne sais pas", blank=True,
    )
    # The offers by slug, from a list read once per generation (offres_proposees): 2,000 offers as model
    # instances cost more than the rest of the page. clean_offre() returns the offer itself.
    offre = forms.ChoiceField(
        label="Offre concernée", required=False, widget=ListeLongue,
        error_messages={"invalid_choice": "Cette offre n'est plus proposée : choisissez-en une dans la liste."},
    )
    description = forms.CharField(
        label="Description du projet", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Le contexte, ce que vous souhaitez faire, ce qui est déjà engagé (5 000 caractères au plus).",
    )
    calendrier = forms.CharField(
        label="Calendrier envisagé", max_length=200, required=False, help_text="Exemple : travaux à l'été 2027"
    )
    budget = forms.DecimalField(
        label="Budget estimé (en euros)", required=False, max_digits=12, decimal_places=0,
        validators=[MinValueValidator(0), MaxValueValidator(999_999_999)], help_text="Facultatif.",
        error_messages={"invalid": "Indiquez un montant en euros, sans espace ni virgule (par exemple 250000)."},
    )
    piece_1 = forms.FileField(label="Pièce jointe 1", required=False)
    piece_2 = forms.FileField(label="Pièce jointe 2", required=False)
    piece_3 = forms.FileField(label="Pièce jointe 3", required=False)

    CHAMPS_PIECES = ["piece_1", "piece_2", "piece_3"][:NOMBRE_MAX]

    MESSAGES_OBLIGATOIRES = {
        "nom": "Indiquez votre nom.",
        "prenom": "Indiquez votre prénom.",
        "fonction": "Indiquez votre fonction.",
        "email": "Indiquez votre adresse e-mail : l'accusé de réception y sera envoyé.",
        "titre": "Donnez un titre à votre projet.",
        "description": "Décrivez votre projet en quelques lignes.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._donner_une_cle_envoi()
        for nom, message in self.MESSAGES_OBLIGATOIRES.items():
            self.fields[nom].error_messages["required"] = message
        self.fields["offre"].choices = [("", "Aucune offre en particulier"), *offres_proposees()]
        aide_fichiers = f"PDF, image ou document bureautique ({', '.join(EXTENSIONS)}), 10 Mo au plus."
        for nom in self.CHAMPS_PIECES:
            self.fields[nom].help_text = aide_fichiers
            self.fields[nom].widget.attrs["accept"] = ",".join(f".{ext}" for ext in EXTENSIONS)
        for nom, autocomplete in {"nom": "family-name", "prenom": "given-name", "email": "email",
                                  "telephone": "tel", "fonction_autre": "organization-title"}.items():
            self.fields[nom].widget.attrs["autocomplete"] = autocomplete
        self.fields["site_internet"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # A text filter is added above these long lists by static/js/formulaires.js (without JS: the list).
        for nom, libelle in (("commune", "Rechercher une commune"), ("epci", "Rechercher une intercommunalité"),
                             ("offre", "Rechercher une offre")):
            self.fields[nom].widget.attrs["data-filtrable"] = libelle

    def _donner_une_cle_envoi(self):
        """A new key for a form shown blank; a posted form keeps its key. A post without a usable key (a page
        opened before the key existed, a script) gets a new one in its data: it is saved normally (nothing
        to recognise it by) and, if refused, shown again with that key, which the next post sends back."""
        if not self.is_bound:
            self.initial = {**self.initial, "cle_envoi": nouvelle_cle_envoi()}
        elif not CLE_ENVOI.fullmatch(str(self.data.get("cle_envoi", ""))):
            self.data = self.data.copy()
            self.data["cle_envoi"] = nouvelle_cle_envoi()

    def clean_offre(self):
        slug = self.cleaned_data["offre"]
        if not slug:
            return None
        offre = OffrePage.objects.live().public().filter(slug=slug).order_by("title").first()
        if offre is None:  # unpublished since the list was read
            raise forms.ValidationError(self.fields["offre"].error_messages["invalid_choice"], code="invalid_choice")
        return offre

    def clean_telephone(self):
        telephone = self.cleaned_data["telephone"].strip()
        if telephone and not TELEPHONE.match(telephone):
            raise forms.ValidationError("Saisissez un numéro français à 10 chiffres, par exemple 04 75 00 00 00.")
        return telephone

    def clean_nom(self):
        return self._texte_simple("nom")

    def clean_prenom(self):
        return self._texte_simple("prenom")

    def _texte_simple(self, champ):
        valeur = self.cleaned_data[champ].strip()
        if "<" in valeur or ">" in valeur:
            raise forms.ValidationError("Ce champ ne peut pas contenir les caractères < et >.")
        return valeur

    def _clean_piece(self, champ):
        fichier = self.cleaned_data.get(champ)
        if not fichier:
            return None
        if fichier.size > TAILLE_MAX:
            raise forms.ValidationError("Ce fichier dépasse 10 Mo : réduisez-le ou envoyez-le plus tard par e-mail.")
        type_mime = detecter_type(fichier)
        if type_mime is None or extension(fichier.name) not in TYPES_ACCEPTES[type_mime]:
            raise forms.ValidationError(
                "Ce fichier n'est pas accepté : envoyez un PDF, une image (JPEG, PNG, WebP) ou un document "
                "bureautique, avec l'extension qui correspond à son contenu."
            )
        verifier_fichier(fichier)  # the optional ClamAV scan (site_collectivites/securite/antivirus.py)
        fichier.type_detecte = type_mime
        return fichier

    def clean_piece_1(self):
        return self._clean_piece("piece_1")

    def clean_piece_2(self):
        return self._clean_piece("piece_2")

    def clean_piece_3(self):
        return self._clean_piece("piece_3")

    def clean(self):
        data = super().clean()
        verifier_collectivite_et_fonction(self, data)
        return data

    @property
    def est_un_robot(self):
        return bool(self.data.get("site_internet"))

    def pieces_jointes(self):
        return [self.cleaned_data[nom] for nom in self.CHAMPS_PIECES if self.cleaned_data.get(nom)]


def verifier_collectivite_et_fonction(form, data):
    """The fields that depend on another one: which collectivité for which type, the « other » function.

    Shared by the public form and the back office's forms (creation by hand, correction)."""
    type_collectivite = data.get("type_collectivite")
    if type_collectivite == TypeCollectivite.COMMUNE and not data.get("commune"):
        form.add_error("commune", "Choisissez votre commune.")
    if type_collectivite == TypeCollectivite.EPCI and not data.get("epci"):
        form.add_error("epci", "Choisissez votre intercommunalité.")
    if type_collectivite in (TypeCollectivite.SYNDICAT, TypeCollectivite.AUTRE):
        if not (data.get("nom_structure") or "").strip():
            form.add_error("nom_structure", "Indiquez le nom du syndicat ou de l'organisme.")
        if not data.get("commune"):
            form.add_error("commune", "Choisissez la commune du siège.")
    if data.get("fonction") == Fonction.AUTRE and not (data.get("fonction_autre") or "").strip():
        form.add_error("fonction_autre", "Précisez votre fonction.")
