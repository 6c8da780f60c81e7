"""What waits for the coordination this morning (#20 item 6), and for a partner's agent its share of it: the
figures of the admin home's panel, each with the filtered list it links to. Plain functions; five queries.

- demandes to route: received or under analysis, assigned to no partner yet (coordination only);
- assignments waiting for an answer beyond the reminder delay (DEMANDES_RELANCE_JOURS), by partner;
- the demandes' e-mails abandoned after their retries (coordination only: the outbox is theirs);
- the requesters' comments of the week (their answer to « utile ? », demandes/demandeur.py): all of them for
  the coordination, those about the demandes its partner followed for an agent (acces.filtrer_avis).
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from site_collectivites.models import CourrielEnFile

from .acces import est_coordination, filtrer_affectations, filtrer_avis
from .models import Affectation, CourrielDemande, Demande, Statut, StatutAffectation


def _liste(nom, **filtres):
    return reverse(nom) + ("?" + urlencode(filtres) if filtres else "")


def matinee(user):
    """{"a_orienter": (n, url) or None, "en_attente": [(partenaire, n, url)], "delai": days,
    "courriels_abandonnes": (n, url) or None} for `user` (None where it is not theirs to see)."""
    coordination = est_coordination(user)
    delai = settings.DEMANDES_RELANCE_JOURS
    limite = timezone.now() - timedelta(days=delai)
    attente = (filtrer_affectations(user).filter(statut=StatutAffectation.A_TRAITER, statut_modifie_le__lte=limite)
               .values("partenaire", "partenaire__nom", "partenaire__sigle").annotate(n=Count("pk"))
               .order_by("-n", "partenaire__nom"))
    resultat = {
        "delai": delai,
        "en_attente": [((ligne["partenaire__sigle"] or ligne["partenaire__nom"]), ligne["n"],
                        _liste("demandes:index", partenaire=ligne["partenaire"], statut=Statut.ORIENTEE))
                       for ligne in attente],
        "a_orienter": None,
        "courriels_abandonnes": None,
        "autres_courriels_abandonnes": None,
        "commentaires": commentaires_de_la_semaine(user),
    }
    if coordination:
        sans_partenaire = Demande.objects.filter(statut__in=[Statut.RECUE, Statut.ANALYSE]).exclude(
            Exists(Affectation.objects.filter(demande=OuterRef("pk"))))
        resultat["a_orienter"] = (sans_partenaire.count(), _liste("demandes:index", statut=Statut.RECUE))
        abandonnes = CourrielDemande.objects.filter(etat=CourrielDemande.Etat.ABANDONNE).count()
        resultat["courriels_abandonnes"] = (abandonnes, _liste("courrieldemande:index", etat=CourrielDemande.Etat.ABANDONNE))
        # The site's other e-mails (registrations, newsletter confirmations, reminders, password resets).
        autres = CourrielEnFile.objects.filter(etat=CourrielEnFile.Etat.ABANDONNE).count()
        resultat["autres_courriels_abandonnes"] = (autres, _liste("courriels_en_file:index", etat=CourrielEnFile.Etat.ABANDONNE))
    return resultat


def commentaires_de_la_semaine(user):
    """(n, url of the demandes so filtered, [(reference, answer, comment, url of the demande)]) of the last 7 days."""
    avis = list(filtrer_avis(user).filter(repondu_le__gte=timezone.now() - timedelta(days=7))
                .exclude(commentaire="").select_related("demande").order_by("-repondu_le"))
    return (len(avis), _liste("demandes:index", avis="semaine"),
            [(a.demande.reference, a.get_reponse_display(), a.commentaire,
              reverse("demandes:inspect", args=[a.demande_id])) for a in avis])
