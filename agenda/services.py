"""Business rules of the agenda and the news, as plain functions (views and templates only call them).

Every rule that depends on the current time takes `now` as a parameter, so tests freeze time by passing
a fixed datetime instead of patching the clock.
"""

import datetime
import re
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.formats import date_format

from site_collectivites.cache import par_generation
from site_collectivites.cache.facettes import (
    IndexFacettes,
    OptionIndex,
    options_de,
    paires_par_page,
)
from site_collectivites.cache.requetes import valeurs_utilisees

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


def page_agenda(evenements, numero, now=None, par_page=EVENEMENTS_PAR_PAGE):
    """One page of the agenda: upcoming events (soonest first) then past ones (newest first).

    `evenements`: the listing's events in start order (debut, pk), as pages or EvenementIndexe. Returns
    (page_obj, upcoming events of this page, [(year, past events of this page)]).
    """
    now = now or timezone.now()
    a_venir, passes = [], []
    for evenement in evenements:
        (a_venir if est_a_venir(evenement, now) else passes).append(evenement)
    passes.reverse()  # newest first: (-debut, -pk)
    page_obj = Paginator(a_venir + passes, par_page).get_page(numero)
    return (
        page_obj,
        [e for e in page_obj.object_list if est_a_venir(e, now)],
        grouper_par_annee([e for e in page_obj.object_list if not est_a_venir(e, now)]),
    )


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
        debut_mois, suivant = bornes_du_mois(*annee_mois)
        queryset = queryset.filter(debut__lt=suivant, fin__gte=debut_mois)
    return queryset.distinct() if (thematique or partenaire) else queryset


def bornes_du_mois(annee, numero):
    """The first instant of the month and of the next one, in Paris time. An event is "in" a month if it runs
    during part of it (debut < next month, fin >= first instant): a two-day event across months shows in both."""
    tz = timezone.get_default_timezone()
    return (datetime.datetime(annee, numero, 1, tzinfo=tz),
            datetime.datetime(annee + numero // 12, numero % 12 + 1, 1, tzinfo=tz))


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


# --- The listings' indexes, kept per generation of the page cache ---------------------------------------
#
# Which events or news a listing shows, in which order, for which filter values changes only when something is
# published (site_collectivites/cache/par_generation.py); a request then reads its page of ids from the index and
# only the cards of that page (site_collectivites/cache/cartes.py), whatever the number of events or news. Upcoming
# and past are decided at each request from the events' end (est_a_venir): the index holds no "now".

class EvenementIndexe(NamedTuple):
    """What the agenda needs of an event to filter, split and order it (plain data: no model instance)."""

    pk: int
    debut: datetime.datetime
    fin: datetime.datetime


@dataclass
class IndexAgenda:
    facettes: IndexFacettes  # the events in start order (debut, pk), by type, thématique and partner
    evenements: dict  # pk -> EvenementIndexe
    mois: list  # the months events start in, newest first: [("2026-09", "Septembre 2026")]


def construire_index_agenda(evenements):
    """The index of `evenements` (the live, public events of one agenda)."""
    from agenda.models.evenements import TypeEvenement
    from site_collectivites.taxonomie.models import Partenaire, Thematique

    lignes = list(evenements.order_by("debut", "pk").values_list("pk", "debut", "fin"))
    return IndexAgenda(
        facettes=IndexFacettes.construire(
            [pk for pk, _debut, _fin in lignes],
            {
                "type": evenements.order_by().values_list("pk", "type_evenement"),
                "thematique": paires_par_page(evenements, "thematiques"),
                "partenaire": paires_par_page(evenements, "partenaires"),
            },
            {
                "type": [OptionIndex(valeur, libelle) for valeur, libelle in TypeEvenement.choices],
                "thematique": options_de(valeurs_utilisees(Thematique, evenements, "thematiques")),
                "partenaire": options_de(valeurs_utilisees(Partenaire, evenements, "partenaires")),
            },
        ),
        evenements={pk: EvenementIndexe(pk, debut, fin) for pk, debut, fin in lignes},
        mois=[
            (m.strftime("%Y-%m"), date_format(m, "F Y").capitalize())
            for m in evenements.datetimes("debut", "month", order="DESC")
        ],
    )


def index_agenda(agenda):
    """The agenda's index for the current generation (computed at most once per change)."""
    return par_generation.valeur(par_generation.cle("index", "agenda", agenda.pk),
                                 lambda: construire_index_agenda(agenda.evenements()))


def evenements_selectionnes(index, valeurs):
    """The events of the agenda's filters (GET values, already stripped), in start order: the rules of
    filtrer_evenements, answered by the index."""
    from agenda.models.evenements import TypeEvenement

    choisis = {
        "type": [valeurs["type"]] if valeurs.get("type") in TypeEvenement.values else [],
        "thematique": [valeurs["thematique"]] if valeurs.get("thematique") else [],
        "partenaire": [valeurs["partenaire"]] if valeurs.get("partenaire") else [],
    }
    facettes = index.facettes
    evenements = [index.evenements[pk] for pk in facettes.pages(facettes.selection(choisis))]
    annee_mois = lire_mois(valeurs.get("mois"))
    if annee_mois:
        # In UTC, as the events' dates are: comparing with another time zone costs an offset lookup each time.
        debut_mois, suivant = (moment.astimezone(datetime.UTC) for moment in bornes_du_mois(*annee_mois))
        evenements = [e for e in evenements if e.debut < suivant and e.fin >= debut_mois]
    return evenements


def evenements_pour_cartes(pks):
    """The events of `pks` with what their cards show (three queries with pictures): neither the description
    nor the replay."""
    from agenda.models import EvenementPage

    return avec_image(EvenementPage.objects.filter(pk__in=pks).select_related("commune")
                      .defer_streamfields().defer("replay_transcription"))


def avec_image(pages):
    """`pages` (news or events) with their picture and its renditions: two queries whatever their number (none
    when no page has a picture)."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    return pages.prefetch_related(Prefetch("image", queryset=get_image_model().objects.prefetch_renditions()))


def construire_index_actualites(actualites):
    """The index of `actualites` (the live, public news of one listing), newest first, by thématique."""
    from site_collectivites.taxonomie.models import Thematique

    return IndexFacettes.construire(
        list(filtrer_actualites(actualites).values_list("pk", flat=True)),
        {"thematique": paires_par_page(actualites, "thematiques")},
        {"thematique": options_de(valeurs_utilisees(Thematique, actualites, "thematiques"))},
    )


def index_actualites(liste):
    """The news listing's index for the current generation (computed at most once per change)."""
    return par_generation.valeur(par_generation.cle("index", "actualites", liste.pk),
                                 lambda: construire_index_actualites(liste.actualites()))


def actualites_selectionnees(index, thematique=""):
    """The ids of the news of `thematique` (all without one), newest first: the rule of filtrer_actualites."""
    return index.pages(index.selection({"thematique": [thematique] if thematique else []}))


def actualites_pour_cartes(pks):
    """The news of `pks` with what their cards show (three queries): the picture's renditions, the thématiques,
    not the body."""
    from django.db.models import Prefetch

    from agenda.models import ActualitePage
    from site_collectivites.taxonomie.models import Thematique

    return avec_image(ActualitePage.objects.filter(pk__in=pks).defer_streamfields()).prefetch_related(
        Prefetch("thematiques", queryset=Thematique.objects.all()),
    )


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
# Rendered as HTML once per generation of the page cache and per five minutes for the home page, by the top
# floor (portail/accueil.py): plain queries here.


def sections_accueil(nombre=3):
    """{"actualites": [...], "evenements": [...]} for the home page."""
    return {"actualites": dernieres_actualites(nombre), "evenements": prochains_evenements(nombre)}


def dernieres_actualites(nombre=3):
    """The latest published news, newest first, with their pictures (one query, two more with pictures)."""
    from agenda.models import ActualitePage

    return list(avec_image(filtrer_actualites(ActualitePage.objects.live().public()))[:nombre])


def prochains_evenements(nombre=3, now=None):
    """The next upcoming events, soonest first, with their pictures (one query, two more with pictures);
    cancelled ones are left out of the teaser."""
    from agenda.models import EvenementPage

    queryset = EvenementPage.objects.live().public().exclude(statut="annule").select_related("commune")
    return list(avec_image(evenements_a_venir(queryset, now))[:nombre])
