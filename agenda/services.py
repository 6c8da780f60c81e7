"""Business rules of the agenda and the news, as plain functions (views and templates only call them).

Every rule that depends on the current time takes `now` as a parameter, so tests freeze time by passing
a fixed datetime instead of patching the clock.
"""

import datetime
import re
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

# The fields whose change makes a published event "another version" for calendars (iCalendar SEQUENCE):
# a new date, place or status must replace the copy people have in their calendar; a typo fix need not.
CHAMPS_SIGNIFICATIFS = (
    "debut",
    "fin",
    "journee_entiere",
    "mode",
    "lieu_nom",
    "lieu_adresse",
    "commune_id",
    "lien_en_ligne",
    "statut",
)

EVENEMENTS_PAR_PAGE = 12
ACTUALITES_PAR_PAGE = 10
MOIS_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


# --- Upcoming / past -------------------------------------------------------------------------------

def est_a_venir(evenement, now=None):
    """An event is upcoming until it ends: an event under way is still listed with the upcoming ones."""
    now = now or timezone.now()
    return evenement.fin >= now


def evenements_a_venir(queryset, now=None):
    now = now or timezone.now()
    return queryset.filter(fin__gte=now).order_by("debut", "pk")


def evenements_passes(queryset, now=None):
    now = now or timezone.now()
    return queryset.filter(fin__lt=now).order_by("-debut", "-pk")


def a_un_replay(evenement, now=None):
    """A replay is shown once the webinar is over, and only with its video."""
    return (
        evenement.type_evenement == "webinaire"
        and bool(evenement.replay_video)
        and not est_a_venir(evenement, now)
    )


def webinaires_en_replay(queryset, now=None):
    """Past webinars that have a replay, newest first (the same rule as a_un_replay, in SQL)."""
    now = now or timezone.now()
    return (
        queryset.filter(type_evenement="webinaire", fin__lt=now)
        .exclude(replay_video="")
        .order_by("-debut", "-pk")
    )


# The subscribed calendar carries the upcoming events and those of the last year: enough for anyone who
# imported an event to see its last change, without a feed that grows forever.
HISTORIQUE_CALENDRIER = datetime.timedelta(days=365)


def evenements_du_calendrier(queryset, now=None):
    now = now or timezone.now()
    return queryset.filter(fin__gte=now - HISTORIQUE_CALENDRIER).order_by("debut", "pk")


def bornes_journee_entiere(debut, fin, tz=None):
    """Whole local days: from 00:00 of the first day to 23:59:59 of the last one (Europe/Paris).

    All-day events are stored this way so that one rule (fin ≥ now) decides upcoming/past for every event.
    """
    tz = tz or timezone.get_default_timezone()
    premier = timezone.localtime(debut, tz).date()
    dernier = timezone.localtime(fin, tz).date()
    return (
        datetime.datetime.combine(premier, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(dernier, datetime.time(23, 59, 59), tzinfo=tz),
    )


def grouper_par_annee(evenements):
    """[(year, [events])] in the given order, the year being the local year of the start."""
    return [
        (annee, list(groupe))
        for annee, groupe in groupby(evenements, key=lambda e: timezone.localtime(e.debut).year)
    ]


class ListeConcatenee:
    """Two querysets paginated as one list (upcoming then past) with one COUNT and one slice query each.

    Django's Paginator only needs count() and slicing. `nombres`: the two lengths when the caller already
    has them (one query for both), else each queryset is counted.
    """

    def __init__(self, premiere, seconde, nombres=None):
        self.premiere = premiere
        self.seconde = seconde
        self._nb_premiere, self._nb_seconde = nombres or (None, None)

    def nb_premiere(self):
        if self._nb_premiere is None:
            self._nb_premiere = self.premiere.count()
        return self._nb_premiere

    def count(self):
        if self._nb_seconde is None:
            self._nb_seconde = self.seconde.count()
        return self.nb_premiere() + self._nb_seconde

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        n = self.nb_premiere()
        resultat = []
        if start < n:
            resultat += list(self.premiere[start : min(stop, n)])
        if stop > n:
            resultat += list(self.seconde[max(start - n, 0) : stop - n])
        return resultat


def page_agenda(queryset, numero, now=None, par_page=EVENEMENTS_PAR_PAGE):
    """One page of the agenda: upcoming events (soonest first) then past ones (newest first).

    Returns (page_obj, upcoming events of this page, [(year, past events of this page)]).
    """
    now = now or timezone.now()
    # Both sections counted in one pass over the events (the same rule as evenements_a_venir/_passes):
    # with thousands of events each COUNT reads them all.
    nombres = queryset.order_by().aggregate(
        a_venir=Count("pk", filter=Q(fin__gte=now)), passes=Count("pk", filter=Q(fin__lt=now))
    )
    liste = ListeConcatenee(
        evenements_a_venir(queryset, now),
        evenements_passes(queryset, now),
        nombres=(nombres["a_venir"], nombres["passes"]),
    )
    page_obj = Paginator(liste, par_page).get_page(numero)
    a_venir = [e for e in page_obj.object_list if est_a_venir(e, now)]
    passes = [e for e in page_obj.object_list if not est_a_venir(e, now)]
    return page_obj, a_venir, grouper_par_annee(passes)


# --- Filters ---------------------------------------------------------------------------------------

def lire_mois(valeur):
    """(year, month) from "2026-09", or None for anything else (a bad URL shows everything, not a 500)."""
    match = MOIS_RE.match(valeur or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def filtrer_evenements(queryset, type_evenement="", thematique="", partenaire="", mois=""):
    """Apply the agenda's filters (GET values, already stripped); unknown values filter nothing out."""
    from agenda.models.evenements import TypeEvenement

    if type_evenement in TypeEvenement.values:
        queryset = queryset.filter(type_evenement=type_evenement)
    if thematique:
        queryset = queryset.filter(thematiques__slug=thematique)
    if partenaire:
        queryset = queryset.filter(partenaires__slug=partenaire)
    annee_mois = lire_mois(mois)
    if annee_mois:
        # An event is "in" a month if it runs during part of it (a two-day event across months shows in both).
        tz = timezone.get_default_timezone()
        annee, numero = annee_mois
        debut_mois = datetime.datetime(annee, numero, 1, tzinfo=tz)
        suivant = datetime.datetime(annee + numero // 12, numero % 12 + 1, 1, tzinfo=tz)
        queryset = queryset.filter(debut__lt=suivant, fin__gte=debut_mois)
    return queryset.distinct() if (thematique or partenaire) else queryset


def filtrer_actualites(queryset, thematique=""):
    if thematique:
        queryset = queryset.filter(thematiques__slug=thematique).distinct()
    return queryset.order_by("-date_publication", "-first_published_at", "-pk")


def page_actualites(queryset, numero, par_page=ACTUALITES_PAR_PAGE):
    return Paginator(queryset, par_page).get_page(numero)


def parametres_filtres(valeurs, noms):
    """The non-empty filters among `noms` as a querystring fragment for the pagination links."""
    from urllib.parse import urlencode

    return urlencode([(nom, valeurs[nom]) for nom in noms if valeurs.get(nom)])


# --- Calendar versions (iCalendar SEQUENCE) --------------------------------------------------------

def changement_significatif(ancien, nouveau):
    """True when a calendar copy of `ancien` is out of date once `nouveau` is published."""
    return any(getattr(ancien, champ) != getattr(nouveau, champ) for champ in CHAMPS_SIGNIFICATIFS)


def sequence_suivante(ancien, nouveau):
    """SEQUENCE of the version being saved.

    A revision carries the counter it had when it was drafted, which may be older than the stored one:
    take the larger, plus one when the change matters to calendars. Never decreases.
    """
    if ancien is None:
        return nouveau.sequence or 0
    base = max(ancien.sequence or 0, nouveau.sequence or 0)
    if not ancien.live and ancien.first_published_at is None:
        return base  # never published: nobody has a copy yet
    return base + 1 if changement_significatif(ancien, nouveau) else base


# --- Home page sections ----------------------------------------------------------------------------

# The home page is the most visited page and these lists change only when an editor publishes: they are
# cached (cleared by the signals in apps.py on every publish/unpublish/delete of a news item or event), so
# the home page costs no query for them most of the time. The time limit bounds how long an event that
# has just ended can still be listed as upcoming.
CLE_CACHE_ACCUEIL = "agenda:accueil:v1"
DUREE_CACHE_ACCUEIL = 300


def sections_accueil(nombre=3):
    """{"actualites": [...], "evenements": [...]} for the home page, from the cache when possible."""
    from django.core.cache import cache

    sections = cache.get(CLE_CACHE_ACCUEIL)
    if sections is None:
        sections = {"actualites": dernieres_actualites(nombre), "evenements": prochains_evenements(nombre)}
        cache.set(CLE_CACHE_ACCUEIL, sections, DUREE_CACHE_ACCUEIL)
    return sections


def vider_cache_accueil(**kwargs):
    from django.core.cache import cache

    cache.delete(CLE_CACHE_ACCUEIL)


def dernieres_actualites(nombre=3):
    """The latest published news, newest first (one query)."""
    from agenda.models import ActualitePage

    return list(filtrer_actualites(ActualitePage.objects.live().public())[:nombre])


def prochains_evenements(nombre=3, now=None):
    """The next upcoming events, soonest first (one query); cancelled ones are left out of the teaser."""
    from agenda.models import EvenementPage

    queryset = EvenementPage.objects.live().public().exclude(statut="annule").select_related("commune")
    return list(evenements_a_venir(queryset, now)[:nombre])
