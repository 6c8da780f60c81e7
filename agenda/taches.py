"""The registration e-mails: confirmed, on the waiting list, promoted from it, cancelled.

Built in the registration's transaction and queued in the site's outbox (agenda/inscriptions.py,
site_collectivites/courrier/): a rolled-back registration sends nothing, a failing provider loses nothing.
"""

from urllib.parse import urlencode

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from site_collectivites.exploitation.courriels import ligne_d_en_tete

SUJETS = {
    "confirmation": "Inscription confirmée : {titre}",
    "attente": "Liste d'attente : {titre}",
    "promotion": "Une place s'est libérée : votre inscription est confirmée – {titre}",
    "annulation": "Inscription annulée : {titre}",
}


def construire_courriel(inscription, nature):
    """The e-mail (plain text and HTML, in French) of a registration: confirmed, waiting, promoted or cancelled."""
    from agenda import inscriptions

    evenement = inscription.evenement
    url_evenement = evenement.get_full_url() or ""
    jeton = urlencode({"jeton": inscriptions.jeton_annulation(inscription)})
    chemin = evenement.reverse_subpage("inscription_annuler") + "?" + jeton
    contexte = {
        "inscription": inscription,
        "evenement": evenement,
        "nature": nature,
        "url_evenement": url_evenement,
        "url_annulation": url_evenement + chemin,
        "position": inscriptions.position_attente(inscription),
        "organisateurs": list(evenement.partenaires.all()),
    }
    reply_to = [p.email_contact for p in contexte["organisateurs"] if p.email_contact][:1]
    courriel = EmailMultiAlternatives(
        subject=ligne_d_en_tete(SUJETS[nature].format(titre=evenement.title)),
        body=render_to_string("agenda/courriels/inscription.txt", contexte),
        to=[inscription.email],
        reply_to=reply_to,
    )
    courriel.attach_alternative(render_to_string("agenda/courriels/inscription.html", contexte), "text/html")
    return courriel
