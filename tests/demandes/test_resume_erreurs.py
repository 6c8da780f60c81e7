"""The error summary's links lead to a field that takes the focus, radio and checkbox groups included."""

import re


def test_chaque_lien_du_resume_mene_a_un_champ_focalisable(client, page_demande, territoire, referentiel):
    html = client.post(page_demande.url, {}).content.decode()
    resume = html[html.index('id="resume-erreurs"'):]
    resume = resume[:resume.index("</div>")]
    cibles = re.findall(r'href="#([^"]+)"', resume)
    assert "id_type_collectivite_0" in cibles and "id_thematiques_0" in cibles
    for cible in cibles:
        element = re.search(rf'<(\w+)[^>]*\bid="{cible}"', html)
        assert element and element.group(1) in ("input", "select", "textarea"), f"#{cible} : {element and element.group(0)}"
