"""The admin forms of the new page types render (panels, choosers, StreamFields)."""

import pytest

from tests.offres.factories import AideIndexPageFactory, RealisationIndexPageFactory, aide


@pytest.mark.django_db
def test_formulaires_d_ajout_et_d_edition(admin_client, home, ref):
    aides = AideIndexPageFactory(parent=home)
    realisations = RealisationIndexPageFactory(parent=home)
    assert admin_client.get(f"/admin/pages/{aides.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{realisations.pk}/edit/").status_code == 200
    html = admin_client.get(f"/admin/pages/add/offres/aidepage/{aides.pk}/").content.decode()
    assert "Drôme Démat" in html and "Calendrier" in html
    html = admin_client.get(f"/admin/pages/add/offres/realisationpage/{realisations.pk}/").content.decode()
    assert "Maître d&#x27;ouvrage" in html or "Maître d'ouvrage" in html
    une = aide(aides, "Aide", [ref.energie])
    assert admin_client.get(f"/admin/pages/{une.pk}/edit/").status_code == 200
