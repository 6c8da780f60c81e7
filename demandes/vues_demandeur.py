"""The requester's page and its forms, reached only by the private link of their e-mails (demandes/demandeur.py).

Every answer, refusals included, is private: never indexed (`X-Robots-Tag` and the page's meta robots), never
stored by a cache (`Cache-Control: no-store, private`; the page cache also skips /suivi-demande/ altogether:
CACHE_PAGES_EXCLUSIONS), and the link is never sent on as a referrer (`Referrer-Policy: no-referrer`). A wrong,
expired or revoked link gets one French page with status 404, whatever was wrong with it. Only a POST changes
anything: a mail scanner that follows the e-mail's links records no answer and stops nothing.
"""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import demandeur
from .models import Utilite

ENTETES_PRIVES = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store, private",
    "Referrer-Policy": "no-referrer",
}


def _rendre(request, gabarit, contexte, status=200):
    reponse = render(request, f"demandes/demandeur/{gabarit}", contexte, status=status)
    for entete, valeur in ENTETES_PRIVES.items():
        reponse[entete] = valeur
    return reponse


def _lien_invalide(request):
    return _rendre(request, "lien_invalide.html", {"titre_page": "Lien non valable"}, status=404)


class AvisForm(forms.Form):
    reponse = forms.ChoiceField(
        label="Cet accompagnement vous a-t-il été utile ?", choices=Utilite.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une réponse.", "invalid_choice": "Choisissez une réponse."},
    )
    commentaire = forms.CharField(
        label="Un commentaire (facultatif)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Lu par le Département et le partenaire qui vous a accompagné ; jamais publié.",
        error_messages={"max_length": "2 000 caractères au plus."},
    )


def _contexte(request, demande, jeton, **autres):
    anonymisee = demande.anonymisee_le is not None
    contexte = {"demande": demande, "jeton": jeton, "anonymisee": anonymisee,
                "titre_page": f"Votre demande {demande.reference}"}
    if not anonymisee:
        contexte.update({
            "statut_en_clair": demandeur.statut_en_clair(demande),
            "partenaires": demandeur.partenaires_qui_suivent(demande),
            "etapes": demandeur.etapes(demande),
            "messages_demandeur": demandeur.messages_au_demandeur(demande),
            "avis": demandeur.avis_de(demande),
            "peut_repondre": demandeur.peut_repondre(demande),
            "reponses": Utilite.choices,
        })
    contexte.update(autres)
    return contexte


def _demande(jeton):
    demande = demandeur.lire_jeton(jeton)
    return type(demande).objects.prefetch_related("thematiques", "affectations__partenaire").get(pk=demande.pk)


@require_http_methods(["GET", "HEAD"])
def page(request, jeton):
    try:
        demande = _demande(jeton)
    except demandeur.LienInvalide:
        return _lien_invalide(request)
    return _rendre(request, "page.html", _contexte(request, demande, jeton, etat=request.GET.get("etat", "")[:20]))


@require_http_methods(["POST"])
def courriels(request, jeton):
    """Stop (or resume) the e-mails of the steps."""
    try:
        demande = demandeur.lire_jeton(jeton)
    except demandeur.LienInvalide:
        return _lien_invalide(request)
    if demande.anonymisee_le is None:
        if request.POST.get("action") == "reprendre":
            demandeur.reprendre_courriels(demande)
            etat = "repris"
        else:
            demandeur.arreter_courriels(demande)
            etat = "arretes"
        return redirect(reverse("demandeur:page", args=[jeton]) + f"?etat={etat}#courriels")
    return redirect("demandeur:page", jeton)


@require_http_methods(["GET", "HEAD", "POST"])
def avis(request, jeton):
    """GET: the question, the answer clicked in the e-mail already chosen, and a comment box. POST: recorded
    once; a later answer shows the first."""
    try:
        demande = _demande(jeton)
    except demandeur.LienInvalide:
        return _lien_invalide(request)
    premier = demandeur.avis_de(demande)
    if premier is not None or not demandeur.peut_repondre(demande):
        return _rendre(request, "avis.html", _contexte(request, demande, jeton, avis=premier, form=None,
                                                        titre_page="Votre avis"))
    if request.method == "POST":
        form = AvisForm(request.POST)
        if form.is_valid():
            avis_enregistre, cree = demandeur.enregistrer_avis(demande, form.cleaned_data["reponse"],
                                                               form.cleaned_data["commentaire"])
            return _rendre(request, "avis.html", _contexte(request, demande, jeton, avis=avis_enregistre,
                                                            merci=cree, form=None, titre_page="Merci"))
    else:
        choisie = request.GET.get("reponse", "")
        form = AvisForm(initial={"reponse": choisie} if choisie in Utilite.values else {})
    titre = "Votre avis sur l'accompagnement"
    return _rendre(request, "avis.html", _contexte(request, demande, jeton, avis=None, form=form,
                                                    titre_page=f"Erreur – {titre}" if form.errors else titre))
