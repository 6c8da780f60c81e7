"""The detail page's forms as the staff use them: actions that look like buttons, and an invalid form shown
again open, filled as typed, with its error beside the field (never only at the top of the page, never lost)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from demandes.models import Statut
from tests.demandes.conftest import donnees_valides
from tests.demandes.factories import AffectationFactory, DemandeFactory

RIEN_ENREGISTRE = "Rien n'est enregistré"


def page(reponse):
    assert reponse.status_code == 200, reponse
    return BeautifulSoup(reponse.content.decode(), "html.parser")


def champ(soupe, nom):
    """The Wagtail field wrapper of the control named `nom`: its label, errors, help and input."""
    controle = soupe.find(attrs={"name": nom})
    assert controle is not None, nom
    return controle.find_parent(attrs={"data-field-wrapper": True})


def erreur_du_champ(soupe, nom):
    return " ".join(p.get_text(" ", strip=True) for p in champ(soupe, nom).select("[data-field-errors] .error-message"))


def volet(soupe, texte_du_bouton):
    """The <details> opened by the button whose text is `texte_du_bouton`."""
    bouton = soupe.find("summary", string=lambda s: s and s.strip() == texte_du_bouton)
    assert bouton is not None, texte_du_bouton
    return bouton, bouton.find_parent("details")


def test_the_key_actions_are_wagtail_buttons(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["coordination"])
    soupe = page(client.get(reverse("demandes:inspect", args=[demande.pk])))
    for texte in ("Confier la demande à un partenaire", "Mettre à jour l'affectation de SDED"):
        bouton, details = volet(soupe, texte)
        assert "button" in bouton["class"], texte
        assert not details.has_attr("open")  # closed until asked for
    for envoi in soupe.select(".demande-suivi form button[type=submit]"):
        assert "button" in envoi["class"]


def test_an_assignment_finished_without_its_prestation_comes_back_open_filled_with_the_error_beside_the_field(
    client, comptes, referentiel
):
    demande = DemandeFactory(statut=Statut.ORIENTEE)
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"], statut="en_cours")
    client.force_login(comptes["agent_sded"])
    prefixe = f"a{affectation.pk}-"
    url = reverse("demandes:affectation", args=[demande.pk, affectation.pk])
    soupe = page(client.post(url, {prefixe + "statut": "terminee", prefixe + "motif": "Étude remise au maire",
                                   prefixe + "agent": comptes["agent_sded"].pk}))

    # The error is beside the prestation's field, and the page says that nothing was saved.
    assert erreur_du_champ(soupe, prefixe + "prestation_realisee") == (
        "Indiquez la prestation réalisée pour terminer l'accompagnement."
    )
    assert soupe.find(attrs={"name": prefixe + "prestation_realisee"})["aria-invalid"] == "true"
    assert RIEN_ENREGISTRE in soupe.get_text()
    # The form is open, where the browser lands (the form's action ends with its anchor), and filled as typed.
    _, details = volet(soupe, "Mettre à jour l'affectation de SDED")
    assert details.has_attr("open")
    assert details.find("form")["action"].endswith(f"#{details['id']}")
    assert details.find("option", selected=True, value="terminee")
    assert details.find(attrs={"name": prefixe + "motif"})["value"] == "Étude remise au maire"
    assert details.find(attrs={"name": prefixe + "agent"}).find("option", selected=True)["value"] == str(
        comptes["agent_sded"].pk
    )
    affectation.refresh_from_db()
    assert (affectation.statut, affectation.motif) == ("en_cours", "")

    # Completed, it is saved and the page comes back closed.
    reponse = client.post(url, {prefixe + "statut": "terminee", prefixe + "motif": "Étude remise au maire",
                                prefixe + "prestation_realisee": referentiel["amo"].pk})
    assert reponse.status_code == 302 and reponse["Location"].endswith(f"#affectation-{affectation.pk}")
    affectation.refresh_from_db()
    assert (affectation.statut, affectation.prestation_realisee) == ("terminee", referentiel["amo"])


def test_an_agent_of_another_partenaire_gets_no_form_back(client, comptes, referentiel):
    demande = DemandeFactory()
    affectation = AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["agent_src"])
    reponse = client.post(reverse("demandes:affectation", args=[demande.pk, affectation.pk]),
                          {f"a{affectation.pk}-statut": "terminee", f"a{affectation.pk}-motif": "Intrusion"})
    assert reponse.status_code in (302, 403)
    assert reponse.status_code == 403 or reponse["Location"] == reverse("wagtailadmin_home")
    assert b"Intrusion" not in reponse.content


def test_a_refused_new_assignment_keeps_its_form_open(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["coordination"])
    soupe = page(client.post(reverse("demandes:affecter", args=[demande.pk]),
                             {"partenaire": referentiel["service"].pk, "agent": comptes["agent_sded"].pk}))
    _, details = volet(soupe, "Confier la demande à un partenaire")
    assert details.has_attr("open")
    assert erreur_du_champ(details, "agent") == "Cette personne n'est pas un agent de ce partenaire."
    assert details.find(attrs={"name": "partenaire"}).find("option", selected=True)["value"] == str(
        referentiel["service"].pk
    )
    assert demande.affectations.count() == 1


def test_a_too_long_note_comes_back_with_its_text_and_the_error_beside_it(client, comptes, referentiel):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes["agent_sded"])
    texte = "Rappeler le maire. " * 300  # 5,700 characters
    soupe = page(client.post(reverse("demandes:note", args=[demande.pk]), {"texte": texte}))
    assert "comporte au plus 5000 caractères" in erreur_du_champ(soupe, "texte")
    assert soupe.find("textarea", attrs={"name": "texte"}).get_text().strip() == texte.strip()
    assert soupe.find("form", action=lambda a: a and a.endswith("#notes"))
    assert not demande.notes.exists()


@pytest.mark.parametrize("qui", ["agent_sded", "redacteur"])
def test_the_correction_form_is_refused_to_all_but_the_coordination(client, comptes, referentiel, qui):
    demande = DemandeFactory()
    AffectationFactory(demande=demande, partenaire=referentiel["sded"])
    client.force_login(comptes[qui])
    reponse = client.post(reverse("demandes:edit", args=[demande.pk]), {"titre": "Autre"})
    assert reponse.status_code in (302, 403) and b"Autre" not in reponse.content


def test_an_invalid_correction_is_shown_again_filled_with_the_error_beside_the_field(
    client, comptes, territoire, referentiel
):
    demande = DemandeFactory(commune=territoire["saillans"])
    demande.thematiques.set([referentiel["energie"]])
    client.force_login(comptes["coordination"])
    donnees = donnees_valides(territoire, referentiel, source="formulaire", commune="",
                              titre="Chaufferie bois de l'école")
    soupe = page(client.post(reverse("demandes:edit", args=[demande.pk]), donnees))
    assert erreur_du_champ(soupe, "commune") == "Choisissez votre commune."
    assert soupe.find(attrs={"name": "titre"})["value"] == "Chaufferie bois de l'école"
    assert RIEN_ENREGISTRE in soupe.get_text()
    demande.refresh_from_db()
    assert demande.titre != "Chaufferie bois de l'école"
