"""schema.org Event in JSON-LD for search engines, and its safe <script> wrapper."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from site_collectivites.exploitation.adresse_publique import url_publique

STATUTS = {
    "programme": "https://schema.org/EventScheduled",
    "complet": "https://schema.org/EventScheduled",  # full is about seats, not the event (offers say SoldOut)
    "reporte": "https://schema.org/EventPostponed",
    "annule": "https://schema.org/EventCancelled",
}
MODES = {
    "presentiel": "https://schema.org/OfflineEventAttendanceMode",
    "en_ligne": "https://schema.org/OnlineEventAttendanceMode",
    "mixte": "https://schema.org/MixedEventAttendanceMode",
}

# The same escapes as Django's json_script: no "<", ">" or "&" survives, so a title containing
# "</script>" cannot close the element. JSON parsers read the \u escapes back as the original characters.
_ECHAPPEMENTS = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_jsonld(donnees, nonce=""):
    """The <script> element; `nonce` is the request's CSP nonce (request.csp_nonce), so that the
    Content Security Policy, which allows no inline script without it, lets this one through."""
    texte = json.dumps(donnees, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ECHAPPEMENTS)
    attribut_nonce = format_html(' nonce="{}"', nonce) if nonce else ""
    # Bandit B308/B703 silenced: the JSON cannot close the element (<, > and & are \u-escaped above, as json_script does) and the
    # nonce is escaped by format_html; HTML-escaping the JSON itself would corrupt it (&quot; inside <script>).
    return mark_safe(f'<script type="application/ld+json"{attribut_nonce}>{texte}</script>')  # nosec B308 B703


def _lieu_physique(evenement):
    adresse = {"@type": "PostalAddress", "addressRegion": "Drôme", "addressCountry": "FR"}
    if evenement.lieu_adresse:
        adresse["streetAddress"] = evenement.lieu_adresse
    if evenement.commune_id:
        adresse["addressLocality"] = evenement.commune.nom
        codes = evenement.commune.liste_codes_postaux
        if codes:
            adresse["postalCode"] = codes[0]
    return {"@type": "Place", "name": evenement.lieu_nom or adresse.get("addressLocality", ""), "address": adresse}


def evenement_jsonld(evenement, request, partenaires=None):
    """`partenaires`: the organisers when the page already has them (site_collectivites/cache/liens.py)."""
    url = evenement.get_full_url(request)
    donnees = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": evenement.title,
        "url": url,
        "startDate": evenement.debut_local.date() if evenement.journee_entiere else evenement.debut_local,
        "endDate": evenement.fin_local.date() if evenement.journee_entiere else evenement.fin_local,
        "eventStatus": STATUTS.get(evenement.statut, STATUTS["programme"]),
        "eventAttendanceMode": MODES.get(evenement.mode, MODES["presentiel"]),
        "inLanguage": "fr",
    }
    if evenement.resume:
        donnees["description"] = strip_tags(evenement.resume)
    lieux = []
    if evenement.en_presentiel:
        lieux.append(_lieu_physique(evenement))
    if evenement.en_ligne:
        lieux.append({"@type": "VirtualLocation", "url": evenement.lien_en_ligne or url})
    donnees["location"] = lieux[0] if len(lieux) == 1 else lieux
    organisateurs = [
        {"@type": "Organization", "name": p.nom, **({"url": p.site_web} if p.site_web else {})}
        for p in (evenement.partenaires.all() if partenaires is None else partenaires)
    ]
    donnees["organizer"] = organisateurs or {
        "@type": "GovernmentOrganization",
        "name": "Département de la Drôme",
        "url": "https://www.ladrome.fr",
    }
    if evenement.statut == "complet":
        donnees["offers"] = {"@type": "Offer", "availability": "https://schema.org/SoldOut", "url": url}
    from agenda.services import a_un_replay

    if a_un_replay(evenement):
        video = {
            "@type": "VideoObject",
            "name": f"Replay : {evenement.title}",
            "description": strip_tags(evenement.resume) or evenement.title,
            "uploadDate": evenement.fin_local,
            "embedUrl": evenement.replay_video,
            "url": evenement.replay_video,
            "inLanguage": "fr",
            "transcript": strip_tags(evenement.replay_transcription),
        }
        if evenement.replay_duree:
            video["duration"] = f"PT{evenement.replay_duree}M"
        donnees["recordedIn"] = video
    image = evenement.get_og_image() if hasattr(evenement, "get_og_image") else None
    if image is not None:
        donnees["image"] = url_publique(image.get_rendition("fill-1200x630|format-jpeg").url)
    return donnees
