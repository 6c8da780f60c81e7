"""iCalendar (RFC 5545) output of the agenda, with the `icalendar` library.

Times are written in UTC ("…Z"): every calendar application converts them right, without shipping a
VTIMEZONE for Europe/Paris. All-day events are DATE values (DTEND is the day after the last one, as RFC
5545 wants). UID never changes for an event; SEQUENCE is the page's counter (bumped on published changes
of date, place or status); a cancelled event stays in the feed with STATUS:CANCELLED so calendars drop it.
"""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

DOMAINE_UID = "collectivites.ladrome.fr"
PRODID = "-//Département de la Drôme//Ingénierie publique//FR"

# RFC 5545 knows TENTATIVE / CONFIRMED / CANCELLED: a postponed event is no longer confirmed.
STATUTS = {
    "programme": "CONFIRMED",
    "complet": "CONFIRMED",
    "reporte": "TENTATIVE",
    "annule": "CANCELLED",
}


def nom_du_calendrier(titre):
    """The name a calendar application shows for the subscription (X-WR-CALNAME): the agenda and the site's."""
    return f"{titre} – {settings.WAGTAIL_SITE_NAME}"


def url_abonnement(url):
    """The webcal:// form of the feed's absolute URL: the link that opens « subscribe » in calendar applications
    (Apple Calendar, Outlook, Thunderbird), which then fetch it over https (http for an http site)."""
    return "webcal://" + url.split("://", 1)[1]


def uid(evenement):
    return f"evenement-{evenement.pk}@{DOMAINE_UID}"


def vevenement(evenement, request, now):
    ev = icalendar.Event()
    ev.add("uid", uid(evenement))
    ev.add("dtstamp", now.astimezone(datetime.timezone.utc))
    ev.add("sequence", evenement.sequence)
    ev.add("status", STATUTS.get(evenement.statut, "CONFIRMED"))
    titre = evenement.title
    if evenement.statut_a_signaler:
        titre = f"[{evenement.statut_a_signaler}] {titre}"
    ev.add("summary", titre)
    if evenement.journee_entiere:
        ev.add("dtstart", timezone.localtime(evenement.debut).date())
        ev.add("dtend", timezone.localtime(evenement.fin).date() + datetime.timedelta(days=1))
    else:
        ev.add("dtstart", evenement.debut.astimezone(datetime.timezone.utc))
        ev.add("dtend", evenement.fin.astimezone(datetime.timezone.utc))
    url = evenement.get_full_url(request)
    if url:
        ev.add("url", url)
    description = "\n\n".join(filter(None, [strip_tags(evenement.resume), url]))
    if description:
        ev.add("description", description)
    lieu = evenement.lieu_texte if evenement.en_presentiel else evenement.lien_en_ligne
    if lieu:
        ev.add("location", lieu)
    ev.add("categories", [evenement.get_type_evenement_display()])
    if evenement.last_published_at:
        ev.add("last-modified", evenement.last_published_at.astimezone(datetime.timezone.utc))
    return ev


def calendrier(evenements, request, nom, now=None):
    """The VCALENDAR text (bytes) of these events."""
    now = now or timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nom)
    cal.add("x-wr-timezone", "Europe/Paris")
    for evenement in evenements:
        cal.add_component(vevenement(evenement, request, now))
    return cal.to_ical()


def reponse(contenu, nom_fichier, piece_jointe):
    response = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if piece_jointe else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{nom_fichier}"'
    return response
