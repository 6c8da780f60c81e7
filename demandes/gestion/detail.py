"""The detail page of a demande and the forms on it: the overall status, a new assignment, each assignment's
update, the notes.

Each form posts to its own URL (the `action` of its URL pattern), served by this same view: a valid form
redirects to the page, an invalid one gets the page again with that form open, filled as it was typed and its
errors beside the fields — a person never loses what they typed nor reads an error far from its field. Who may
act is asked of demandes/acces.py before anything else; the rules are in demandes/suivi.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.generic import InspectView

from .. import acces, demandeur, suivi
from ..models import Affectation, Demande
from .formulaires import AffectationForm, NoteForm, NouvelleAffectationForm, StatutForm, choix_des_affectations
from .vues import demande_visible

ERREUR_FORMULAIRE = "Rien n'est enregistré : corrigez le formulaire ci-dessous, à l'endroit signalé."


def ancre_affectation(affectation_pk):
    return f"affectation-{affectation_pk}"


class DemandeInspectView(InspectView):
    template_name = "demandes/gestion/detail.html"
    page_title = "Demande"
    # The handler of each form, by the `action` its URL pattern gives (demandes/gestion/viewsets.py).
    actions = {"note": "ajouter_note", "statut": "fixer_statut", "affecter": "ajouter_affectation",
               "affectation": "modifier_affectation", "revoquer_lien": "revoquer_lien"}

    def setup(self, request, *args, **kwargs):
        self.formulaires = {}  # the bound forms of an invalid post, by their name in the page
        super().setup(request, *args, **kwargs)

    def get_object(self, queryset=None):
        demande = demande_visible(self.request, self.pk)
        return (
            Demande.objects.select_related("type_prestation", "offre", "commune", "epci", "cree_par")
            .prefetch_related(
                "thematiques", "pieces_jointes", "notes",
                Prefetch("journal"),
                Prefetch("affectations", queryset=Affectation.objects.select_related(
                    "partenaire", "prestation_realisee", "agent"
                )),
            )
            .get(pk=demande.pk)
        )

    def get_fields(self):
        return []

    def get_page_subtitle(self):
        return f"{self.object.reference} – {self.object.titre}"

    def get(self, request, *args, **kwargs):
        if self.kwargs.get("action"):
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        traitement = self.actions.get(self.kwargs.get("action"))
        if traitement is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return getattr(self, traitement)()

    def get_context_data(self, **kwargs):
        user = self.request.user
        demande = self.object
        affectations = list(demande.affectations.all())
        modifiables = {a.pk for a in affectations if acces.peut_modifier_affectation(user, a)}
        choix = choix_des_affectations([a for a in affectations if a.pk in modifiables])
        coordination = acces.est_coordination(user)

        def formulaire_affectation(affectation):
            if affectation.pk not in modifiables:
                return None
            prefixe = f"a{affectation.pk}"
            return self.formulaires.get(prefixe) or AffectationForm(instance=affectation, prefix=prefixe, choix=choix)

        return {
            **super().get_context_data(**kwargs),
            "demande": demande,
            "coordination": coordination,
            "peut_modifier": acces.peut_modifier(user, demande),
            "affectations": [(affectation, formulaire_affectation(affectation)) for affectation in affectations],
            "note_form": self.formulaires.get("note") or NoteForm(),
            "statut_form": self.formulaires.get("statut")
            or StatutForm(initial={"statut": demande.statut if demande.statut_manuel else "",
                                   "message_au_demandeur": demande.message_au_demandeur}),
            # The requester's answer: the coordination and the partners that followed the demande, no one else.
            "avis": demandeur.avis_de(demande) if acces.peut_lire_avis(user, demande) else None,
            "affectation_form": (self.formulaires.get("affecter") or NouvelleAffectationForm(demande=demande))
            if coordination else None,
        }

    # The outcome of a post

    def reussite(self, message, ancre="suivi"):
        messages.success(self.request, message)
        return redirect(reverse("demandes:inspect", args=[self.object.pk]) + f"#{ancre}")

    def echec(self, nom, form):
        """The page again, `form` (named as in the page) shown open with what was typed and its errors."""
        self.formulaires[nom] = form
        messages.error(self.request, ERREUR_FORMULAIRE)
        return self.render_to_response(self.get_context_data())

    def exiger_modification(self):
        if not acces.peut_modifier(self.request.user, self.object):
            raise PermissionDenied

    # The forms' handlers

    def ajouter_note(self):
        form = NoteForm(self.request.POST)
        if not form.is_valid():
            return self.echec("note", form)
        suivi.ajouter_note(self.object, self.request.user, form.cleaned_data["texte"])
        return self.reussite("Note ajoutée.", "notes")

    def fixer_statut(self):
        self.exiger_modification()
        form = StatutForm(self.request.POST)
        if not form.is_valid():
            return self.echec("statut", form)
        suivi.fixer_statut(self.object, form.cleaned_data["statut"] or None, self.request.user,
                           message_au_demandeur=form.cleaned_data["message_au_demandeur"].strip())
        return self.reussite(f"Statut : {self.object.get_statut_display()}.")

    def ajouter_affectation(self):
        self.exiger_modification()
        form = NouvelleAffectationForm(self.request.POST, demande=self.object)
        if not form.is_valid():
            return self.echec("affecter", form)
        affectation = suivi.affecter(
            self.object, form.cleaned_data["partenaire"], self.request.user, agent=form.cleaned_data["agent"]
        )
        return self.reussite(f"Demande affectée à {affectation.partenaire.nom_court}.", "affectations")

    def modifier_affectation(self):
        affectation = acces.filtrer_affectations(
            self.request.user, Affectation.objects.filter(demande=self.object).select_related("demande", "partenaire")
        ).filter(pk=self.kwargs["affectation_pk"]).first()
        if affectation is None:
            raise PermissionDenied
        prefixe = f"a{affectation.pk}"
        # The form gets its own copy: validating a ModelForm writes the typed values on its instance, and
        # suivi.mettre_a_jour_affectation compares them with the saved ones.
        form = AffectationForm(self.request.POST, instance=Affectation.objects.get(pk=affectation.pk), prefix=prefixe)
        if not form.is_valid():
            return self.echec(prefixe, form)
        donnees = form.cleaned_data
        suivi.mettre_a_jour_affectation(
            affectation, self.request.user, donnees["statut"], donnees["prestation_realisee"],
            donnees["motif"].strip(), donnees["agent"],
            message_au_demandeur=donnees["message_au_demandeur"].strip(),
        )
        return self.reussite(f"Affectation de {affectation.partenaire.nom_court} mise à jour.",
                             ancre_affectation(affectation.pk))

    def revoquer_lien(self):
        """The coordination cuts the requester's links (sent to a wrong address, forwarded too widely)."""
        self.exiger_modification()
        demandeur.revoquer_lien(self.object, self.request.user)
        return self.reussite("Lien du demandeur révoqué : les liens déjà envoyés ne fonctionnent plus ; les "
                             "prochains courriels porteront un nouveau lien.", "demandeur")
