"""Every e-mail the site sends, read as a mail client without HTML shows it: its plain-text part is French text,
never a Python repr or template syntax, and says what its HTML part says."""

import datetime
import re
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from agenda import inscriptions
from demandes.models import CourrielDemande
from demandes.relances import envoyer_relances
from demandes.taches import envoyer_dus
from newsletter.courriels import message_lettre, rendre_lettre
from tests.agenda.factories import ActualiteIndexPageFactory, ActualitePageFactory, EvenementInscriptionFactory
from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.factories import PartenaireFactory, ThematiqueFactory, TypePrestationFactory
from tests.newsletter.factories import AbonneFactory, NewsletterIndexPageFactory, NewsletterPageFactory

pytestmark = pytest.mark.django_db

# What a person must never read in a text part: the repr of a queryset, a model instance, an object, a list or
# a dict, a Python constant where a value was expected, template syntax, HTML tags or escaped characters.
INTERDITS = [
    (re.compile(r"<QuerySet"), "repr de QuerySet"),
    (re.compile(r"<[A-Z]\w*: "), "repr d'instance de modèle"),
    (re.compile(r"object at 0x"), "repr d'objet"),
    (re.compile(r"\bNone\b|\bTrue\b|\bFalse\b"), "constante Python"),
    (re.compile(r"\[\s*(<|'|\"|\]|\d|\{)|:\s*\[|\{'"), "repr de liste ou de dictionnaire"),
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "syntaxe de gabarit"),
    (re.compile(r"</?[a-z][a-z0-9]*[\s>/]"), "balise HTML"),
    (re.compile(r"&(#x?[0-9a-f]+|[a-z]+);", re.I), "caractère échappé"),
]


def defauts(texte):
    return [(nom, m.group(0)) for motif, nom in INTERDITS for m in [motif.search(texte)] if m]


def texte_du_html(message):
    """What the HTML part shows: its text without tags, entities decoded, white space collapsed."""
    (html, type_mime), = message.alternatives
    assert type_mime == "text/html"
    return " ".join(unescape(strip_tags(html)).split())


def verifier(message, *valeurs):
    """The text part is clean, and each value shows in both parts."""
    assert not defauts(message.body), (message.subject, defauts(message.body), message.body)
    html = texte_du_html(message)
    for valeur in valeurs:
        assert valeur in message.body, (message.subject, valeur, message.body)
        assert valeur in html, (message.subject, valeur, html)


@pytest.fixture
def thematiques(db):
    return [ThematiqueFactory(nom="Énergie"), ThematiqueFactory(nom="Eau et environnement")]


def test_the_check_itself_finds_what_the_text_parts_must_not_show():
    for mauvais in ("Thématiques : <QuerySet [<Thematique: Énergie>]>", "Canton : None", "Pièces : []",
                    "<app.Objet object at 0x7f3a>", "Lien : {{ url }}", "l&#x27;école", "<p>Bonjour</p>",
                    "Thématiques : ['Énergie']"):
        assert defauts(mauvais), mauvais
    for bon in ("[Image : Vue du Vercors]", "Thématiques : Énergie, Eau et environnement", "Budget estimé : 250000 €",
                "Demande DEM-2026-00042 – l'école", "Réponse : oui (3 personnes)"):
        assert not defauts(bon), bon


def test_demande_acknowledgement_notification_and_assignment(home, thematiques):
    sded = PartenaireFactory(nom="Territoire d'énergie Drôme – SDED", email_contact="sded@example.org")
    demande = DemandeFactory(
        titre="Rénovation de l'école", thematiques=thematiques, type_prestation=TypePrestationFactory(nom="AMO"),
        partenaire_destinataire=sded, territoire_population=950, budget=250000, calendrier="Été 2027",
        telephone="04 75 21 51 05",
    )
    for nature, destinataire in (("accuse_reception", demande.email), ("notification", "sded@example.org"),
                                 ("affectation", "sded@example.org")):
        CourrielDemande.objects.create(demande=demande, nature=nature, destinataire=destinataire)
    assert envoyer_dus() == 3
    accuse, notification, affectation = sorted(mail.outbox, key=lambda m: ("reçue" not in m.subject, m.subject))
    for message in (accuse, notification, affectation):
        verifier(message, demande.reference, "Rénovation de l'école", "Thématiques : Énergie, Eau et environnement")
    verifier(accuse, "Territoire d'énergie Drôme – SDED reçoit votre demande")
    verifier(notification, "Canton : Crest", "EPCI : CC du Crestois", "Téléphone : 04 75 21 51 05")
    assert "Budget estimé : 250000 €" in notification.body and "Calendrier : Été 2027" in notification.body


def test_the_requesters_step_e_mails(home, thematiques):
    sded = PartenaireFactory(nom="Territoire d'énergie Drôme – SDED", email_contact="sded@example.org",
                             telephone="04 75 00 00 00", site_web="")
    demande = DemandeFactory(titre="Rénovation de l'école", thematiques=thematiques, statut="close")
    AffectationFactory(demande=demande, partenaire=sded, statut="terminee",
                       message_au_demandeur="L'étude vous a été remise.")
    for nature in ("orientation", "debut_accompagnement", "cloture"):
        CourrielDemande.objects.create(demande=demande, nature=nature, destinataire=demande.email)
    assert envoyer_dus() == 3
    for message in mail.outbox:
        verifier(message, demande.reference, "Rénovation de l'école")
        assert "/suivi-demande/" in message.body and "/suivi-demande/" in message.alternatives[0][0]
    orientation, debut, cloture = sorted(mail.outbox, key=lambda m: ("confiée" not in m.subject, "close" in m.subject))
    verifier(orientation, "Territoire d'énergie Drôme – SDED", "Téléphone : 04 75 00 00 00")
    verifier(cloture, "L'étude vous a été remise.", "Très utile", "Pas utile")
    assert "Site :" not in orientation.body


def test_grouped_assignment(home, thematiques):
    sded = PartenaireFactory(nom="SDED", email_contact="sded@example.org")
    demandes = [DemandeFactory(titre="Éclairage public", thematiques=thematiques),
                DemandeFactory(titre="Rénovation de l'école", territoire_canton="")]
    courriel = CourrielDemande.objects.create(demande=demandes[0], nature="affectation_groupee",
                                              destinataire=sded.email_contact)
    courriel.lot.set(demandes)
    assert envoyer_dus() == 1
    (message,) = mail.outbox
    verifier(message, demandes[0].reference, demandes[1].reference, "Éclairage public", "Rénovation de l'école",
             "Thématiques : Énergie, Eau et environnement", "Thématiques : non précisées", "canton de Crest")


def test_demande_without_optional_values_prints_no_placeholder(home):
    demande = DemandeFactory(territoire_canton="", territoire_epci="", type_collectivite="syndicat",
                             nom_structure="Syndicat des eaux", email="")
    CourrielDemande.objects.create(demande=demande, nature="notification", destinataire="src@example.org")
    envoyer_dus()
    (notification,) = mail.outbox
    verifier(notification, "Syndicat des eaux", "je ne sais pas")
    assert "Canton" not in notification.body and "Offre" not in notification.body


def test_partner_reminder(home, thematiques, django_capture_on_commit_callbacks):
    sded = PartenaireFactory(nom="SDED", email_contact="sded@example.org")
    affectation = AffectationFactory(partenaire=sded, statut_modifie_le=timezone.now() - datetime.timedelta(days=12),
                                     demande=DemandeFactory(titre="Éclairage public", thematiques=thematiques))
    with django_capture_on_commit_callbacks(execute=True):
        assert envoyer_relances(10) == (1, 0)
    (relance,) = mail.outbox
    verifier(relance, affectation.demande.reference, "Éclairage public", "en attente depuis 12 jours")


def test_registration_confirmation_waiting_list_and_promotion_after_a_cancellation(
        home, django_capture_on_commit_callbacks):
    from tests.agenda.factories import AgendaIndexPageFactory

    organisateur = PartenaireFactory(nom="Service relations collectivités", email_contact="src@example.org")
    evenement = EvenementInscriptionFactory(parent=AgendaIndexPageFactory(parent=home), capacite=1,
                                            title="Rencontre des secrétaires de mairie")
    evenement.partenaires.set([organisateur])
    evenement.save()
    personne = {"prenom": "Alex", "fonction": "Maire", "autre_structure": "Syndicat mixte", "nombre_personnes": 1}
    with django_capture_on_commit_callbacks(execute=True):
        premiere = inscriptions.inscrire(evenement, nom="Alpha", email="alpha@example.org", **personne)
        inscriptions.inscrire(evenement, nom="Bravo", email="bravo@example.org", **personne)
    with django_capture_on_commit_callbacks(execute=True):
        inscriptions.annuler(premiere)
    confirmation, attente, annulation, promotion = mail.outbox
    assert annulation.to == [premiere.email] and "est annulée" in annulation.body
    for message in (confirmation, attente, annulation, promotion):
        verifier(message, "Rencontre des secrétaires de mairie", evenement.dates_texte, "Salle des fêtes de Crest",
                 "Syndicat mixte", "Service relations collectivités")
    verifier(attente, "(position 1)")


def test_newsletter_confirmation_and_renewal(home, thematiques, django_capture_on_commit_callbacks):
    from newsletter.services import mettre_courriel_en_file

    en_attente = AbonneFactory(email="nouvelle@commune.example", statut="en_attente", jeton_confirmation="n" * 20)
    ancien = AbonneFactory(email="ancien@commune.example")
    ancien.thematiques.set(thematiques)
    with django_capture_on_commit_callbacks(execute=True):
        mettre_courriel_en_file(en_attente, "confirmation")
        mettre_courriel_en_file(ancien, "renouvellement")
    assert len(mail.outbox) == 2
    confirmation = next(m for m in mail.outbox if m.to == [en_attente.email])
    renouvellement = next(m for m in mail.outbox if m.to == [ancien.email])
    verifier(confirmation, en_attente.email)
    verifier(renouvellement, ancien.email)


def test_newsletter_issue_with_every_kind_of_block(home, thematiques):
    actualites = ActualiteIndexPageFactory(parent=home)
    actualite = ActualitePageFactory(parent=actualites, title="Chantier de la RD 93 terminé")
    actualite.first_published_at = timezone.now() - datetime.timedelta(days=2)
    actualite.save()
    image = Image.objects.create(title="Vue du Vercors", file=get_test_image_file(size=(1200, 800)))
    lettre = NewsletterPageFactory(
        parent=NewsletterIndexPageFactory(parent=home), title="Lettre de l'automne",
        date_lettre=timezone.localdate() + datetime.timedelta(days=1), corps=[
            {"type": "texte", "value": "<p>L'hiver approche : <a href=\"/agenda/\">l'agenda</a>.</p>"},
            {"type": "image", "value": {"image": {"image": image.pk, "decorative": False, "alt_text": "Le Vercors"},
                                        "legende": "Le Vercors en automne", "credit": "Département"}},
            {"type": "appel_action", "value": {"titre": "Faites une demande", "texte": "Un seul formulaire.",
                                               "lien": {"page": None, "url": "https://www.ladrome.fr/",
                                                        "libelle": "Ouvrir le formulaire"}}},
            {"type": "derniers_contenus", "value": {"titre": "Les actualités", "nature": "actualites",
                                                    "nombre": 5}},
        ])
    message = message_lettre(rendre_lettre(lettre), "abonne@commune.example", "jeton-de-test")
    verifier(message, "Lettre de l'automne", "L'hiver approche : l'agenda", "Le Vercors en automne – Département",
             "Faites une demande",
             "Ouvrir le formulaire", "Les actualités", "Chantier de la RD 93 terminé")
