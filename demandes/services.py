"""Business rules of a demande's submission: save everything in one transaction, then send e-mails."""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from site_collectivites.models import ParametresSite

from .acces import partenaire_de
from .models import ActionJournal, CourrielDemande, Demande, PieceJointe, Source
from .models.demandes import TypeCollectivite
from .models.references import format_reference, prochain_numero


def figer_territoire(demande):
    """Copy the commune's canton, EPCI and population band into the demande, as they are today."""
    commune = demande.commune
    epci = demande.epci
    if commune is not None and demande.type_collectivite != TypeCollectivite.EPCI:
        canton = commune.canton_principal()
        demande.territoire_insee = commune.insee
        demande.territoire_commune = commune.nom
        demande.territoire_population = commune.population
        demande.territoire_tranche = commune.tranche_population
        demande.territoire_canton_code = canton.code if canton else ""
        demande.territoire_canton = canton.nom if canton else ""
        epci = epci or commune.epci
    if epci is not None:
        demande.territoire_epci_siren = epci.siren
        demande.territoire_epci = epci.nom


def destinataire(demande, thematiques):
    """Who is told of a new demande: the offer's partenaire, else the service of its first thématique."""
    if demande.offre_id and demande.offre.partenaire.email_contact:
        return demande.offre.partenaire
    for thematique in thematiques:
        if thematique.service_referent and thematique.service_referent.email_contact:
            return thematique.service_referent
    return None


def adresse_par_defaut():
    parametres = ParametresSite.objects.first()
    return (parametres.email if parametres else "") or settings.DEFAULT_FROM_EMAIL


def demande_de_la_cle(cle_envoi):
    """The demande already saved under this one-time submission key, or None."""
    return Demande.objects.filter(cle_envoi=cle_envoi).first() if cle_envoi else None


def enregistrer_demande(donnees, pieces_jointes=(), **options):
    """Save a validated demande once per submission key (`donnees["cle_envoi"]`, given by the form); return it.

    The same key sent again — the person retries after an error while the first post was in fact saved, or
    clicks twice — gets the demande already saved under it, and nothing is saved or sent again. Two posts of
    one key at the same instant both miss the lookup; the unique constraint on `Demande.cle_envoi` refuses the
    second insert (its transaction, reference number included, is rolled back) and it gets the first demande.
    The key is random and known only to the browser the form was shown in, so it reveals no one else's demande.
    """
    cle_envoi = donnees.get("cle_envoi", "")
    deja = demande_de_la_cle(cle_envoi)
    if deja is not None:
        return deja
    try:
        return _enregistrer(donnees, pieces_jointes, **options)
    except IntegrityError:
        deja = demande_de_la_cle(cle_envoi)
        if deja is None:
            raise
        return deja


def _enregistrer(donnees, pieces_jointes=(), source=Source.FORMULAIRE, saisie_par=None, partenaires=None,
                 accuse_reception=True):
    """Save a validated demande with its attachments, its assignments and its outbox e-mails; return it.

    `donnees` is a form's cleaned_data. From the public form (`saisie_par` None), the routing target is told
    and, when it is a partenaire, the demande is assigned to it. Typed in the back office, the demande is
    assigned to `partenaires` (each told by e-mail unless it is the agent's own). The e-mails leave after
    commit; a failure never loses the demande (the outbox row stays and is retried).
    """
    from .suivi import affecter, journaliser
    from .taches import envoyer_courriels_demande

    thematiques = list(donnees["thematiques"])
    with transaction.atomic():
        maintenant = timezone.localtime()
        numero = prochain_numero(maintenant.year)
        demande = Demande(
            reference=format_reference(maintenant.year, numero),
            annee=maintenant.year,
            cree_le=maintenant,
            source=source,
            cree_par=saisie_par,
            cle_envoi=donnees.get("cle_envoi", ""),
            # The secret of the requester's private link (demandes/demandeur.py).
            cle_suivi=secrets.token_urlsafe(32),
            type_collectivite=donnees["type_collectivite"],
            commune=donnees.get("commune"),
            epci=donnees.get("epci") if donnees["type_collectivite"] == TypeCollectivite.EPCI else None,
            nom_structure=donnees.get("nom_structure", "").strip(),
            nom=donnees["nom"],
            prenom=donnees["prenom"],
            fonction=donnees["fonction"],
            fonction_autre=donnees.get("fonction_autre", "").strip(),
            email=donnees.get("email", ""),
            telephone=donnees.get("telephone", ""),
            titre=donnees["titre"].strip(),
            type_prestation=donnees.get("type_prestation"),
            offre=donnees.get("offre"),
            description=donnees["description"].strip(),
            calendrier=donnees.get("calendrier", "").strip(),
            budget=donnees.get("budget"),
        )
        if demande.type_collectivite == TypeCollectivite.EPCI:
            demande.commune = None
        figer_territoire(demande)
        demande.partenaire_destinataire = destinataire(demande, thematiques)
        # The acknowledgement (or the person who typed the demande in) already says who receives it: the
        # orientation of the creation is not told again by e-mail (demandes/demandeur.py).
        orientee_vers = [demande.partenaire_destinataire] if saisie_par is None else list(partenaires or [])
        demande.orientation_annoncee = ",".join(sorted({str(p.pk) for p in orientee_vers if p is not None},
                                                       key=int))
        demande.save()
        demande.thematiques.set(thematiques)
        for fichier in pieces_jointes:
            PieceJointe.objects.create(
                demande=demande, fichier=fichier, nom_original=fichier.name[:255],
                type_mime=getattr(fichier, "type_detecte", ""), taille=fichier.size,
            )
        courriels = []
        if accuse_reception and demande.email:
            courriels.append(CourrielDemande(
                demande=demande, nature=CourrielDemande.Nature.ACCUSE_RECEPTION, destinataire=demande.email
            ))
        if saisie_par is None:
            journaliser(demande, None, ActionJournal.CREATION, "Demande reçue par le formulaire du site.")
            notifie = demande.partenaire_destinataire
            courriels.append(CourrielDemande(
                demande=demande, nature=CourrielDemande.Nature.NOTIFICATION,
                destinataire=notifie.email_contact if notifie else adresse_par_defaut(),
            ))
            partenaires = [notifie] if notifie else []
        else:
            journaliser(demande, saisie_par, ActionJournal.CREATION,
                        f"Demande saisie dans l'espace d'administration (source : {demande.get_source_display()}).")
        CourrielDemande.objects.bulk_create(courriels)
        partenaire_agent = partenaire_de(saisie_par) if saisie_par else None
        for partenaire in partenaires or []:
            # The form's routing target already has its notification; an agent does not e-mail itself.
            notifier = saisie_par is not None and partenaire != partenaire_agent
            affecter(demande, partenaire, saisie_par, notifier=notifier, envoyer_apres=False)
        transaction.on_commit(lambda: envoyer_courriels_demande.enqueue(demande.pk))
    return demande
