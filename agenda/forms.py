"""The public registration form of an event (rendered in agenda/templates/agenda/includes/formulaire_inscription.html)."""

import unicodedata

from django import forms

from site_collectivites.territoire.models import Commune, Epci

MESSAGES_OBLIGATOIRE = {
    "collectivite": "",
    "nom": "Indiquez votre nom.",
    "prenom": "Indiquez votre prénom.",
    "fonction": "Indiquez votre fonction (ex. : maire, secrétaire de mairie).",
    "email": "Indiquez votre adresse électronique.",
    "nombre_personnes": "Indiquez le nombre de personnes, de 1 à 10.",
}


def cle_alphabetique(nom):
    """French alphabetical order whatever the database's collation: accents and case ignored, hyphens as spaces
    ("Beaumont-en-Diois" before "Beaumont-Monteux", "Étoile-sur-Rhône" among the E)."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return sans_accents.casefold().replace("-", " ").replace("'", " ")


def choix_collectivites():
    """The <select>'s options: the communes, then the EPCI, in two groups, alphabetical (two queries)."""
    communes = sorted(Commune.objects.values_list("pk", "nom"), key=lambda c: cle_alphabetique(c[1]))
    epci = sorted(Epci.objects.values_list("pk", "nom"), key=lambda e: cle_alphabetique(e[1]))
    communes = [(f"commune-{pk}", nom) for pk, nom in communes]
    epci = [(f"epci-{pk}", nom) for pk, nom in epci]
    return [("", "Choisissez dans la liste"), ("Communes", communes), ("Intercommunalités (EPCI)", epci)]


class FormulaireInscription(forms.Form):
    collectivite = forms.ChoiceField(
        label="Commune ou intercommunalité",
        required=False,
        error_messages={"invalid_choice": "Choisissez une collectivité de la liste."},
        help_text="Les 362 communes de la Drôme puis les intercommunalités, par ordre alphabétique.",
    )
    autre_structure = forms.CharField(
        label="Autre structure",
        required=False,
        max_length=200,
        help_text="Si votre structure n'est pas dans la liste : son nom (syndicat, association, service…).",
    )
    prenom = forms.CharField(label="Prénom", max_length=100)
    nom = forms.CharField(label="Nom", max_length=100)
    fonction = forms.CharField(label="Fonction", max_length=150, help_text="Ex. : maire, secrétaire de mairie.")
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="La confirmation et le lien d'annulation y seront envoyés. Format : nom@domaine.fr",
    )
    nombre_personnes = forms.IntegerField(
        label="Nombre de personnes",
        initial=1,
        min_value=1,
        max_value=10,
        help_text="Vous compris, de 1 à 10.",
        error_messages={
            "invalid": "Indiquez un nombre entier, de 1 à 10.",
            "min_value": "Indiquez au moins 1 personne.",
            "max_value": "10 personnes au plus par inscription : faites plusieurs inscriptions au-delà.",
        },
    )
    besoins_accessibilite = forms.CharField(
        label="Besoins d'accessibilité (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ex. : accès en fauteuil, interprète en langue des signes, boucle magnétique.",
    )
    # Honeypot: hidden from people and assistive technologies (the template puts it in a `hidden` block);
    # robots filling every field fill it too, and their submission is not saved.
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    AUTOCOMPLETE = {
        "autre_structure": "organization",
        "prenom": "given-name",
        "nom": "family-name",
        "fonction": "organization-title",
        "email": "email",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivite"].choices = choix_collectivites()
        for nom, champ in self.fields.items():
            if nom in MESSAGES_OBLIGATOIRE and MESSAGES_OBLIGATOIRE[nom]:
                champ.error_messages["required"] = MESSAGES_OBLIGATOIRE[nom]
            if nom in self.AUTOCOMPLETE:
                champ.widget.attrs["autocomplete"] = self.AUTOCOMPLETE[nom]
            if isinstance(champ, forms.CharField) and champ.max_length:
                champ.error_messages["max_length"] = f"{champ.max_length} caractères au plus."
        self.fields["email"].error_messages["invalid"] = (
            "Saisissez une adresse électronique valide, au format nom@domaine.fr."
        )
        self.fields["nombre_personnes"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["site_web"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_collectivite(self):
        valeur = self.cleaned_data.get("collectivite") or ""
        if not valeur:
            return None
        nature, _, pk = valeur.partition("-")
        modele = {"commune": Commune, "epci": Epci}.get(nature)
        objet = modele.objects.filter(pk=int(pk)).first() if modele and pk.isdigit() else None
        if objet is None:
            raise forms.ValidationError("Choisissez une collectivité de la liste.")
        return objet

    def clean(self):
        donnees = super().clean()
        autre = (donnees.get("autre_structure") or "").strip()
        if "collectivite" in donnees and "autre_structure" in donnees:
            if not donnees["collectivite"] and not autre:
                self.add_error(
                    "collectivite",
                    "Choisissez votre commune ou intercommunalité, ou indiquez le nom de votre structure ci-dessous.",
                )
            elif donnees["collectivite"] and autre:
                self.add_error(
                    "autre_structure",
                    "Choisissez une collectivité dans la liste ou indiquez une autre structure, pas les deux.",
                )
        return donnees

    @property
    def est_un_robot(self):
        return bool(self.data.get("site_web"))

    def donnees_inscription(self):
        """The cleaned data as Inscription's fields."""
        d = self.cleaned_data
        collectivite = d["collectivite"]
        return {
            "commune": collectivite if isinstance(collectivite, Commune) else None,
            "epci": collectivite if isinstance(collectivite, Epci) else None,
            "autre_structure": d["autre_structure"].strip() if not collectivite else "",
            "nom": d["nom"].strip(),
            "prenom": d["prenom"].strip(),
            "fonction": d["fonction"].strip(),
            "email": d["email"],
            "nombre_personnes": d["nombre_personnes"],
            "besoins_accessibilite": d["besoins_accessibilite"].strip(),
        }

    def preparer_aria(self):
        """aria-describedby (help, then error) and aria-invalid on every field, once validated or not."""
        for nom, champ in self.fields.items():
            if nom == "site_web":
                continue
            bound = self[nom]
            ids = []
            if champ.help_text:
                ids.append(f"{bound.auto_id}_aide")
            if self.is_bound and bound.errors:
                ids.append(f"{bound.auto_id}_erreur")
                champ.widget.attrs["aria-invalid"] = "true"
            if ids:
                champ.widget.attrs["aria-describedby"] = " ".join(ids)
        return self
