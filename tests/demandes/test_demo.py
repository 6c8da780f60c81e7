"""The back office's demo accounts: a coordinator and partners' agents, credentials printed once chosen."""

import io

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from demandes import demo
from demandes.acces import est_coordination, partenaire_de
from tests.factories import PartenaireFactory


def test_demo_accounts_have_their_roles_and_printed_credentials(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.delenv("DJANGO_DEMO_PASSWORD", raising=False)
    for slug in ("sded", "caue", "adil", "direction-environnement-gestion-eau", "service-relations-collectivites"):
        PartenaireFactory(nom=f"Partenaire {slug}", slug=slug)
    sortie = io.StringIO()
    demo.load_comptes(sortie)
    mot_de_passe = (tmp_path / "demo-password.txt").read_text().strip()
    assert f"« {mot_de_passe} »" in sortie.getvalue()
    assert "agent.sded" in sortie.getvalue() and "coordination, voit tout" in sortie.getvalue()

    assert est_coordination(User.objects.get(username="coordination"))
    assert partenaire_de(User.objects.get(username="agent.sded")).slug == "sded"
    client = Client()
    connexion = client.post(reverse("wagtailadmin_login"), {"username": "agent.caue", "password": mot_de_passe})
    assert connexion.status_code == 302
    assert client.get(reverse("demandes:index")).status_code == 200

    # A second run changes nothing and prints the same password.
    sortie = io.StringIO()
    demo.load_comptes(sortie)
    assert f"« {mot_de_passe} »" in sortie.getvalue()
    assert User.objects.filter(username__startswith="agent.").count() == 5
