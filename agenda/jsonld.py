"""schema.org Event in JSON-LD for search engines, and its safe <script> wrapper."""

from django.utils.html import strip_tags

from site_collectivites.exploitation.adresse_publique import url_publique
from site_collectivites.referencement.jsonld import identifiant_departement, script_jsonld  # noqa: F401 (the page's)

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
    donnees["organizer"] = organisateurs or identifiant_departement()
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
