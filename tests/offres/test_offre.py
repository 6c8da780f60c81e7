"""The offer page: stable identifier, required classification, the demande button, the page itself."""

import pytest
from wagtail.models import Page

from offres.models import IdentifiantOffre, OffrePage
from offres.services import url_demande_pour_offre
from tests.factories import StandardPageFactory
from tests.offres.factories import OffreIndexPageFactory, offre


@pytest.mark.django_db
class TestIdentifiant:
    def test_format(self, catalogue, ref):
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        assert page.reference == f"OFF-{page.identifiant_id:04d}"
        assert page.reference.startswith("OFF-")

    def test_stable_a_la_publication_d_une_revision(self, catalogue, ref):
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        reference = page.reference
        page.title = "Conseil en énergie partagé"
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.reference == reference

    def test_jamais_reutilise_apres_suppression(self, catalogue, ref):
        premiere = offre(catalogue, "Première", ref.sded, [ref.energie])
        seconde = offre(catalogue, "Seconde", ref.sded, [ref.energie])
        deja_donnes = {premiere.reference, seconde.reference}
        # Delete the most recent one: a plain auto-increment would hand its number out again on SQLite.
        Page.objects.get(pk=seconde.pk).delete()
        Page.objects.get(pk=premiere.pk).delete()
        nouvelle = offre(catalogue, "Nouvelle", ref.sded, [ref.energie])
        assert nouvelle.reference not in deja_donnes
        assert nouvelle.identifiant_id > max(int(r[4:]) for r in deja_donnes)
        # The numbers of deleted offers stay reserved.
        assert IdentifiantOffre.objects.filter(offre__isnull=True).count() == 2

    def test_une_copie_recoit_un_nouvel_identifiant(self, catalogue, ref):
        page = offre(catalogue, "Originale", ref.sded, [ref.energie])
        copie = page.copy(update_attrs={"slug": "copie", "title": "Copie"})
        copie = OffrePage.objects.get(pk=copie.pk)
        assert copie.identifiant_id and copie.identifiant_id != page.identifiant_id
        assert list(copie.thematiques.all()) == [ref.energie]


@pytest.mark.django_db
class TestFormulaireAdmin:
    def _form(self, catalogue, data):
        form_class = OffrePage.get_edit_handler().get_form_class()
        return form_class(data, instance=OffrePage(), parent_page=catalogue, for_user=None)

    def _data(self, ref, **extra):
        data = {
            "title": "Offre test", "slug": "offre-test", "resume": "Une phrase.", "partenaire": ref.sded.pk,
            "thematiques": [ref.energie.pk], "types_prestation": [ref.conseil.pk], "beneficiaires": [],
            "conditions": "gratuit", "documents-count": "0",
        }
        data.update(extra)
        return data

    def test_thematique_type_et_beneficiaire_obligatoires(self, catalogue, ref):
        from offres.models import Beneficiaire

        form = self._form(catalogue, self._data(ref, thematiques=[], types_prestation=[]))
        assert not form.is_valid()
        for champ in ("thematiques", "types_prestation", "beneficiaires"):
            assert champ in form.errors
        communes = Beneficiaire.objects.get(slug="communes")
        form = self._form(catalogue, self._data(ref, beneficiaires=[communes.pk]))
        assert form.is_valid(), form.errors

    def test_resume_obligatoire(self, catalogue, ref):
        form = self._form(catalogue, self._data(ref, resume=""))
        assert "resume" in form.errors

    def test_offre_seulement_sous_le_catalogue(self, home):
        from offres.models import OffreIndexPage

        assert OffrePage.parent_page_types == ["offres.OffreIndexPage"]
        assert not OffrePage.can_create_at(home)
        assert OffreIndexPage.can_create_at(home)


@pytest.mark.django_db
class TestBoutonDemande:
    def test_absent_sans_page_de_demande(self, client, catalogue, ref):
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        html = client.get(page.url).content.decode()
        assert "Faire une demande pour cette offre" not in html
        assert url_demande_pour_offre(page) is None

    def test_present_avec_le_slug_de_l_offre(self, client, home, catalogue, ref):
        StandardPageFactory(parent=home, title="Faire une demande", slug="faire-une-demande")
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie], slug="conseil-energie")
        html = client.get(page.url).content.decode()
        assert 'href="/faire-une-demande/?offre=conseil-energie">Faire une demande pour cette offre</a>' in html

    def test_page_de_demande_non_publiee_ignoree(self, client, home, catalogue, ref):
        demande = StandardPageFactory(parent=home, title="Faire une demande", slug="faire-une-demande")
        demande.unpublish()
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        assert "Faire une demande pour cette offre" not in client.get(page.url).content.decode()


@pytest.mark.django_db
class TestPageOffre:
    def test_contenu(self, client, catalogue, ref):
        page = offre(
            catalogue, "Conseil en énergie", ref.sded, [ref.energie, ref.habitat], [ref.conseil, ref.amo],
            beneficiaires=("communes", "syndicats"), resume="Hiérarchiser les travaux.",
            conditions="convention", operations_concernees="<p>Mairies et écoles.</p>",
            modalites="<p>Adhésion au service.</p>", referent_nom="Jeanne Martin",
            referent_fonction="Conseillère en énergie", referent_email="jeanne.martin@example.org",
            referent_telephone="04 75 00 00 00",
        )
        html = client.get(page.url).content.decode()
        assert "<h1>Conseil en énergie</h1>" in html
        assert html.count("<h1") == 1
        for attendu in (
            "Hiérarchiser les travaux.", "Territoire d&#x27;énergie Drôme – SDED", "Énergie", "Habitat",
            "Assistance à maîtrise d&#x27;ouvrage (AMO)", "Communes, Syndicats", "Sur convention",
            "Opérations concernées", "Mairies et écoles.", "Modalités", "Jeanne Martin",
            'href="mailto:jeanne.martin@example.org"', 'href="tel:0475000000"', page.reference,
        ):
            assert attendu in html, attendu
        assert "Niveau d&#x27;intervention" not in html  # empty sections are not shown

    def test_lien_vers_la_page_du_partenaire(self, client, catalogue, ref):
        from tests.offres.factories import PartenaireIndexPageFactory

        PartenaireIndexPageFactory(parent=catalogue)
        page = offre(catalogue, "Conseil en énergie", ref.sded, [ref.energie])
        assert 'href="/offre-ingenierie/partenaires/sded/"' in client.get(page.url).content.decode()

    def test_plusieurs_catalogues(self, client, home, ref):
        autre = OffreIndexPageFactory(parent=home, slug="autre-catalogue", title="Autre")
        offre(autre, "Offre ailleurs", ref.sded, [ref.energie])
        assert client.get(autre.url).context["page_obj"].paginator.count == 1


@pytest.mark.django_db
def test_page_offre_nombre_de_requetes_independant_des_thematiques(client, catalogue, ref):
    from tests.factories import ThematiqueFactory
    from tests.utils import count_queries

    une = offre(catalogue, "Une thématique", ref.sded, [ref.energie])
    autres = [ThematiqueFactory() for _ in range(6)]
    plusieurs = offre(catalogue, "Sept thématiques", ref.sded, [ref.energie, *autres], [ref.conseil, ref.amo],
                      beneficiaires=("communes", "epci", "syndicats"))
    client.get(une.url)
    assert count_queries(lambda: client.get(une.url)) == count_queries(lambda: client.get(plusieurs.url))
