"""The permission matrix of the back office: every view, download, export and count, with the wrong user."""

import html
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from demandes.models import PieceJointe
from tests.demandes.factories import AffectationFactory, DemandeFactory
from tests.utils import lire_csv


@pytest.fixture
def demandes(comptes, referentiel):
    """One demande assigned to the SDED, one to the Département's service, one to nobody yet."""
    sded = DemandeFactory(titre="Chaufferie bois de l'école")
    AffectationFactory(demande=sded, partenaire=referentiel["sded"])
    service = DemandeFactory(titre="Réfection du lavoir")
    AffectationFactory(demande=service, partenaire=referentiel["service"])
    libre = DemandeFactory(titre="Question sur le PLU")
    piece = PieceJointe(demande=sded, nom_original="devis.pdf", type_mime="application/pdf", taille=9)
    piece.fichier.save("devis.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"sded": sded, "service": service, "libre": libre, "piece": piece}


def liste(client, user, **params):
    client.force_login(user)
    return client.get(reverse("demandes:index"), params)


def texte(reponse):
    return html.unescape(reponse.content.decode())


def refuse(client, reponse):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard and an error message."""
    if reponse.status_code == 403:
        return True
    assert reponse.status_code == 302 and reponse["Location"] == reverse("wagtailadmin_home"), reponse
    messages = [str(m) for m in reponse.wsgi_request._messages]
    assert any("pas les autorisations" in m for m in messages), messages
    return True


def test_coordination_sees_every_demande(client, comptes, demandes):
    contenu = texte(liste(client, comptes["coordination"]))
    assert "Saisir une demande" in contenu
    for titre in ("Chaufferie bois de l'école", "Réfection du lavoir", "Question sur le PLU"):
        assert titre in contenu


def test_an_agent_sees_only_the_demandes_of_its_partenaire(client, comptes, demandes):
    contenu = texte(liste(client, comptes["agent_sded"]))
    assert "Chaufferie bois de l'école" in contenu
    assert "Réfection du lavoir" not in contenu
    assert "Question sur le PLU" not in contenu


def test_the_count_and_the_search_are_scoped_too(client, comptes, demandes):
    reponse = liste(client, comptes["agent_sded"], q="Réfection")
    assert "Réfection du lavoir" not in reponse.content.decode()
    assert reponse.context["paginator"].count == 0
    assert liste(client, comptes["agent_sded"]).context["paginator"].count == 1
    assert liste(client, comptes["coordination"]).context["paginator"].count == 3


@pytest.mark.parametrize("qui", ["redacteur", "agent_sans_partenaire"])
def test_editors_and_unattached_agents_see_no_demande(client, comptes, demandes, qui):
    client.force_login(comptes[qui])
    assert refuse(client, client.get(reverse("demandes:index")))
    assert refuse(client, client.get(reverse("demandes:inspect", args=[demandes["sded"].pk])))
    assert refuse(client, client.get(reverse("demandes:add")))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Saisir une demande" not in menu and reverse("demandes:index") not in menu


def test_detail_is_refused_to_an_agent_of_another_partenaire(client, comptes, demandes):
    client.force_login(comptes["agent_src"])
    assert refuse(client, client.get(reverse("demandes:inspect", args=[demandes["sded"].pk])))
    detail = client.get(reverse("demandes:inspect", args=[demandes["service"].pk]))
    assert detail.status_code == 200
    assert "Réfection du lavoir" in texte(detail)


def test_attachments_are_downloaded_by_those_who_follow_the_demande_only(client, comptes, demandes):
    url = reverse("demandes:piece_jointe", args=[demandes["sded"].pk, demandes["piece"].pk])
    client.force_login(comptes["agent_src"])
    assert refuse(client, client.get(url))
    client.force_login(comptes["agent_sded"])
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith('attachment; filename="devis.pdf"')
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert b"".join(reponse.streaming_content) == b"%PDF-1.4\n"
    # The attachment of another demande is not reachable by changing the demande in the URL.
    autre = reverse("demandes:piece_jointe", args=[demandes["libre"].pk, demandes["piece"].pk])
    client.force_login(comptes["coordination"])
    assert client.get(autre).status_code == 404


def test_only_the_coordination_corrects_a_demande(client, comptes, demandes):
    url = reverse("demandes:edit", args=[demandes["sded"].pk])
    client.force_login(comptes["agent_sded"])
    assert refuse(client, client.get(url))
    assert refuse(client, client.post(reverse("demandes:statut", args=[demandes["sded"].pk]), {"statut": "close"}))
    client.force_login(comptes["coordination"])
    assert client.get(url).status_code == 200


def test_exports_follow_the_scope_and_the_filters(client, comptes, demandes):
    client.force_login(comptes["agent_sded"])
    reponse = client.get(reverse("demandes:index"), {"export": "csv"})
    lignes = lire_csv(reponse)
    assert lignes[0][:4] == ["Référence", "Reçue le", "Source", "Statut"]
    assert [ligne[lignes[0].index("Projet")] for ligne in lignes[1:]] == ["Chaufferie bois de l'école"]

    client.force_login(comptes["coordination"])
    reponse = client.get(reverse("demandes:index"), {"export": "csv", "partenaire": demandes["service"].affectations.get().partenaire_id})
    lignes = lire_csv(reponse)
    assert [ligne[lignes[0].index("Projet")] for ligne in lignes[1:]] == ["Réfection du lavoir"]


def test_notes_and_assignment_updates_are_refused_outside_the_scope(client, comptes, demandes, referentiel):
    client.force_login(comptes["agent_src"])
    assert refuse(client, client.post(reverse("demandes:note", args=[demandes["sded"].pk]), {"texte": "Intrusion"}))
    affectation = demandes["sded"].affectations.get()
    url = reverse("demandes:affectation", args=[demandes["sded"].pk, affectation.pk])
    assert refuse(client, client.post(url, {f"a{affectation.pk}-statut": "declinee"}))
    # On a demande it follows, an agent still cannot change another partenaire's assignment.
    AffectationFactory(demande=demandes["service"], partenaire=referentiel["sded"])
    autre = demandes["service"].affectations.get(partenaire=referentiel["sded"])
    url = reverse("demandes:affectation", args=[demandes["service"].pk, autre.pk])
    assert refuse(client, client.post(url, {f"a{autre.pk}-statut": "declinee", f"a{autre.pk}-motif": "x"}))
    autre.refresh_from_db()
    assert autre.statut == "a_traiter"


def test_bulk_actions_only_touch_the_users_demandes(client, comptes, demandes):
    client.force_login(comptes["agent_sded"])
    url = reverse("wagtail_bulk_action", args=["demandes", "demande", "changer_statut"])
    assert refuse(client, client.get(url, {"id": [demandes["sded"].pk]}))
    client.force_login(comptes["coordination"])
    reponse = client.post(
        url + f"?id={demandes['sded'].pk}&id={demandes['libre'].pk}", {"statut": "sans_suite"}
    )
    assert reponse.status_code == 302
    demandes["sded"].refresh_from_db()
    demandes["service"].refresh_from_db()
    assert demandes["sded"].statut == "sans_suite" and demandes["sded"].statut_manuel
    assert demandes["service"].statut != "sans_suite"


def test_xlsx_export_has_french_headings_paris_dates_and_no_formula(client, comptes, demandes):
    import openpyxl

    demandes["libre"].titre = '=HYPERLINK("http://exemple.invalid","Cliquez")'
    demandes["libre"].save()
    client.force_login(comptes["coordination"])
    reponse = client.get(reverse("demandes:index"), {"export": "xlsx", "q": "HYPERLINK"})
    assert reponse["Content-Disposition"].startswith('attachment; filename="demandes.xlsx"')
    feuille = openpyxl.load_workbook(io.BytesIO(b"".join(reponse.streaming_content))).active
    lignes = list(feuille.values)
    assert lignes[0][:3] == ("Référence", "Reçue le", "Source")
    [ligne] = lignes[1:]
    projet = ligne[lignes[0].index("Projet")]
    assert projet.startswith("'=HYPERLINK")  # shown as text, never run as a formula
    assert ligne[0] == demandes["libre"].reference


def test_only_the_coordination_sees_the_outbox_and_links_agents_to_partners(client, comptes, demandes):
    for url in ("/admin/demandes/courriels/", "/admin/demandes/agents/"):
        client.force_login(comptes["agent_sded"])
        assert refuse(client, client.get(url))
        client.force_login(comptes["redacteur"])
        assert refuse(client, client.get(url))
        client.force_login(comptes["coordination"])
        assert client.get(url).status_code == 200
