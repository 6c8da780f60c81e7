"""QR codes of pages, downloadable from the admin for print material."""

from demandes.bilan.qr import code_qr


def test_qr_code_svg_et_png_d_une_page(client, page_bilan, redacteur):
    client.force_login(redacteur)
    svg = client.get(f"/admin/bilan/qr/{page_bilan.pk}.svg")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert 'filename="qr-bilan.svg"' in svg["Content-Disposition"]
    assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
    assert svg.content == code_qr("http://testserver/bilan/", "svg")
    png = client.get(f"/admin/bilan/qr/{page_bilan.pk}.png")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert png.content == code_qr("http://testserver/bilan/", "png")


def test_qr_code_d_une_page_de_canton(client, page_bilan, redacteur):
    client.force_login(redacteur)
    reponse = client.get(f"/admin/bilan/qr/{page_bilan.pk}.svg?route=canton/le-diois")
    assert reponse.content == code_qr("http://testserver/bilan/canton/le-diois/", "svg")
    assert 'filename="qr-canton-le-diois.svg"' in reponse["Content-Disposition"]
    # Anything else than a path of slugs is ignored.
    reponse = client.get(f"/admin/bilan/qr/{page_bilan.pk}.svg?route=//evil.example/x?y")
    assert reponse.content == code_qr("http://testserver/bilan/", "svg")


def test_boutons_dans_l_administration_des_pages(client, home, page_bilan, redacteur):
    client.force_login(redacteur)
    liste = client.get(f"/admin/pages/{home.pk}/").content.decode()
    assert f"/admin/bilan/qr/{page_bilan.pk}.svg" in liste
    assert f"/admin/bilan/qr/{page_bilan.pk}.png" in liste
    edition = client.get(f"/admin/pages/{page_bilan.pk}/edit/").content.decode()
    assert f"/admin/bilan/qr/{page_bilan.pk}.png" in edition


def test_refuse_sans_droit_sur_la_page(client, home, page_bilan, agent_caue, db):
    from tests.bilan.conftest import utilisateur

    client.force_login(agent_caue)
    assert client.get(f"/admin/bilan/qr/{home.pk}.svg").status_code == 403  # cannot edit pages
    assert client.get(f"/admin/bilan/qr/{page_bilan.pk}.svg").status_code == 200  # the bilan's own page
    assert client.get("/admin/bilan/qr/999999.svg").status_code == 404
    client.force_login(utilisateur("visiteur", "Agents des partenaires"))  # no partenaire: no bilan
    assert client.get(f"/admin/bilan/qr/{page_bilan.pk}.svg").status_code == 403


def test_qr_des_pages_de_canton_dans_le_tableau_de_bord(client, jeu, page_bilan, coordination):
    client.force_login(coordination)
    html = client.get("/admin/bilan/").content.decode()
    assert f"/admin/bilan/qr/{page_bilan.pk}.svg?route=canton/le-diois" in html
    assert html.count(f"/admin/bilan/qr/{page_bilan.pk}.png?route=canton/") == 19
    reponse = client.get(f"/admin/bilan/qr/{page_bilan.pk}.png?route=canton/le-diois")
    assert reponse.status_code == 200
    assert reponse.content == code_qr("http://testserver/bilan/canton/le-diois/", "png")
