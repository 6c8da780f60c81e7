"""Views of the back office. Each one asks demandes/acces.py who may see or act, on the server, before
anything else; the business rules are in demandes/suivi.py and demandes/services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from site_collectivites.exploitation.exports import ExportMixin
from site_collectivites.recherche import filtrer_sans_accents

from .. import acces, suivi
from ..models import ActionJournal, Affectation, Demande, PieceJointe
from ..services import enregistrer_demande, figer_territoire
from .actions_groupees import boutons_pour
from .colonnes import attente_depuis, colonnes_de_l_attente
from .formulaires import ModificationDemandeForm, SaisieDemandeForm


def demande_visible(request, pk):
    """The demande if this user may see it; 403 otherwise (404 when it does not exist)."""
    demande = get_object_or_404(Demande, pk=pk)
    if not acces.peut_voir(request.user, demande):
        raise PermissionDenied
    return demande


def partenaires_de_la_ligne(demande):
    return ", ".join(affectation.partenaire.nom_court for affectation in demande.affectations.all())


class DemandeIndexView(ExportMixin, IndexView):
    add_item_label = "Saisir une demande"
    template_name = "demandes/gestion/index.html"
    list_export = [
        "reference", "cree_le", "get_source_display", "get_statut_display", "get_type_collectivite_display",
        "nom_collectivite", "territoire_insee", "territoire_canton", "territoire_epci",
        "get_territoire_tranche_display", "titre", "liste_thematiques", "type_prestation", "liste_partenaires",
        "liste_prestations_realisees", "prenom", "nom", "get_fonction_display", "email", "telephone",
        "calendrier", "budget",
    ]
    export_headings = {
        "reference": "Référence", "cree_le": "Reçue le", "get_source_display": "Source",
        "get_statut_display": "Statut", "get_type_collectivite_display": "Type de collectivité",
        "nom_collectivite": "Collectivité", "territoire_insee": "Code INSEE", "territoire_canton": "Canton",
        "territoire_epci": "EPCI", "get_territoire_tranche_display": "Tranche de population",
        "titre": "Projet", "liste_thematiques": "Thématiques", "type_prestation": "Prestation souhaitée",
        "liste_partenaires": "Partenaires", "liste_prestations_realisees": "Prestations réalisées",
        "prenom": "Prénom", "nom": "Nom", "get_fonction_display": "Fonction", "email": "E-mail",
        "telephone": "Téléphone", "calendrier": "Calendrier", "budget": "Budget estimé (€)",
    }

    def get_base_queryset(self):
        # A page of rows costs a fixed number of queries: the joined rows, then one prefetch per relation.
        return acces.filtrer_demandes(self.request.user, super().get_base_queryset()).select_related(
            "type_prestation"
        ).annotate(attente_depuis=attente_depuis(self.request.user)).prefetch_related(
            Prefetch("affectations", queryset=Affectation.objects.select_related("partenaire", "prestation_realisee")),
            "thematiques",
        )

    def search_queryset(self, queryset):
        # Each word in one of the viewset's search_fields, accents and case aside (« eclairage », « ÉCLAIRAGE »).
        if not self.is_searching:
            return queryset
        return filtrer_sans_accents(queryset, self.search_fields, self.search_query)

    def get_edit_url(self, instance):
        return None  # the reference opens the detail; corrections start from there

    @cached_property
    def columns(self):
        titre = self._get_title_column_class(TitleColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="demande"),
            titre("reference", label="Référence", sort_key="reference", get_url=self.get_inspect_url,
                  get_title_id=lambda demande: f"demande_{demande.pk}_title"),
            Column("titre", label="Projet"),
            Column("collectivite", label="Collectivité", accessor="nom_collectivite"),
            Column("canton", label="Canton", accessor="territoire_canton", sort_key="territoire_canton"),
            Column("partenaires", label="Partenaires", accessor=partenaires_de_la_ligne),
            Column("statut", label="Statut", accessor="get_statut_display", sort_key="statut"),
            DateColumn("cree_le", label="Reçue le", sort_key="cree_le"),
            *colonnes_de_l_attente(),
        ]

    def get_context_data(self, **kwargs):
        # Only the bulk actions this user may run (index.html draws them in Wagtail's footer).
        return {**super().get_context_data(**kwargs), "boutons_actions_groupees": boutons_pour(self.request.user)}


class FormulaireAdminView(WagtailAdminTemplateMixin, FormView):
    """A form in the admin's look (the template of Wagtail's generic forms)."""

    template_name = "wagtailadmin/generic/form.html"
    header_icon = "form"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_url": self.request.get_full_path(),
                "submit_button_label": self.submit_button_label, "form_is_multipart": True}

    def form_invalid(self, form):
        # The form comes back filled, each error beside its field; the message at the top says nothing was saved.
        messages.error(self.request, "Rien n'est enregistré : corrigez les champs signalés ci-dessous.")
        return super().form_invalid(form)


class SaisieDemandeView(FormulaireAdminView):
    """A demande received outside the site (phone, e-mail, meeting, convention), typed in by hand."""

    form_class = SaisieDemandeForm
    page_title = "Saisir une demande"
    submit_button_label = "Enregistrer la demande"

    def dispatch(self, request, *args, **kwargs):
        if not (acces.peut_acceder(request.user) and request.user.has_perm("demandes.add_demande")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        demande = enregistrer_demande(
            form.cleaned_data, form.pieces_jointes(), source=form.cleaned_data["source"],
            saisie_par=self.request.user, partenaires=form.partenaires_choisis(),
            accuse_reception=form.cleaned_data["accuse_reception"],
        )
        messages.success(self.request, f"La demande {demande.reference} est enregistrée.")
        return redirect("demandes:inspect", demande.pk)


class ModificationDemandeView(FormulaireAdminView):
    form_class = ModificationDemandeForm
    submit_button_label = "Enregistrer les corrections"

    def dispatch(self, request, *args, **kwargs):
        self.demande = demande_visible(request, kwargs["pk"])
        if not acces.peut_modifier(request.user, self.demande):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Corriger la demande {self.demande.reference}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.demande}

    def form_valid(self, form):
        if form.has_changed():
            with transaction.atomic():
                demande = form.save(commit=False)
                if {"commune", "epci", "type_collectivite"} & set(form.changed_data):
                    figer_territoire(demande)  # a corrected commune moves the demande to its canton
                demande.save()
                form.save_m2m()
                libelles = ", ".join(str(form.fields[nom].label).lower() for nom in form.changed_data)
                suivi.journaliser(demande, self.request.user, ActionJournal.MODIFICATION, f"Corrigé : {libelles}.")
            messages.success(self.request, "Les corrections sont enregistrées.")
        return redirect("demandes:inspect", self.demande.pk)


def piece_jointe(request, pk, piece_pk):
    """An attachment, only to those who may see its demande; always downloaded, never shown inline."""
    demande = demande_visible(request, pk)
    piece = PieceJointe.objects.filter(demande=demande, pk=piece_pk).first()
    if piece is None:
        raise Http404
    reponse = FileResponse(piece.fichier.open("rb"), as_attachment=True, filename=piece.nom_original,
                           content_type=piece.type_mime or "application/octet-stream")
    reponse["X-Content-Type-Options"] = "nosniff"
    reponse["Cache-Control"] = "private, no-store"
    return reponse
