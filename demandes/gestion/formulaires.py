"""Forms of the back office: a demande typed in by hand, its correction, notes, statuses, assignments."""

from django import forms
from django.contrib.auth import get_user_model

from site_collectivites.taxonomie.models import Partenaire, TypePrestation

from ..acces import est_coordination, partenaire_de
from ..forms import DemandeForm, verifier_collectivite_et_fonction
from ..models import Affectation, AgentPartenaire, Demande, Source, Statut, StatutAffectation

SOURCES_SAISIE = [(valeur, libelle) for valeur, libelle in Source.choices if valeur != Source.HISTORIQUE]


def choix_des_affectations(affectations):
    """The choices of every AffectationForm of a detail page, in two queries."""
    agents = {}
    for lien in AgentPartenaire.objects.filter(
        partenaire__in={affectation.partenaire_id for affectation in affectations}, utilisateur__is_active=True
    ).select_related("utilisateur").order_by("utilisateur__last_name", "utilisateur__first_name"):
        user = lien.utilisateur
        agents.setdefault(lien.partenaire_id, []).append((user.pk, user.get_full_name() or user.get_username()))
    prestations = [(prestation.pk, str(prestation)) for prestation in TypePrestation.objects.all()]
    return {"prestations": prestations, "agents": agents}


def agents_de(partenaire=None):
    """Accounts of the partners' agents (of one partenaire when given), for the « suivie par » lists."""
    agents = get_user_model().objects.filter(is_active=True, agent_partenaire__isnull=False)
    if partenaire is not None:
        agents = agents.filter(agent_partenaire__partenaire=partenaire)
    return agents.order_by("last_name", "first_name", "username")


class ChoixAgent(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class SaisieDemandeForm(DemandeForm):
    """A demande received by phone, e-mail, at a meeting or through a convention, typed in by an agent or
    the coordination. Same rules as the public form, without the honeypot; the e-mail may be unknown."""

    source = forms.ChoiceField(label="Reçue par", choices=SOURCES_SAISIE, initial=Source.TELEPHONE)
    partenaires = forms.ModelMultipleChoiceField(
        label="Affecter à", queryset=Partenaire.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Chaque partenaire choisi est prévenu par e-mail.",
    )
    accuse_reception = forms.BooleanField(
        label="Envoyer un accusé de réception au demandeur", required=False,
        help_text="Seulement si l'adresse e-mail est connue.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["site_internet"]
        self.fields["email"].required = False
        self.user = user
        if not est_coordination(user):
            # An agent records its own partenaire's activity.
            del self.fields["partenaires"]

    def partenaires_choisis(self):
        if "partenaires" in self.fields:
            return list(self.cleaned_data["partenaires"])
        return [partenaire_de(self.user)]


class ModificationDemandeForm(forms.ModelForm):
    """The coordination corrects a demande (a wrong commune, a missing thématique). Journaled field by field."""

    class Meta:
        model = Demande
        fields = [
            "source", "type_collectivite", "commune", "epci", "nom_structure", "nom", "prenom", "fonction",
            "fonction_autre", "email", "telephone", "titre", "thematiques", "type_prestation", "offre",
            "description", "calendrier", "budget",
        ]
        widgets = {"thematiques": forms.CheckboxSelectMultiple, "type_collectivite": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        verifier_collectivite_et_fonction(self, data)
        return data


class NoteForm(forms.Form):
    texte = forms.CharField(
        label="Nouvelle note interne", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Visible des seules personnes qui suivent la demande, jamais du demandeur.",
        error_messages={"required": "Écrivez la note avant de l'ajouter."},
    )


MESSAGE_AU_DEMANDEUR = dict(
    label="Message au demandeur", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
    help_text="Envoyé au demandeur avec le courriel qui lui annonce que sa demande est close ou classée sans "
              "suite, et affiché sur sa page de suivi. Distinct des notes internes.",
)


class StatutForm(forms.Form):
    statut = forms.ChoiceField(
        label="Statut de la demande", required=False,
        choices=[("", "Automatique (selon les affectations)")] + Statut.choices,
    )
    message_au_demandeur = forms.CharField(**MESSAGE_AU_DEMANDEUR)


class ConfierForm(forms.Form):
    """The coordination confides demandes to a partenaire (and, if it knows, to one of its agents): one demande
    from its page, several from the listing (bulk action « Confier à un partenaire »)."""

    partenaire = forms.ModelChoiceField(
        label="Partenaire", queryset=Partenaire.objects.all(),
        error_messages={"required": "Choisissez le partenaire à qui confier la demande."},
    )
    agent = ChoixAgent(label="Suivie par", queryset=agents_de(), required=False, empty_label="Personne pour l'instant")

    def clean(self):
        data = super().clean()
        partenaire, agent = data.get("partenaire"), data.get("agent")
        if partenaire and agent and agent.agent_partenaire.partenaire_id != partenaire.pk:
            self.add_error("agent", "Cette personne n'est pas un agent de ce partenaire.")
        return data


class NouvelleAffectationForm(ConfierForm):
    def __init__(self, *args, demande, **kwargs):
        super().__init__(*args, **kwargs)
        self.demande = demande

    def clean(self):
        data = super().clean()
        partenaire = data.get("partenaire")
        if partenaire and Affectation.objects.filter(demande=self.demande, partenaire=partenaire).exists():
            self.add_error("partenaire", "La demande est déjà affectée à ce partenaire.")
        return data


class AffectationForm(forms.ModelForm):
    agent = ChoixAgent(label="Suivie par", queryset=agents_de(), required=False, empty_label="Personne")

    class Meta:
        model = Affectation
        fields = ["statut", "prestation_realisee", "motif", "message_au_demandeur", "agent"]
        widgets = {"message_au_demandeur": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, choix=None, **kwargs):
        """`choix`: the lists of the detail page computed once for all its assignments
        ({"prestations": [...], "agents": {partenaire_id: [...]}}), so that each form costs no query."""
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents_de(self.instance.partenaire)
        self.fields["prestation_realisee"].empty_label = "Non renseignée"
        if choix is not None:
            self.fields["prestation_realisee"].choices = [("", "Non renseignée")] + choix["prestations"]
            self.fields["agent"].choices = [("", "Personne")] + choix["agents"].get(self.instance.partenaire_id, [])

    def clean(self):
        data = super().clean()
        if data.get("statut") == StatutAffectation.TERMINEE and not data.get("prestation_realisee"):
            self.add_error("prestation_realisee", "Indiquez la prestation réalisée pour terminer l'accompagnement.")
        if data.get("statut") == StatutAffectation.DECLINEE and not (data.get("motif") or "").strip():
            self.add_error("motif", "Indiquez pourquoi la demande est déclinée.")
        return data


class ReaffectationForm(forms.Form):
    """Bulk action: move the selected demandes' assignments to another agent (someone leaves) and, for the
    coordination, to another partenaire."""

    ancien_partenaire = forms.ModelChoiceField(
        label="Affectations du partenaire", queryset=Partenaire.objects.all(),
        help_text="Les affectations de ce partenaire, sur les demandes choisies, sont déplacées.",
    )
    nouveau_partenaire = forms.ModelChoiceField(
        label="Vers le partenaire", queryset=Partenaire.objects.all(), required=False,
        help_text="Laisser vide pour garder le même partenaire.",
    )
    agent = ChoixAgent(label="Suivies par", queryset=agents_de(), required=False, empty_label="Personne")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.coordination = est_coordination(user)
        if not self.coordination:
            partenaire = partenaire_de(user)
            del self.fields["ancien_partenaire"], self.fields["nouveau_partenaire"]
            self.fields["agent"].queryset = agents_de(partenaire)

    def clean(self):
        data = super().clean()
        cible = data.get("nouveau_partenaire") or data.get("ancien_partenaire")
        agent = data.get("agent")
        if self.coordination and cible and agent and agent.agent_partenaire.partenaire_id != cible.pk:
            self.add_error("agent", "Cette personne n'est pas un agent du partenaire de destination.")
        return data


class StatutMasseForm(forms.Form):
    statut = forms.ChoiceField(label="Nouveau statut", choices=Statut.choices)
    message_au_demandeur = forms.CharField(**{
        **MESSAGE_AU_DEMANDEUR,
        "help_text": "Facultatif : le même message à chaque demandeur, avec le courriel de clôture (close ou "
                     "sans suite). Laissé vide, les messages déjà écrits sont gardés.",
    })
