"""The request form's view: GET shows it (pre-filled), POST saves or shows the errors. Never a 500."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from offres.models import OffrePage
from site_collectivites.securite.ratelimit import attente_avant_envoi, avec_retry_after, noter_envoi, refuser_pour_limite
from site_collectivites.taxonomie.models import Thematique

from .forms import DemandeForm
from .models.pages import SESSION_DERNIERE_DEMANDE
from .services import enregistrer_demande

LIMITE_DEMANDES = 5  # accepted per IP and per hour: more than a commune ever needs, less than a robot wants
FENETRE_LIMITE = 3600
EXPLICATION_LIMITE = "Vous avez déjà envoyé plusieurs demandes en peu de temps depuis votre connexion."


def valeurs_initiales(request):
    """Pre-fill from ?offre=<slug> (its thématiques too) or ?thematique=<slug>; unknown slugs are ignored."""
    initial = {}
    offre = OffrePage.objects.live().public().filter(slug=str(request.GET.get("offre", ""))[:255]).first()
    if offre is not None:
        initial["offre"] = offre.slug
        initial["thematiques"] = list(offre.thematiques.values_list("pk", flat=True))
    slugs = [slug[:80] for slug in request.GET.getlist("thematique")[:9]]
    if slugs:
        initial["thematiques"] = list(Thematique.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return initial


def traiter_formulaire(request, page):
    attente = 0
    if request.method == "POST":
        form = DemandeForm(request.POST, request.FILES)
        attente = attente_avant_envoi(request, "demande", LIMITE_DEMANDES)
        if attente:
            refuser_pour_limite(form, attente, EXPLICATION_LIMITE, fichiers_perdus=bool(request.FILES))
        elif form.is_valid():
            noter_envoi(request, "demande", FENETRE_LIMITE)
            if not form.est_un_robot:
                demande = enregistrer_demande(form.cleaned_data, form.pieces_jointes())
                request.session[SESSION_DERNIERE_DEMANDE] = demande.reference
            # A robot gets the same redirect as a person, and nothing is saved.
            return redirect(page.url + "merci/")
    elif request.method == "GET":
        form = DemandeForm(initial=valeurs_initiales(request))
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    contexte = {**page.get_context(request), "form": form, "erreur_de_formulaire": bool(form.is_bound and form.errors)}
    # Invalid POST, or one too many: the same page again, as typed, with the errors beside the fields and in the
    # summary (the limit's reason and time at its top).
    reponse = TemplateResponse(request, "demandes/demande_form_page.html", contexte)
    return avec_retry_after(reponse, attente) if attente else reponse
