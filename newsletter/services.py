"""Business rules of subscribing: ask, confirm (double opt-in), preferences, unsubscribe, suppression.

Plain functions used by the public views, the admin, the webhooks and the demo content. Each change of consent
appends a PreuveConsentement; e-mails leave after commit through a background task.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsletter import jetons
from newsletter.consentement import mention
from newsletter.models import Abonne, NatureConsentement, PreuveConsentement, StatutAbonne
from newsletter.models.abonnes import STATUTS_SUPPRIMES
from site_collectivites.courrier.file import mettre_en_file
from site_collectivites.models import CourrielEnFile
from site_collectivites.securite.ratelimit import client_ip, compter

# One confirmation e-mail per address per window: the form cannot be used to flood somebody's mailbox.
FENETRE_CONFIRMATION_SECONDES = 600


def normaliser_email(email):
    return (email or "").strip().lower()


def hacher_ip(ip):
    """A keyed hash of the IP: enough to compare two proofs, useless to find the person."""
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def noter_preuve(abonne, nature, request=None, page_origine="", version=None, details=""):
    version, texte = mention(version)
    return PreuveConsentement.objects.create(
        abonne=abonne,
        nature=nature,
        page_origine=(page_origine or "")[:500],
        version_mention=version if nature in (NatureConsentement.DEMANDE, NatureConsentement.CONFIRMATION) else "",
        texte_mention=texte if nature in (NatureConsentement.DEMANDE, NatureConsentement.CONFIRMATION) else "",
        ip_hachee=hacher_ip(client_ip(request)) if request is not None else "",
        details=details[:2000],
    )


def demander_abonnement(email, thematiques=(), collectivite="", fonction="", request=None, page_origine="",
                        version_mention=None):
    """A person asks to subscribe. Whatever the address's state, the caller shows the same answer (no
    enumeration); what happens behind it:

    - new, pending or unsubscribed address: pending, new confirmation link mailed (the old link dies);
    - confirmed: nothing changes, nothing is sent (the person is already subscribed);
    - bounced or complained: suppressed, never mailed again.
    """
    email = normaliser_email(email)
    with transaction.atomic():
        abonne, cree = Abonne.objects.select_for_update().get_or_create(email=email)
        if not cree and abonne.statut in (StatutAbonne.CONFIRME, *STATUTS_SUPPRIMES):
            return abonne
        abonne.statut = StatutAbonne.EN_ATTENTE
        abonne.collectivite = (collectivite or "").strip()[:200] or abonne.collectivite
        abonne.fonction = (fonction or "").strip()[:150] or abonne.fonction
        abonne.derniere_activite = timezone.now()
        # Counted in the database (securite/ratelimit.py), so that it holds across processes and without Redis.
        envoyer = compter("lettre-confirmation", email, FENETRE_CONFIRMATION_SECONDES) == 1
        if envoyer or not abonne.jeton_confirmation:
            # A new link kills the previous one; within the window the link already mailed stays valid.
            abonne.jeton_confirmation = jetons.nouveau_nonce()
        abonne.save()
        if envoyer:
            mettre_courriel_en_file(abonne, "confirmation")
        if thematiques:
            abonne.thematiques.set(thematiques)
        origine = page_origine or (request.path if request is not None else "")
        noter_preuve(abonne, NatureConsentement.DEMANDE, request, origine, version_mention)
    return abonne


def confirmer(abonne, request=None):
    """The person clicked the button of the confirmation page (a POST). The link then dies."""
    with transaction.atomic():
        abonne = Abonne.objects.select_for_update().get(pk=abonne.pk)
        if abonne.statut in STATUTS_SUPPRIMES:
            return abonne
        maintenant = timezone.now()
        abonne.statut = StatutAbonne.CONFIRME
        abonne.jeton_confirmation = ""
        abonne.confirme_le = maintenant
        abonne.desabonne_le = None
        abonne.derniere_activite = maintenant
        abonne.relance_le = None
        abonne.save()
        derniere_demande = abonne.preuves.filter(nature=NatureConsentement.DEMANDE).order_by("-le", "-pk").first()
        noter_preuve(
            abonne, NatureConsentement.CONFIRMATION, request,
            derniere_demande.page_origine if derniere_demande else "",
            derniere_demande.version_mention if derniere_demande else None,
        )
    return abonne


def modifier_preferences(abonne, thematiques, collectivite="", fonction="", request=None):
    with transaction.atomic():
        abonne.collectivite = (collectivite or "").strip()[:200]
        abonne.fonction = (fonction or "").strip()[:150]
        abonne.derniere_activite = timezone.now()
        abonne.save(update_fields=["collectivite", "fonction", "derniere_activite", "modifie_le"])
        abonne.thematiques.set(thematiques)
        noms = ", ".join(t.nom for t in thematiques) or "toutes"
        noter_preuve(abonne, NatureConsentement.PREFERENCES, request, details=f"Thématiques : {noms}")
    return abonne


def renouveler(abonne, request=None):
    """An inactive subscriber answers the renewal e-mail: stays subscribed for three more years."""
    with transaction.atomic():
        abonne.derniere_activite = timezone.now()
        abonne.relance_le = None
        abonne.save(update_fields=["derniere_activite", "relance_le", "modifie_le"])
        noter_preuve(abonne, NatureConsentement.RENOUVELLEMENT, request)
    return abonne


def desabonner(abonne, request=None, origine="lien"):
    """Unsubscribe at once (page button, one-click POST of the mail client, ESP event). Twice changes nothing.
    The latest issue sent to the person counts the unsubscription in its figures."""
    from newsletter.models import Remise, StatutRemise

    with transaction.atomic():
        abonne = Abonne.objects.select_for_update().get(pk=abonne.pk)
        if abonne.statut != StatutAbonne.CONFIRME and abonne.statut != StatutAbonne.EN_ATTENTE:
            return abonne
        abonne.statut = StatutAbonne.DESABONNE
        abonne.desabonne_le = timezone.now()
        abonne.jeton_confirmation = ""
        abonne.save(update_fields=["statut", "desabonne_le", "jeton_confirmation", "modifie_le"])
        derniere = Remise.objects.filter(abonne=abonne, statut=StatutRemise.ENVOYEE).order_by("-envoyee_le").first()
        if derniere:
            Remise.objects.filter(pk=derniere.pk).update(desabonnement=True)
        noter_preuve(abonne, NatureConsentement.DESABONNEMENT, request, details=f"Origine : {origine}")
    return abonne


def supprimer_adresse(abonne, statut, details=""):
    """Hard bounce or complaint: the address is never mailed again (kept as a suppression entry)."""
    Abonne.objects.filter(pk=abonne.pk).update(statut=statut, jeton_confirmation="", modifie_le=timezone.now())
    noter_preuve(abonne, NatureConsentement.DESABONNEMENT, details=details or f"Statut : {statut}")


def abonne_par_jeton(jeton):
    """The subscriber of a personal link, or None."""
    if not jeton or len(jeton) > 64:
        return None
    return Abonne.objects.filter(jeton=jeton).first()


def mettre_courriel_en_file(abonne, nature):
    """Queue the subscriber's transactional e-mail `nature` (confirmation or renewal) in the site's outbox, in the
    caller's transaction (site_collectivites/courrier/): sent after commit, retried, never lost."""
    from newsletter.courriels import message_abonne

    natures = {"confirmation": CourrielEnFile.Nature.LETTRE_CONFIRMATION,
               "renouvellement": CourrielEnFile.Nature.LETTRE_RENOUVELLEMENT}
    return mettre_en_file(message_abonne(abonne, nature), natures[nature])
