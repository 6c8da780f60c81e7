"""Admin views of the newsletter: the send page of an issue (preview, test, send, progress) and the CSV import.

Preview and test need the right to edit the page; sending to the subscribers needs the separate permission
"newsletter.envoyer_lettre" (group "Envoi de la lettre", or given to a user)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from newsletter import envoi as moteur
from newsletter import importation
from newsletter.courriels import rendre_lettre
from newsletter.models import Envoi, NewsletterPage
from newsletter.taches import envoyer_test_lettre
from site_collectivites.taxonomie.models import Thematique

MAX_ADRESSES_TEST = 10
PERMISSION_ENVOI = "newsletter.envoyer_lettre"


class FormulaireTest(forms.Form):
    adresses = forms.CharField(
        label="Adresses du test", widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Une adresse par ligne (ou séparées par des virgules), {MAX_ADRESSES_TEST} au plus.",
    )

    def clean_adresses(self):
        brutes = [a.strip() for a in self.cleaned_data["adresses"].replace(",", "\n").splitlines() if a.strip()]
        if len(brutes) > MAX_ADRESSES_TEST:
            raise forms.ValidationError(f"{MAX_ADRESSES_TEST} adresses au plus.")
        for adresse in brutes:
            try:
                validate_email(adresse)
            except forms.ValidationError as erreur:
                raise forms.ValidationError(f"Adresse invalide : {adresse[:80]}") from erreur
        return brutes


class FormulaireEnvoi(forms.Form):
    thematiques = forms.ModelMultipleChoiceField(
        label="Seulement les abonnés intéressés par", queryset=Thematique.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucune case : tous les abonnés confirmés. Les abonnés sans thématique choisie reçoivent tout.",
    )
    confirmation = forms.BooleanField(label="Je confirme l'envoi à tous les destinataires", required=True)


def _page_modifiable(request, page_id):
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def apercu(request, page_id):
    """The e-mail as it will be sent (latest revision; the personal links are placeholders)."""
    page = _page_modifiable(request, page_id)
    rendu = rendre_lettre(page.get_latest_revision_as_object())
    if request.GET.get("format") == "texte":
        return HttpResponse(rendu.texte, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendu.html)


def envoi(request, page_id):
    page = _page_modifiable(request, page_id)
    peut_envoyer = request.user.has_perm(PERMISSION_ENVOI)
    envoi_existant = Envoi.objects.filter(lettre=page).first()
    formulaire_test = FormulaireTest()
    formulaire_envoi = FormulaireEnvoi()
    ici = reverse("newsletter_envoi:envoi", args=[page.pk])
    if request.method == "POST":
        if request.POST.get("action") == "test":
            formulaire_test = FormulaireTest(request.POST)
            if formulaire_test.is_valid():
                adresses = formulaire_test.cleaned_data["adresses"]
                envoyer_test_lettre.enqueue(page.pk, adresses)
                messages.success(request, f"Test envoyé à {len(adresses)} adresse{'s' if len(adresses) > 1 else ''}.")
                return redirect(ici)
        elif request.POST.get("action") == "envoyer":
            if not peut_envoyer:
                raise PermissionDenied
            formulaire_envoi = FormulaireEnvoi(request.POST)
            if not page.live:
                messages.error(request, "Publiez la lettre avant de l'envoyer : la version web doit exister.")
            elif formulaire_envoi.is_valid():
                _envoi, lance = moteur.lancer_envoi(page, request.user, formulaire_envoi.cleaned_data["thematiques"])
                if lance:
                    messages.success(request, "Envoi lancé : il se poursuit en arrière-plan.")
                else:
                    messages.warning(request, "Cette lettre a déjà été envoyée (ou son envoi est en cours).")
                return redirect(ici)
    contexte = {
        "page": page, "envoi": envoi_existant, "peut_envoyer": peut_envoyer,
        "chiffres": moteur.avancement(envoi_existant) if envoi_existant else None,
        "destinataires": moteur.destinataires().count() if not envoi_existant else None,
        "formulaire_test": formulaire_test, "formulaire_envoi": formulaire_envoi,
        "page_title": f"Envoyer « {page.title} »", "header_icon": "mail",
    }
    return TemplateResponse(request, "newsletter/admin/envoi.html", contexte)


class FormulaireImport(forms.Form):
    fichier = forms.FileField(label="Fichier CSV", help_text="Colonnes : email (obligatoire), thematiques "
                              "(noms séparés par |), collectivite, fonction. UTF-8, virgule ou point-virgule.")
    source = forms.CharField(
        label="Source du consentement", max_length=500,
        help_text="Où et comment ces personnes ont accepté de recevoir la lettre. "
                  "Ex. : fiche d'inscription signée aux Rencontres de l'ingénierie publique 2026.",
    )


def importer(request):
    if not request.user.has_perm("newsletter.add_abonne"):
        raise PermissionDenied
    formulaire = FormulaireImport(request.POST or None, request.FILES or None)
    bilan = None
    if request.method == "POST" and formulaire.is_valid():
        fichier = formulaire.cleaned_data["fichier"]
        if fichier.size > importation.TAILLE_MAX:
            formulaire.add_error("fichier", "5 Mo au plus.")
        else:
            try:
                lignes = importation.lire_csv(fichier.read())
            except ValueError as erreur:
                formulaire.add_error("fichier", str(erreur))
            else:
                bilan = importation.importer(lignes, formulaire.cleaned_data["source"], request.user)
    return TemplateResponse(request, "newsletter/admin/import.html", {
        "formulaire": formulaire, "bilan": bilan, "page_title": "Importer des abonnés", "header_icon": "upload",
        "index_url": reverse("newsletter_abonnes:index"),
    })
