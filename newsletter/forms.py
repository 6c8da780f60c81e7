"""Public forms of the newsletter: subscription (full or e-mail only) and preferences."""

from django import forms

from newsletter.consentement import VERSION_COURANTE
from site_collectivites.taxonomie.models import Thematique


class _ChampsProfil(forms.Form):
    thematiques = forms.ModelMultipleChoiceField(
        label="Thématiques qui vous intéressent",
        queryset=Thematique.objects.order_by("ordre", "nom"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Facultatif. Sans choix, vous recevez toute la lettre.",
        error_messages={"invalid_choice": "Choisissez des thématiques de la liste.",
                        "invalid_pk_value": "Choisissez des thématiques de la liste."},
    )
    collectivite = forms.CharField(
        label="Collectivité ou structure (facultatif)", max_length=200, required=False,
        help_text="Ex. : commune de Saillans, communauté de communes du Diois.",
        error_messages={"max_length": "200 caractères au plus."},
    )
    fonction = forms.CharField(
        label="Fonction (facultatif)", max_length=150, required=False,
        help_text="Ex. : maire, secrétaire de mairie.",
        error_messages={"max_length": "150 caractères au plus."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivite"].widget.attrs["autocomplete"] = "organization"
        self.fields["fonction"].widget.attrs["autocomplete"] = "organization-title"


class FormulaireAbonnement(_ChampsProfil):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="Format : nom@domaine.fr",
        error_messages={
            "required": "Indiquez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, au format nom@domaine.fr.",
            "max_length": "254 caractères au plus.",
        },
    )
    # Where the form was shown and which notice it showed: both go into the proof of consent.
    origine = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    version_mention = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20,
                                      initial=VERSION_COURANTE)
    # Honeypot: hidden from people and assistive technologies; robots fill it and nothing is saved.
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    field_order = ["email", "thematiques", "collectivite", "fonction"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["site_web"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def est_un_robot(self):
        return bool(self.data.get("site_web"))

    def clean_origine(self):
        # A path of this site only (it is shown in the admin's proof of consent).
        origine = self.cleaned_data.get("origine", "")
        return origine if origine.startswith("/") and not origine.startswith("//") else ""


class FormulairePreferences(_ChampsProfil):
    pass
