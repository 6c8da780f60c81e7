"""The public pages of registration: the form's POST, the "thank you" page, the cancellation by token.

Served by EvenementPage's routes (RoutablePageMixin). Business rules are in agenda/inscriptions.py.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from agenda import inscriptions
from agenda.forms import FormulaireInscription
from site_collectivites.securite.ratelimit import attente_avant_envoi, avec_retry_after, noter_envoi, refuser_pour_limite

# Rate limit of the form: accepted registrations per client IP, counted in the database
# (site_collectivites/securite/ratelimit.py, which reads the IP behind TRUSTED_PROXY_COUNT proxies).
LIMITE_ENVOIS = 10
FENETRE_SECONDES = 600
EXPLICATION_LIMITE = "Vous avez déjà envoyé plusieurs inscriptions en peu de temps depuis votre connexion."


def _page(request, evenement, template, contexte=None, status=200):
    contexte = {"page": evenement, "self": evenement, "request": request, **(contexte or {})}
    return TemplateResponse(request, template, contexte, status=status)


def inscrire(request, evenement):
    url_page = evenement.get_url(request) or "/"
    if request.method != "POST":
        return HttpResponseRedirect(url_page + "#inscription")
    if not inscriptions.inscriptions_ouvertes(evenement):
        return _page(request, evenement, "agenda/inscriptions/fermees.html", status=410)
    formulaire = FormulaireInscription(request.POST)
    attente = attente_avant_envoi(request, "inscription", LIMITE_ENVOIS)
    if attente:
        refuser_pour_limite(formulaire, attente, EXPLICATION_LIMITE)
    elif formulaire.est_un_robot:
        # Looks like a success, so the robot learns nothing; nothing is saved, no e-mail is sent.
        noter_envoi(request, "inscription", FENETRE_SECONDES)
        return _page(request, evenement, "agenda/inscriptions/merci.html", {"inscription": None})
    if attente or not formulaire.is_valid():
        # Sent back as typed: the errors (or the limit's reason and time) in the summary and beside the fields.
        formulaire.preparer_aria()
        contexte = evenement.get_context(request, formulaire_inscription=formulaire)
        reponse = TemplateResponse(request, evenement.get_template(request), contexte)
        return avec_retry_after(reponse, attente) if attente else reponse
    noter_envoi(request, "inscription", FENETRE_SECONDES)
    inscription = inscriptions.inscrire(evenement, **formulaire.donnees_inscription())
    merci = url_page + evenement.reverse_subpage("inscription_merci")
    return HttpResponseRedirect(f"{merci}?r={inscriptions.jeton_merci(inscription)}")


def merci(request, evenement):
    from agenda.models import Inscription

    pk = inscriptions.lire_jeton_merci(request.GET.get("r", ""))
    inscription = Inscription.objects.filter(pk=pk, evenement=evenement).first() if pk else None
    if inscription is None:
        return HttpResponseRedirect(evenement.get_url(request) or "/")
    contexte = {"inscription": inscription, "position": inscriptions.position_attente(inscription)}
    return _page(request, evenement, "agenda/inscriptions/merci.html", contexte)


def annuler(request, evenement, jeton):
    try:
        inscription = inscriptions.lire_jeton_annulation(jeton, evenement)
    except inscriptions.JetonExpire:
        return _page(request, evenement, "agenda/inscriptions/lien_invalide.html", {"expire": True}, status=410)
    except inscriptions.JetonInvalide:
        return _page(request, evenement, "agenda/inscriptions/lien_invalide.html", {"expire": False}, status=404)
    annulee = False
    if request.method == "POST":
        # Only a POST cancels: mail scanners that follow the link (GET) change nothing.
        inscriptions.annuler(inscription)
        annulee = True
    return _page(request, evenement, "agenda/inscriptions/annuler.html", {"inscription": inscription, "annulee": annulee})
