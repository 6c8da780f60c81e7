"""Public pages of the newsletter: subscribe, confirm (a button: a POST), preferences, unsubscribe, renew.

The personal links carry the subscriber's token, never the address. Only a POST changes anything: mail
scanners that follow links (GET) confirm or unsubscribe nobody. Business rules are in newsletter/services.py.
"""

from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter import jetons, services
from newsletter.consentement import mention
from newsletter.forms import FormulaireAbonnement, FormulairePreferences
from newsletter.models import StatutAbonne
from site_collectivites.securite.ratelimit import attente_avant_envoi, avec_retry_after, noter_envoi, refuser_pour_limite

# Accepted subscriptions per client IP, counted in the database (site_collectivites/securite/ratelimit.py).
LIMITE_INSCRIPTIONS = 5
FENETRE_SECONDES = 3600
EXPLICATION_LIMITE = "Vous avez déjà demandé plusieurs abonnements en peu de temps depuis votre connexion."
NOINDEX = {"X-Robots-Tag": "noindex"}


def _rendre(request, gabarit, contexte=None, status=200):
    contexte = {"avec_formulaire": gabarit in ("inscription.html", "preferences.html"), **(contexte or {})}
    reponse = render(request, f"newsletter/{gabarit}", contexte, status=status)
    reponse["X-Robots-Tag"] = NOINDEX["X-Robots-Tag"]
    return reponse


# CSRF-exempt by design: the footer of every public page posts here, and a token in the footer would make every
# page visitor-specific, so no page could be cached (docs/newsletter.md). A forged subscription achieves
# nothing: the address must confirm by a link sent to it (double opt-in), robots fill the honeypot, and each IP
# is rate-limited. The subscription page's own form, which keeps its token, posts here too.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def inscrire(request):
    """GET: the full form. POST (from the footer, a block, the newsletter page or this page): validate, save,
    mail the confirmation link; the same answer whether the address is known or not."""
    if request.method == "GET":
        formulaire = FormulaireAbonnement(initial={"origine": request.path})
        return _rendre(request, "inscription.html", _contexte_formulaire(formulaire))
    formulaire = FormulaireAbonnement(request.POST)
    attente = attente_avant_envoi(request, "lettre-inscription", LIMITE_INSCRIPTIONS)
    if attente:
        # Sent back as typed (from the footer too: on the subscription page), with when to send it again.
        refuser_pour_limite(formulaire, attente, EXPLICATION_LIMITE)
        return avec_retry_after(_rendre(request, "inscription.html", _contexte_formulaire(formulaire)), attente)
    if formulaire.est_un_robot:
        noter_envoi(request, "lettre-inscription", FENETRE_SECONDES)
        return HttpResponseRedirect(reverse("newsletter:merci"))  # looks like success; nothing saved
    if not formulaire.is_valid():
        return _rendre(request, "inscription.html", _contexte_formulaire(formulaire))
    noter_envoi(request, "lettre-inscription", FENETRE_SECONDES)
    d = formulaire.cleaned_data
    services.demander_abonnement(
        d["email"], d["thematiques"], d["collectivite"], d["fonction"], request=request,
        page_origine=d["origine"] or request.path, version_mention=d["version_mention"],
    )
    return HttpResponseRedirect(reverse("newsletter:merci"))


def _contexte_formulaire(formulaire):
    version, texte = mention()
    titre = "S'abonner à la lettre d'information"
    return {"formulaire": formulaire, "texte_mention": texte, "version_mention": version,
            "titre_page": f"Erreur – {titre}" if formulaire.errors else titre}


def merci(request):
    return _rendre(request, "merci.html", {"titre_page": "Vérifiez votre messagerie"})


def _lien_invalide(request, expire=False):
    return _rendre(request, "lien_invalide.html", {"expire": expire, "titre_page": "Lien invalide"},
                   status=410 if expire else 404)


@require_http_methods(["GET", "POST"])
def confirmer(request, jeton):
    try:
        abonne = jetons.lire_jeton_confirmation(jeton)
    except jetons.JetonExpire:
        return _lien_invalide(request, expire=True)
    except jetons.JetonInvalide:
        return _lien_invalide(request)
    if request.method == "POST":
        abonne = services.confirmer(abonne, request)
        contexte = {"abonne": abonne, "url_preferences": reverse("newsletter:preferences", args=[abonne.jeton]),
                    "titre_page": "Abonnement confirmé"}
        return _rendre(request, "confirme.html", contexte)
    return _rendre(request, "confirmer.html", {"abonne": abonne, "titre_page": "Confirmer votre abonnement"})


def _abonne_confirme(jeton):
    """The confirmed subscriber of a personal link; None for an unknown token or a subscriber who left."""
    abonne = services.abonne_par_jeton(jeton)
    return abonne if abonne is not None and abonne.statut == StatutAbonne.CONFIRME else None


@require_http_methods(["GET", "POST"])
def preferences(request, jeton):
    abonne = _abonne_confirme(jeton)
    if abonne is None:
        return _lien_invalide(request)
    enregistre = False
    if request.method == "POST":
        formulaire = FormulairePreferences(request.POST)
        if formulaire.is_valid():
            d = formulaire.cleaned_data
            services.modifier_preferences(abonne, list(d["thematiques"]), d["collectivite"], d["fonction"], request)
            enregistre = True
    else:
        formulaire = FormulairePreferences(initial={
            "thematiques": list(abonne.thematiques.all()), "collectivite": abonne.collectivite,
            "fonction": abonne.fonction,
        })
    titre = "Vos préférences"
    contexte = {"abonne": abonne, "formulaire": formulaire, "enregistre": enregistre,
                "titre_page": f"Erreur – {titre}" if formulaire.errors else titre}
    return _rendre(request, "preferences.html", contexte)


@require_http_methods(["GET", "POST"])
def desabonner(request, jeton):
    abonne = services.abonne_par_jeton(jeton)
    if abonne is None:
        return _lien_invalide(request)
    if request.method == "POST":
        abonne = services.desabonner(abonne, request, origine="page de désabonnement")
    contexte = {"abonne": abonne, "desabonne": abonne.statut != StatutAbonne.CONFIRME,
                "url_action": reverse("newsletter:desabonner", args=[jeton]),
                "titre_page": "Se désabonner de la lettre d'information"}
    return _rendre(request, "desabonner.html", contexte)


@csrf_exempt
def desabonner_direct(request, jeton):
    """The List-Unsubscribe address (RFC 8058). The mail client POSTs "List-Unsubscribe=One-Click" without any
    cookie or CSRF token: it unsubscribes at once and answers 200, no redirect. A GET (a person who opened the
    address) shows the normal page, whose button posts, with CSRF, to the protected address."""
    if request.method == "POST":
        abonne = services.abonne_par_jeton(jeton)
        if abonne is not None:
            services.desabonner(abonne, request, origine="désabonnement en un clic (RFC 8058)")
        # Same answer for an unknown token: the client has nothing more to do.
        return HttpResponse("Vous êtes désabonné de la lettre d'information.", content_type="text/plain; charset=utf-8",
                            headers=NOINDEX)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return desabonner(request, jeton)


@require_http_methods(["GET", "POST"])
def renouveler(request, jeton):
    abonne = _abonne_confirme(jeton)
    if abonne is None:
        return _lien_invalide(request)
    renouvele = False
    if request.method == "POST":
        services.renouveler(abonne, request)
        renouvele = True
    contexte = {"abonne": abonne, "renouvele": renouvele, "titre_page": "Rester abonné",
                "url_desabonnement": reverse("newsletter:desabonner", args=[jeton])}
    return _rendre(request, "renouveler.html", contexte)
