"""The status of a financial aid, derived from its calendar (never typed by an editor).

Rules (today is a parameter so the boundaries can be tested):
- a permanent aid is always open;
- an aid with a deadline (date limite, or the closing date of a call for projects) is
  "clôturée" the day after that date, "clôture proche" from JOURS_CLOTURE_PROCHE days before it
  up to and including the day itself, "ouverte" before;
- a call for projects whose opening date is still to come is "à venir" (whatever its closing date).

`q_statut()` expresses the same rules as database filters: the listing's index reads each aid's status of the
day from PostgreSQL (offres/filtres_aides.py); tests check that both agree around every boundary.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

JOURS_CLOTURE_PROCHE = 30

PERMANENT = "permanent"
DATE_LIMITE = "date_limite"
APPEL_A_PROJETS = "appel_a_projets"

OUVERTE = "ouverte"
CLOTURE_PROCHE = "cloture_proche"
A_VENIR = "a_venir"
CLOTUREE = "cloturee"

# Display order of the status facet; the default view shows every status but the last.
LIBELLES_STATUT = {
    OUVERTE: "Ouverte",
    CLOTURE_PROCHE: "Clôture proche",
    A_VENIR: "À venir",
    CLOTUREE: "Clôturée",
}
STATUTS_PAR_DEFAUT = (OUVERTE, CLOTURE_PROCHE, A_VENIR)


def echeance(calendrier, date_limite=None, date_cloture=None):
    """The date after which the aid is closed, or None for a permanent aid."""
    if calendrier == DATE_LIMITE:
        return date_limite
    if calendrier == APPEL_A_PROJETS:
        return date_cloture
    return None


def statut(calendrier, date_limite=None, date_ouverture=None, date_cloture=None, today=None):
    today = today or timezone.localdate()  # the Département's day (TIME_ZONE), not the server's
    if calendrier == APPEL_A_PROJETS and date_ouverture and date_ouverture > today:
        return A_VENIR
    fin = echeance(calendrier, date_limite, date_cloture)
    if fin is None:
        return OUVERTE
    if fin < today:
        return CLOTUREE
    if (fin - today).days <= JOURS_CLOTURE_PROCHE:
        return CLOTURE_PROCHE
    return OUVERTE


def q_statut(valeur, today=None):
    """A Q on AidePage selecting the aids whose derived status is `valeur` (same rules as statut())."""
    today = today or timezone.localdate()  # the Département's day (TIME_ZONE), not the server's
    proche = today + datetime.timedelta(days=JOURS_CLOTURE_PROCHE)
    a_venir = Q(calendrier=APPEL_A_PROJETS, date_ouverture__gt=today)
    date_fin = {
        "lt": Q(calendrier=DATE_LIMITE, date_limite__lt=today) | Q(calendrier=APPEL_A_PROJETS, date_cloture__lt=today),
        "proche": Q(calendrier=DATE_LIMITE, date_limite__gte=today, date_limite__lte=proche)
        | Q(calendrier=APPEL_A_PROJETS, date_cloture__gte=today, date_cloture__lte=proche),
        "loin": Q(calendrier=DATE_LIMITE, date_limite__gt=proche) | Q(calendrier=APPEL_A_PROJETS, date_cloture__gt=proche),
    }
    if valeur == A_VENIR:
        return a_venir
    if valeur == CLOTUREE:
        return date_fin["lt"] & ~a_venir
    if valeur == CLOTURE_PROCHE:
        return date_fin["proche"] & ~a_venir
    if valeur == OUVERTE:
        # An incomplete calendar (no date where one is expected) is treated as permanent: never hidden.
        sans_date = Q(calendrier=DATE_LIMITE, date_limite__isnull=True) | Q(
            calendrier=APPEL_A_PROJETS, date_cloture__isnull=True
        )
        return (Q(calendrier=PERMANENT) | date_fin["loin"] | sans_date) & ~a_venir
    raise ValueError(valeur)
