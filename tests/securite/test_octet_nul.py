"""A NUL byte in a URL gets the French 400 page, not a 500 from PostgreSQL (found by tests/robustesse)."""

import pytest


@pytest.mark.parametrize("url", ["/recherche/?q=a%00b", "/?thematique=%00", "/?page=1&x%00=1", "/lettre/preferences/a%00b/"])
def test_octet_nul_dans_l_url(client, home, url):
    reponse = client.get(url)
    assert reponse.status_code == 400
    contenu = reponse.content.decode()
    assert 'lang="fr"' in contenu and "<h1>Requête invalide</h1>" in contenu


def test_trop_de_champs_donne_la_page_400_en_francais(client, home, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    reponse = client.post("/lettre/inscription/", {f"champ{i}": "x" for i in range(10)})
    assert reponse.status_code == 400
    assert "<h1>Requête invalide</h1>" in reponse.content.decode()


def test_une_recherche_ordinaire_passe(client, home):
    assert client.get("/recherche/?q=%C3%A9nergie").status_code == 200
