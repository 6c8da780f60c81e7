"""The JSON feed aides-territoires imports, read as its importer reads it (tests/offres/importeur_aides_territoires.py,
a port of its PHP): one GET, names matched against its tables, description and eligibility cut as it cuts them."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from offres import aides_territoires
from offres.models import AidePage, OffrePage
from portail.volume import creer_enfants
from tests.offres.factories import AideIndexPageFactory, aide, beneficiaire, offre
from tests.offres.importeur_aides_territoires import ImportImpossible, erreurs_html, importer, noms_inconnus, tables
from tests.utils import count_queries

TABLES = tables(aides_territoires.VOCABULAIRE)
CLES = {
    "id", "slug", "name", "short_title", "description", "eligibility", "origin_url", "application_url",
    "targeted_audiences", "aid_types", "categories", "recurrence", "is_call_for_project", "perimeter",
    "financers", "contact", "start_date", "predeposit_date", "submission_deadline", "date_created",
    "date_updated", "subvention_rate",
}
SITE_URL = "https://collectivites.drome.example"


@pytest.fixture
def url_flux(catalogue):
    return catalogue.url + "flux/aides-territoires/"


@pytest.fixture(autouse=True)
def adresse_publique(settings):
    """The site's public address differs from the test client's host: every absolute URL must be on it."""
    settings.SITE_URL = SITE_URL


@pytest.fixture
def index_aides(home):
    return AideIndexPageFactory(parent=home)


@pytest.fixture
def aides(index_aides, ref):
    aujourdhui = timezone.localdate()
    return {
        "dst": aide(index_aides, "Dotation de solidarité territoriale", [ref.habitat], ("communes", "epci"),
                    taux_min=20, taux_max=70, objectifs="<p>Équiper les communes.</p>",
                    operations_eligibles="<ul><li>Mairies</li><li>Écoles</li></ul>",
                    type_aide="<p>Subvention d'investissement.</p>", montant_taux="<p>De 20 à 70 %.</p>",
                    service_instructeur="<p>Service des relations avec les collectivités</p>",
                    demat_url="https://demat.example.org/"),
        "riviere": aide(index_aides, "Matériel de mesure rivières", [ref.eau], ("syndicats",), taux_max=30,
                        calendrier="date_limite", date_limite=aujourdhui + datetime.timedelta(days=300)),
        "a_venir": aide(index_aides, "Appel à projets centres-bourgs", [ref.habitat], ("communes",),
                        calendrier="appel_a_projets", date_ouverture=aujourdhui + datetime.timedelta(days=20),
                        date_cloture=aujourdhui + datetime.timedelta(days=120)),
        "session_2020": aide(index_aides, "Appel à projets centres-bourgs, session 2020", [ref.habitat],
                             ("communes",), calendrier="appel_a_projets", date_ouverture=datetime.date(2020, 7, 15),
                             date_cloture=datetime.date(2020, 11, 15)),
    }


def lire(client, url, **parametres):
    """ONE request, as the importer makes it, and what it makes of the answer."""
    reponse = client.get(url, parametres)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/json"
    donnees = reponse.json()
    return donnees, importer(donnees, TABLES)


def par_identifiant(importees):
    return {i.import_uniqueid: i for i in importees}


@pytest.mark.django_db
class TestUneSeuleReponse:
    def test_chaque_offre_et_chaque_aide_ouverte_dans_la_reponse(self, client, offres, aides, url_flux):
        donnees, importees = lire(client, url_flux)
        assert set(donnees) == {"count", "next", "previous", "results"}
        assert donnees["next"] is None and donnees["previous"] is None
        attendus = [o.identifiant_aides_territoires for o in offres.values()] + [
            aides[c].identifiant_aides_territoires for c in ("dst", "riviere", "a_venir")]
        assert donnees["count"] == len(donnees["results"]) == len(attendus) == 8
        assert [i.import_uniqueid for i in importees] == [f"CDDr_{a}" for a in attendus]
        for record in donnees["results"]:
            assert CLES <= set(record)

    def test_la_pagination_est_une_option(self, client, offres, aides, url_flux):
        donnees, _ = lire(client, url_flux, page=1, par_page=3)
        assert donnees["count"] == 8 and len(donnees["results"]) == 3
        assert donnees["next"] == f"{SITE_URL}{url_flux}?page=2&par_page=3" and donnees["previous"] is None
        deuxieme = client.get(donnees["next"]).json()
        assert deuxieme["previous"] == f"{SITE_URL}{url_flux}?page=1&par_page=3"
        assert [r["id"][:4] for r in deuxieme["results"]] == ["OFF-", "OFF-", "AIDE"]
        assert client.get(url_flux, {"page": "abc"}).json()["previous"] is None
        derniere = client.get(url_flux, {"page": 999, "par_page": 3}).json()
        assert derniere["next"] is None and len(derniere["results"]) == 2
        assert len(client.get(url_flux, {"page": 1}).json()["results"]) == 8  # 50 a page by default

    def test_un_flux_vide_n_importe_rien(self, client, catalogue, url_flux):
        donnees = client.get(url_flux).json()
        assert donnees == {"count": 0, "next": None, "previous": None, "results": []}
        with pytest.raises(ImportImpossible):
            importer(donnees, TABLES)


@pytest.mark.django_db
class TestEnregistrements:
    def test_une_offre_importee_avec_ses_publics_thematiques_type_et_recurrence(self, client, offres, url_flux):
        page = offres["eclairage"]
        donnees, importees = lire(client, url_flux)
        importee = par_identifiant(importees)[f"CDDr_{page.reference}"]
        assert importee.name == "Éclairage public"
        assert importee.audiences == ["Commune", "Intercommunalité / Pays"]
        assert importee.categories == ["Economie d'énergie et rénovation énergétique", "Transition énergétique"]
        assert importee.types == ["Ingénierie technique"] and importee.recurrence == "Permanente"
        assert importee.origin_url == importee.application_url == f"{SITE_URL}{page.url}"
        assert importee.is_call_for_project is False
        record = next(r for r in donnees["results"] if r["id"] == page.reference)
        assert record["financers"] == ["Territoire d'énergie Drôme – SDED"]  # read by no one: the Département is
        assert record["perimeter"] == "Drôme"                                # credited, the data source's perimeter set

    def test_une_aide_importee(self, client, aides, url_flux):
        dst = par_identifiant(lire(client, url_flux)[1])[f"CDDr_AIDE-{aides['dst'].pk:04d}"]
        assert dst.types == ["Subvention"] and dst.recurrence == "Permanente"
        assert dst.audiences == ["Commune", "Intercommunalité / Pays"]
        assert dst.categories == ["Logement et habitat", "Revitalisation"]
        assert dst.origin_url == f"{SITE_URL}{aides['dst'].url}"
        assert dst.application_url == "https://demat.example.org/"  # Drôme Démat'
        assert dst.contact == "<p>Service des relations avec les collectivités</p>"
        assert "Équiper les communes" in dst.description and "De 20 à 70 %" in dst.description

    def test_les_calendriers(self, client, aides, url_flux):
        donnees, importees = lire(client, url_flux)
        records = {r["slug"]: r for r in donnees["results"]}
        riviere = records[aides["riviere"].slug]
        assert riviere["recurrence"] == "Récurrente" and riviere["is_call_for_project"] is False
        assert riviere["submission_deadline"] == aides["riviere"].date_limite.isoformat()
        assert riviere["subvention_rate"] == [30, 30]
        appel = records[aides["a_venir"].slug]
        assert appel["recurrence"] == "Ponctuelle" and appel["is_call_for_project"] is True
        assert appel["start_date"] == aides["a_venir"].date_ouverture.isoformat()
        importee = par_identifiant(importees)[f"CDDr_{appel['id']}"]
        assert importee.recurrence == "Ponctuelle" and importee.date_start == appel["start_date"]

    def test_syndicats_et_autres_organismes_publics(self, client, catalogue, ref, url_flux):
        offre(catalogue, "Offre", ref.caue, [ref.eau], beneficiaires=("syndicats", "epci", "autres-organismes-publics"))
        importee = lire(client, url_flux)[1][0]
        assert importee.audiences == ["Intercommunalité / Pays", "Etablissement public dont services de l'Etat"]


@pytest.mark.django_db
class TestCoupeDeLImporteur:
    """The importer keeps, as eligibility, the description from « Opérations éligibles » up to « Type d »."""

    def test_l_eligibilite_gardee_est_complete_et_bien_formee(self, client, offres, aides, url_flux):
        donnees, importees = lire(client, url_flux)
        assert len(importees) == 8
        for record, importee in zip(donnees["results"], importees):
            assert importee.eligibility.startswith("Opérations éligibles\n"), importee.import_uniqueid
            assert "Bénéficiaires :" in importee.eligibility or "Conditions :" in importee.eligibility
            assert importee.eligibility.rstrip("\n") == record["eligibility"]
            assert "Type d" not in importee.eligibility
            for html in (importee.eligibility, importee.description, importee.contact):
                assert erreurs_html(html) == [], (importee.import_uniqueid, html)
            assert importee.description == record["description"]  # nothing cut away
        offre_eclairage = par_identifiant(importees)[f"CDDr_{offres['eclairage'].reference}"]
        assert "<p>Conditions : Gratuit (conseil de premier niveau).</p>" in offre_eclairage.eligibility
        dst = par_identifiant(importees)[f"CDDr_AIDE-{aides['dst'].pk:04d}"]
        assert "<ul><li>Mairies</li><li>Écoles</li></ul>" in dst.eligibility
        assert "Dépôt des dossiers toute l'année." in dst.eligibility
        assert "De 20 à 70 %" not in dst.eligibility  # the amount comes after the aid's type
        assert dst.description.index("Type d'aide\n<p>Subvention d'investissement.</p>") > dst.description.index(
            "Dépôt des dossiers")

    def test_les_mots_de_l_importeur_dans_le_texte_d_un_redacteur(self, client, index_aides, ref, url_flux):
        """« Type de travaux » in the eligible operations would end the eligibility there; « Opérations éligibles »
        in the summary would start it there; « Service Instructeur et Référent » would end the description."""
        une = aide(index_aides, "Aide", [ref.habitat], ("communes",),
                   resume="Opérations éligibles : voir ci-dessous.",
                   objectifs="<p>Service Instructeur et Référent : voir plus bas.</p>",
                   operations_eligibles="<h3>Type de travaux</h3><ul><li>Toitures</li></ul>",
                   exclusions="<p>Type d'équipement exclu : les véhicules.</p>")
        importee = lire(client, url_flux)[1][0]
        assert importee.import_uniqueid == f"CDDr_{une.identifiant_aides_territoires}"
        assert importee.eligibility.startswith("Opérations éligibles\n<h3>Type&nbsp;de travaux</h3>")
        for texte in ("Toitures", "les véhicules", "Bénéficiaires : Communes.", "Dépôt des dossiers toute l'année."):
            assert texte in importee.eligibility
        assert erreurs_html(importee.eligibility) == []
        assert "Opérations&nbsp;éligibles : voir ci-dessous." in importee.description
        assert "Service&nbsp;Instructeur et Référent : voir plus bas." in importee.description
        assert importee.description.endswith("<p>Subvention.</p>")  # not cut: the whole description

    def test_liens_du_texte_riche_resolus_et_absolus(self, client, catalogue, offres, ref, url_flux):
        from wagtail.documents.models import Document
        from django.core.files.base import ContentFile

        document = Document(title="Règlement")
        document.file.save("reglement.pdf", ContentFile(b"%PDF-1.4"), save=True)
        une = offre(catalogue, "Offre liée", ref.caue, [ref.eau],
                    operations_concernees=f'<p>Voir <a linktype="page" id="{offres["eclairage"].pk}">l\'éclairage</a>'
                    f' et <a linktype="document" id="{document.pk}">le règlement</a>.</p>')
        importee = par_identifiant(lire(client, url_flux)[1])[f"CDDr_{une.reference}"]
        assert f'<a href="{SITE_URL}{offres["eclairage"].url}">l\'éclairage</a>' in importee.eligibility
        assert f'<a href="{SITE_URL}/documents/{document.pk}/reglement.pdf">le règlement</a>' in importee.eligibility
        assert "linktype" not in importee.description


@pytest.mark.django_db
class TestCeQuiEstOuvertSeulement:
    def test_aucune_aide_dont_la_date_est_passee(self, client, aides, index_aides, ref, url_flux):
        aujourdhui = timezone.localdate()
        hier = aide(index_aides, "Fermée hier", [ref.eau], calendrier="date_limite",
                    date_limite=aujourdhui - datetime.timedelta(days=1))
        ce_jour = aide(index_aides, "Dernier jour", [ref.eau], calendrier="date_limite", date_limite=aujourdhui)
        ids = [i.import_uniqueid for i in lire(client, url_flux)[1]]
        assert f"CDDr_{ce_jour.identifiant_aides_territoires}" in ids
        assert f"CDDr_{aides['a_venir'].identifiant_aides_territoires}" in ids  # to come: open soon, exported
        for fermee in (hier, aides["session_2020"]):  # the 2020 session of a call for projects: closed long ago
            assert f"CDDr_{fermee.identifiant_aides_territoires}" not in ids

    def test_aucune_page_non_publiee_ou_privee(self, client, catalogue, offres, aides, index_aides, ref, home,
                                               url_flux):
        offres["riviere"].unpublish()
        PageViewRestriction.objects.create(page=offres["logement"], restriction_type="password", password="x")
        PageViewRestriction.objects.create(page=aides["riviere"], restriction_type="login")
        brouillon = offre(catalogue, "Brouillon", ref.caue, [ref.eau], live=False)
        autre_index = AideIndexPageFactory(parent=home, slug="autres-aides", title="Autres aides")
        cachee = aide(autre_index, "Dans une liste dépubliée", [ref.eau])
        autre_index.unpublish()
        ids = {i.import_uniqueid for i in lire(client, url_flux)[1]}
        for page in (offres["riviere"], offres["logement"], aides["riviere"], brouillon, cachee):
            assert f"CDDr_{page.identifiant_aides_territoires}" not in ids, page.title
        assert len(ids) == 3 + 2


@pytest.mark.django_db
class TestIdentifiants:
    def test_par_defaut_la_reference_du_site(self, offres, aides):
        assert offres["eclairage"].identifiant_aides_territoires == offres["eclairage"].reference
        assert aides["dst"].identifiant_aides_territoires == f"AIDE-{aides['dst'].pk:04d}"
        assert OffrePage.objects.get(pk=offres["eclairage"].pk).identifiant_aides_territoires.startswith("OFF-")

    def test_ne_change_pas_avec_le_titre_ni_le_slug(self, aides, offres):
        for page in (aides["dst"], offres["eclairage"]):
            avant = page.identifiant_aides_territoires
            page.title, page.slug = "Un tout autre titre", "un-tout-autre-slug"
            page.save_revision().publish()
            page.refresh_from_db()
            assert page.identifiant_aides_territoires == avant

    def test_l_identifiant_de_l_ancien_flux_garde(self, client, offres, url_flux):
        page = offres["eclairage"]
        page.identifiant_aides_territoires = "162"
        page.full_clean()
        page.save_revision().publish()
        importee = next(i for i in lire(client, url_flux)[1] if i.name == "Éclairage public")
        assert importee.import_uniqueid == "CDDr_162"  # the record aides-territoires already has: updated

    def test_unique_entre_offres_et_aides_avec_un_message_clair(self, offres, aides):
        offres["eclairage"].identifiant_aides_territoires = "338"
        offres["eclairage"].save()
        autre = aides["dst"]
        autre.identifiant_aides_territoires = "338"
        with pytest.raises(ValidationError) as erreur:
            autre.full_clean()
        assert erreur.value.message_dict["identifiant_aides_territoires"] == [
            "« Éclairage public » a déjà cet identifiant aides-territoires : deux fiches du flux ne peuvent pas le "
            "partager, aides-territoires les confondrait."]
        meme_table = offres["riviere"]
        meme_table.identifiant_aides_territoires = "338"
        with pytest.raises(ValidationError) as erreur:
            meme_table.full_clean()
        assert any("a déjà cet identifiant aides-territoires" in m
                   for m in erreur.value.message_dict["identifiant_aides_territoires"])

    def test_format_et_identifiants_reserves(self, offres, aides):
        page = aides["dst"]
        page.identifiant_aides_territoires = "16 2"
        with pytest.raises(ValidationError) as erreur:
            page.full_clean()
        assert "sans espace" in erreur.value.message_dict["identifiant_aides_territoires"][0]
        page.identifiant_aides_territoires = "AIDE-9999"  # could be a future aid's default
        with pytest.raises(ValidationError) as erreur:
            page.full_clean()
        assert "sont ceux que le site donne" in erreur.value.message_dict["identifiant_aides_territoires"][0]
        page.identifiant_aides_territoires = f"AIDE-{page.pk:04d}"  # its own default is fine
        page.full_clean()
        page.identifiant_aides_territoires = ""  # empty: back to the default when saved
        page.full_clean()
        page.save()
        assert page.identifiant_aides_territoires == f"AIDE-{page.pk:04d}"

    def test_une_copie_a_son_propre_identifiant(self, offres, aides):
        for page in (offres["eclairage"], aides["dst"]):
            copie = page.copy(update_attrs={"slug": f"{page.slug}-copie", "title": "Copie"})
            copie = type(page).objects.get(pk=copie.pk)
            assert copie.identifiant_aides_territoires not in ("", None, page.identifiant_aides_territoires)
            assert copie.get_latest_revision_as_object().identifiant_aides_territoires \
                == copie.identifiant_aides_territoires

    def test_modifiable_dans_l_editeur(self, admin_client, aides):
        page = aides["dst"]
        adresse = f"/admin/pages/{page.pk}/edit/"
        formulaire = admin_client.get(adresse).content.decode()
        assert "Identifiant aides-territoires" in formulaire and page.identifiant_aides_territoires in formulaire
        donnees = champs_du_formulaire(formulaire)
        donnees.setdefault("documents-count", "0")  # the StreamField's inputs are drawn by the browser's script
        donnees["identifiant_aides_territoires"] = "650"
        donnees["action-publish"] = "action-publish"
        reponse = admin_client.post(adresse, donnees)
        assert reponse.status_code == 302, champs_en_erreur(reponse)
        assert AidePage.objects.get(pk=page.pk).identifiant_aides_territoires == "650"
        aides["riviere"].identifiant_aides_territoires = "651"
        aides["riviere"].save()
        donnees["identifiant_aides_territoires"] = "651"
        reponse = admin_client.post(adresse, donnees)
        assert reponse.status_code == 200
        assert "« Matériel de mesure rivières » a déjà cet identifiant aides-territoires" in reponse.content.decode()


def champs_du_formulaire(html):
    """The values a browser would send back from the page editor's form, as it shows them."""
    from html.parser import HTMLParser

    class Lecteur(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.donnees, self.select, self.textarea = {}, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            nom = attrs.get("name")
            if tag == "input" and nom and attrs.get("type") not in ("submit", "button", "file"):
                if attrs.get("type") in ("checkbox", "radio"):
                    if "checked" in attrs:
                        self.donnees.setdefault(nom, []).append(attrs.get("value", "on"))
                else:
                    self.donnees[nom] = attrs.get("value", "")
            elif tag == "select" and nom:
                self.select = nom
            elif tag == "option" and self.select and "selected" in attrs:
                self.donnees.setdefault(self.select, []).append(attrs.get("value", ""))
            elif tag == "textarea" and nom:
                self.textarea = nom
                self.donnees[nom] = ""

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                self.donnees[self.textarea] += data

    lecteur = Lecteur()
    lecteur.feed(html)
    return lecteur.donnees


def champs_en_erreur(reponse):
    formulaire = reponse.context["form"] if reponse.context and "form" in reponse.context else None
    return formulaire.errors if formulaire is not None else reponse.status_code


@pytest.mark.django_db
class TestRequetes:
    def test_nombre_de_requetes_borne_quel_que_soit_le_nombre_d_enregistrements(self, client, catalogue, offres,
                                                                                  aides, index_aides, ref, url_flux):
        def lien(page):
            return f'<p>Voir <a linktype="page" id="{page.pk}">cette page</a>.</p>'

        for i in range(12):
            offre(catalogue, f"Offre {i}", ref.caue, [ref.eau, ref.habitat], [ref.amo, ref.conseil],
                  beneficiaires=("syndicats", "communes"), operations_concernees=lien(offres["eclairage"]))
            aide(index_aides, f"Aide {i}", [ref.energie, ref.eau], ("communes", "syndicats"),
                 operations_eligibles=lien(aides["dst"]), service_instructeur=lien(catalogue))
            if i == 0:  # one offer and one aid with links to pages: then 11 of each more
                client.get(url_flux)  # the first request after a publication rebuilds the routing table (routage.py)
                avant = count_queries(lambda: client.get(url_flux))
        client.get(url_flux)
        assert count_queries(lambda: client.get(url_flux)) == avant
        assert client.get(url_flux).json()["count"] == 8 + 24

    def test_mille_enregistrements_en_une_reponse(self, client, catalogue, offres, aides, index_aides, ref,
                                                  url_flux, capsys):
        """The measure of issue #17: 900 offers and 150 aids more (created in bulk), read in one response."""
        client.get(url_flux)
        petit = count_queries(lambda: client.get(url_flux))
        thematiques, publics = [ref.energie.pk, ref.eau.pk], [beneficiaire("communes").pk, beneficiaire("epci").pk]
        creer_enfants(catalogue, OffrePage, [
            {"title": f"Offre {i}", "slug": f"offre-en-nombre-{i}", "identifiant_id": None,
             "identifiant_aides_territoires": f"{3000 + i}",
             "m2m": {"thematiques": thematiques, "beneficiaires": publics, "types_prestation": [ref.amo.pk]}}
            for i in range(900)], offres["eclairage"])
        creer_enfants(index_aides, AidePage, [
            {"title": f"Aide {i}", "slug": f"aide-en-nombre-{i}", "identifiant_aides_territoires": f"{5000 + i}",
             "m2m": {"thematiques": thematiques, "beneficiaires": publics}} for i in range(150)], aides["dst"])
        client.get(url_flux)
        requetes = count_queries(lambda: client.get(url_flux))
        debut = time.perf_counter()
        reponse = client.get(url_flux)
        duree = time.perf_counter() - debut
        donnees, importees = lire(client, url_flux)
        assert donnees["count"] == len(importees) == 8 + 1050 and donnees["next"] is None
        assert all(i.audiences and i.categories and i.types and i.recurrence for i in importees)
        assert requetes == petit
        with capsys.disabled():
            print(f"\nFlux aides-territoires : {donnees['count']} enregistrements en une réponse "
                  f"({len(reponse.content) // 1024} Kio), {requetes} requêtes SQL, {duree * 1000:.0f} ms")


@pytest.mark.django_db
def test_un_libelle_hors_du_vocabulaire_est_signale(client, offres, aides, url_flux, monkeypatch):
    records = client.get(url_flux).json()["results"]
    assert noms_inconnus(records, aides_territoires.VOCABULAIRE) == set()
    monkeypatch.setitem(aides_territoires.PUBLICS, "communes", "Communes")  # the Django site's plural: unknown now
    records = client.get(url_flux).json()["results"]
    assert noms_inconnus(records, aides_territoires.VOCABULAIRE) == {"Communes"}
    assert all("Commune" not in i.audiences for i in importer({"results": records}, TABLES))  # lost on import


def test_les_libelles_du_module_sont_ceux_du_vocabulaire():
    vocabulaire = aides_territoires.VOCABULAIRE
    assert set(aides_territoires.PUBLICS.values()) <= set(vocabulaire["audiences"]["names"])
    assert {c for cs in aides_territoires.CATEGORIES.values() for c in cs} <= set(vocabulaire["categories"]["names"])
    assert {aides_territoires.TYPE_INGENIERIE_TECHNIQUE, aides_territoires.TYPE_SUBVENTION} <= set(
        vocabulaire["aid_types"]["names"])
    assert set(aides_territoires.RECURRENCES.values()) == set(vocabulaire["recurrences"]["names"])


def test_le_vocabulaire_dit_sa_source():
    vocabulaire = aides_territoires.VOCABULAIRE
    assert vocabulaire["repository"] == "https://github.com/MTES-MCT/aides-territoires-symfony"
    assert vocabulaire["consulted_on"] == "2026-12-05"
    assert "ImportFluxDepartementDromeCommand.php (commit 09f5064" in vocabulaire["importer"]["command"]
    for liste in ("audiences", "categories", "aid_types", "recurrences"):
        assert vocabulaire[liste]["names"] and "commit" in vocabulaire[liste]["source"] + str(
            vocabulaire[liste].get("evidence", ""))


def test_toutes_les_thematiques_ont_des_categories():
    from site_collectivites.squelette.referentiel import THEMATIQUES

    assert {slug for slug, *_ in THEMATIQUES} == set(aides_territoires.CATEGORIES)
