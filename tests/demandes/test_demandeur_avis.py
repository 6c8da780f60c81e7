"""« Cet accompagnement vous a-t-il été utile ? » (#20 item 3): asked by the closing e-mail in four links, recorded
by a POST once (a mail scanner's GET records nothing), a second answer shows the first; the comment read by the
coordination and the partner that followed the demande, never another partner; the results in the admin bilan
by partner and thématique, the usefulness rate in the service's measures, the week's comments on the morning
panel."""

import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demandes import demandeur, suivi
from demandes.bilan import service
from demandes.demo import completer_suivi_demandeur
from demandes.models import AvisDemandeur, Statut
from tests.demandes.factories import AffectationFactory, DemandeFactory, compte

LIEN_AVIS = re.compile(r"- (Très utile|Plutôt utile|Peu utile|Pas utile) : https?://[^/\s]+(/suivi-demande/\S+)")


@pytest.fixture
def close(comptes, referentiel, django_capture_on_commit_callbacks):
    """A demande of the SDED closed through the back office; the closing e-mail's answer links by label."""
    demande = DemandeFactory(titre="Chaufferie bois", thematiques=[referentiel["energie"]])
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"], statut="en_cours")
    with django_capture_on_commit_callbacks(execute=True):
        suivi.mettre_a_jour_affectation(affectation, comptes["agent_sded"], "terminee", referentiel["amo"],
                                        message_au_demandeur="Étude remise.")
    (cloture,) = [m for m in mail.outbox if m.to == [demande.email]]
    liens = dict(LIEN_AVIS.findall(cloture.body))
    assert list(liens) == ["Très utile", "Plutôt utile", "Peu utile", "Pas utile"]
    for chemin in liens.values():
        assert chemin.replace("&", "&amp;") in cloture.alternatives[0][0]
    return demande, liens


def test_one_click_then_the_confirmation_records_once(close):
    demande, liens = close
    visiteur = Client()
    # The link's GET (what a mail scanner does) records nothing; it shows the answer chosen and the comment box.
    page = visiteur.get(liens["Plutôt utile"])
    assert page.status_code == 200 and not AvisDemandeur.objects.exists()
    assert page["Cache-Control"] == "no-store, private" and page["Referrer-Policy"] == "no-referrer"
    soupe = BeautifulSoup(page.content.decode(), "html.parser")
    assert soupe.find("input", {"value": "plutot_utile"}).has_attr("checked")
    reponse = visiteur.post(liens["Plutôt utile"], {"reponse": "plutot_utile",
                                                    "commentaire": "Bon conseil, un peu lent à venir."})
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 200 and "Merci pour votre réponse" in html
    avis = AvisDemandeur.objects.get()
    assert (avis.demande, avis.reponse, avis.commentaire) == (demande, "plutot_utile", "Bon conseil, un peu lent à venir.")
    # A second answer (another link, another post) shows the first and changes nothing.
    deuxieme = visiteur.post(liens["Pas utile"], {"reponse": "pas_utile", "commentaire": "Finalement non"})
    assert "Vous avez déjà répondu" in unescape(deuxieme.content.decode()) and "Plutôt utile" in deuxieme.content.decode()
    assert "Vous avez déjà répondu" in unescape(visiteur.get(liens["Très utile"]).content.decode())
    assert AvisDemandeur.objects.get().reponse == "plutot_utile"
    # The requester's page shows it.
    page = unescape(visiteur.get(reverse("demandeur:page", args=[demandeur.jeton(demande)])).content.decode())
    assert "Vous avez répondu le" in page and "Étude remise." in page


def test_an_answer_needs_a_closed_demande_and_a_valid_choice(client, db):
    ouverte = DemandeFactory(statut=Statut.ACCOMPAGNEMENT)
    url = reverse("demandeur:avis", args=[demandeur.jeton(ouverte)])
    assert "une fois votre demande close" in unescape(client.post(url, {"reponse": "tres_utile"}).content.decode())
    close = DemandeFactory(statut=Statut.CLOSE)
    url = reverse("demandeur:avis", args=[demandeur.jeton(close)])
    reponse = client.post(url, {"reponse": "genial"})
    assert reponse.status_code == 200 and "Choisissez une réponse." in unescape(reponse.content.decode())
    assert not AvisDemandeur.objects.exists()
    assert client.get(reverse("demandeur:avis", args=["faux"])).status_code == 404


def test_the_comment_is_read_by_the_coordination_and_that_partner_only(client, comptes, referentiel, close):
    demande, _liens = close
    demandeur.enregistrer_avis(demande, "tres_utile", "Merci à Julien pour sa réactivité.")
    inspect = reverse("demandes:inspect", args=[demande.pk])
    for qui in ("coordination", "agent_sded"):
        client.force_login(comptes[qui])
        html = unescape(client.get(inspect).content.decode())
        assert "Très utile" in html and "Merci à Julien pour sa réactivité." in html
    # Another partner's agent: the demande itself is refused.
    from tests.demandes.test_suivi_acces import refuse

    client.force_login(comptes["agent_src"])
    assert refuse(client, client.get(inspect))
    # A partner that declined its part of the demande sees the demande, never the comment.
    AffectationFactory(demande=demande, partenaire=referentiel["service"], statut="declinee", motif="Hors champ")
    html = unescape(client.get(inspect).content.decode())
    assert demande.reference in html and "Merci à Julien" not in html


def test_results_by_partner_thematique_and_year_in_the_admin_bilan(client, comptes, referentiel):
    annee = timezone.localdate().year
    for reponse, partenaire in (("tres_utile", "sded"), ("plutot_utile", "sded"), ("pas_utile", "sded"),
                                ("peu_utile", "service")):
        demande = DemandeFactory(statut=Statut.CLOSE, thematiques=[referentiel["energie"]])
        AffectationFactory(demande=demande, partenaire=referentiel[partenaire], statut="terminee")
        demandeur.enregistrer_avis(demande, reponse)
    mesures = service.mesurer(annee)
    assert (mesures["avis"], mesures["taux_utilite"]) == (4, 50.0)
    assert service.mesurer(annee, partenaire=referentiel["sded"])["taux_utilite"] == 66.7
    resultats = service.utilite(annee)
    assert {l["nom"]: (l["reponses"], l["taux"]) for l in resultats["partenaires"]} == {
        "SDED": ([1, 1, 0, 1], 66.7), "SRC": ([0, 0, 1, 0], 0.0)}
    assert [(l["nom"], l["total"]) for l in resultats["thematiques"]] == [("Énergie", 4)]
    assert service.utilite(annee - 1)["total"]["total"] == 0

    client.force_login(comptes["coordination"])
    html = unescape(client.get(reverse("bilan_tableau"), {"annee": annee}).content.decode())
    assert "Cet accompagnement vous a-t-il été utile ?" in html and "SDED" in html and "SRC" in html
    assert "des demandeurs jugent l'accompagnement très ou plutôt utile" in html
    # A partner's agent sees its own partner's line only, whatever the URL says.
    client.force_login(comptes["agent_src"])
    reponse = client.get(reverse("bilan_tableau"), {"annee": annee, "service": referentiel["sded"].pk})
    soupe = BeautifulSoup(reponse.content.decode(), "html.parser")
    lignes = [th.get_text(strip=True) for th in soupe.select(".bilan-utilite table:first-of-type tbody th")]
    assert lignes == ["SRC", "Ensemble"]
    # Anyone else: refused.
    client.force_login(comptes["redacteur"])
    assert client.get(reverse("bilan_tableau")).status_code == 403


def test_the_weeks_comments_on_the_morning_panel_scoped_for_an_agent(client, comptes, referentiel):
    sded = DemandeFactory(statut=Statut.CLOSE)
    AffectationFactory(demande=sded, partenaire=referentiel["sded"], statut="terminee")
    demandeur.enregistrer_avis(sded, "peu_utile", "Réponse trop tardive.")
    src = DemandeFactory(statut=Statut.CLOSE)
    AffectationFactory(demande=src, partenaire=referentiel["service"], statut="terminee")
    demandeur.enregistrer_avis(src, "tres_utile", "Parfait.")
    ancien = DemandeFactory(statut=Statut.CLOSE)
    AffectationFactory(demande=ancien, partenaire=referentiel["sded"], statut="terminee")
    AvisDemandeur.objects.create(demande=ancien, reponse="tres_utile", commentaire="Il y a longtemps",
                                 repondu_le=timezone.now() - timezone.timedelta(days=9))

    def panneau(user):
        client.force_login(user)
        soupe = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
        return soupe.find(id="matinee-content")

    section = panneau(comptes["coordination"])
    lien = next(a for a in section.select("ul.matinee a") if "commentaire" in a.get_text())
    assert " ".join(lien.get_text().split()) == "2 commentaires des demandeurs cette semaine"
    liste = unescape(client.get(lien["href"]).content.decode())
    assert sded.reference in liste and src.reference in liste and ancien.reference not in liste
    assert "Réponse trop tardive." in section.get_text() and "Il y a longtemps" not in section.get_text()

    section = panneau(comptes["agent_sded"])
    lien = next(a for a in section.select("ul.matinee a") if "commentaire" in a.get_text())
    assert " ".join(lien.get_text().split()) == "1 commentaire des demandeurs cette semaine"
    assert "Réponse trop tardive." in section.get_text() and "Parfait." not in section.get_text()
    liste = unescape(client.get(lien["href"]).content.decode())
    assert sded.reference in liste and src.reference not in liste
    assert panneau(compte("redactrice", "Rédacteurs")) is None


def test_anonymisation_keeps_the_answer_and_erases_the_comment(close):
    from demandes.anonymisation import anonymiser

    demande, liens = close
    demandeur.enregistrer_avis(demande, "tres_utile", "Merci à Julien.")
    demande.refresh_from_db()
    anonymiser(demande)
    avis = AvisDemandeur.objects.get()
    assert avis.reponse == "tres_utile" and avis.commentaire == "[anonymisé]"
    assert demande.affectations.get().message_au_demandeur == ""
    page = unescape(Client().get(liens["Très utile"]).content.decode())
    assert "Cette demande a été anonymisée" in page


def test_the_demo_shows_answers_comments_and_messages(db, referentiel):
    for numero in range(40):
        demande = DemandeFactory(statut=Statut.CLOSE, cle_import=f"demo-2025-{numero:04d}")
        AffectationFactory(demande=demande, partenaire=referentiel["sded"], statut="terminee")
    DemandeFactory(statut=Statut.SANS_SUITE, cle_import="demo-2025-0999")
    nombre = completer_suivi_demandeur()
    assert nombre == AvisDemandeur.objects.count() > 5
    assert AvisDemandeur.objects.exclude(commentaire="").count() >= 4
    assert AvisDemandeur.objects.filter(repondu_le__gte=timezone.now() - timezone.timedelta(days=7)).exists()
    from demandes.models import Affectation, Demande

    assert Affectation.objects.exclude(message_au_demandeur="").exists()
    assert not Demande.objects.filter(cle_suivi="").exists()
    assert completer_suivi_demandeur() == 0  # a rerun changes nothing
