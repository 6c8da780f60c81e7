"""Whatever a visitor (or a robot) sends to a public form or puts in a query string, the site answers
in French with an expected status, never with a server error.

Property-based (hypothesis): each test draws a bounded number of inputs (random unicode with NUL bytes,
huge numbers, lists instead of single values, markup, known awkward values) with a fixed derandomized
seed, so CI runs the same examples every time; a failure prints the smallest input that breaks the page.
See docs/securite.md.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

STATUTS_ATTENDUS = {200, 302, 400, 404, 410, 429}
# Enough examples to find the classic crashes (int() of a unicode digit, an out-of-range integer, a NUL
# byte reaching PostgreSQL), few enough to keep the module around a minute.
EXEMPLES = 30
REGLAGES = settings(
    deadline=None, max_examples=EXEMPLES, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values people and robots really send, tried before the random ones.
VALEURS_PIEGES = [
    "", " ", "0", "-1", "1" * 40, "-99999999999999999999", "1e309", "NaN", "2.5", "²", "١٢", "𝟗", "\x00",
    "a\x00b", "<script>alert(1)</script>", "'; DROP TABLE offres_offrepage; --", "%00", "../../etc/passwd",
    "é" * 3000, "\u202e", "\ufeff", "null", "[]",
]
# Every unicode character but the lone surrogates (which no HTTP client can encode in UTF-8).
TEXTE = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
VALEUR = st.one_of(st.sampled_from(VALEURS_PIEGES), TEXTE, st.integers().map(str))
VALEUR_OU_LISTE = st.one_of(VALEUR, st.lists(VALEUR, min_size=1, max_size=4))


def parametres(noms):
    """A query string (or form data): the known parameter names and a few unknown ones, with any value."""
    return st.dictionaries(st.one_of(st.sampled_from(noms), TEXTE.filter(bool)), VALEUR_OU_LISTE, max_size=6)


def verifier(reponse, contexte):
    """The response a person (or a robot) may get: an expected status, a French page when there is a page."""
    assert reponse.status_code in STATUTS_ATTENDUS, f"{reponse.status_code} pour {contexte!r}"
    if reponse.status_code != 302 and reponse["Content-Type"].startswith("text/html"):
        assert 'lang="fr"' in reponse.content.decode(), f"page sans lang=\"fr\" pour {contexte!r}"


def nouvel_exemple():
    # The forms' rate limits count in the database: without this, the 11th example would only see the 429.
    from site_collectivites.models import CompteurLimite

    CompteurLimite.objects.all().delete()


FILTRES = {
    "catalogue": ["thematique", "partenaire", "type", "beneficiaire", "q", "page"],
    "aides": ["thematique", "beneficiaire", "statut", "q", "page", "impression"],
    "realisations": ["thematique", "partenaire", "canton", "annee", "q", "page"],
    "agenda": ["type", "thematique", "partenaire", "mois", "page"],
    "actualites": ["thematique", "page"],
    "replays": ["thematique", "partenaire", "page"],
    "lettres": ["page"],
    "bilan": ["annee"],
    "bilan_canton": ["annee"],
    "demande": ["offre", "thematique"],
}


@pytest.mark.parametrize("liste", FILTRES)
def test_filtres_et_pagination_des_listes(client, demo, liste):
    """The facets, the words and the page number of every listing, the bilan's year, the form's pre-filling."""
    url = getattr(demo, liste)

    @REGLAGES
    @given(params=parametres(FILTRES[liste]))
    @example(params={"page": "-1"})
    @example(params={"page": "99999999999999999999999"})
    @example(params={"page": ["2", "3"], "q": "\x00"})
    @example(params={"annee": "99999999999", "mois": "2026-13"})
    @example(params={"annee": "-2025", "mois": "0000-00"})
    def essai(params):
        nouvel_exemple()
        verifier(client.get(url, params), (url, params))

    essai()


@REGLAGES
@given(params=parametres(["q", "page"]))
@example(params={"q": "\x00", "page": "²"})
@example(params={"q": "x" * 10000, "page": "-5"})
def test_recherche(client, demo, params):
    nouvel_exemple()
    verifier(client.get("/recherche/", params), params)


def formulaire(champs_valides):
    """Form data: a valid submission where some fields are replaced by anything, or removed."""
    return st.fixed_dictionaries({}, optional={nom: VALEUR_OU_LISTE for nom in champs_valides}).map(
        lambda remplacements: {**champs_valides, **remplacements}
    ) | parametres(list(champs_valides))


def _demande_valide():
    from site_collectivites.taxonomie.models import Thematique
    from site_collectivites.territoire.models import Commune

    return {
        "type_collectivite": "commune", "commune": str(Commune.objects.order_by("nom").first().pk), "epci": "",
        "nom_structure": "", "nom": "Martin", "prenom": "Claire", "fonction": "maire", "fonction_autre": "",
        "email": "mairie@exemple.fr", "telephone": "04 75 00 00 00", "titre": "Rénovation de l'école",
        "thematiques": [str(Thematique.objects.order_by("pk").first().pk)], "type_prestation": "", "offre": "",
        "description": "L'école consomme trop.", "calendrier": "2027", "budget": "250000",
        "cle_envoi": "GM89KTpRiDHjAp0zA_Ys91bT3aDUb3pm53ouJCt0x7Y",
    }


def test_formulaire_de_demande(client, demo):
    champs = _demande_valide()

    @REGLAGES
    @given(donnees=formulaire(champs))
    @example(donnees={**champs, "budget": "1" * 400})
    @example(donnees={**champs, "commune": "99999999999999999999", "thematiques": ["-1", "²"]})
    @example(donnees={**champs, "type_collectivite": ["commune", "epci"], "telephone": "\x00"})
    def essai(donnees):
        nouvel_exemple()
        verifier(client.post(demo.demande, donnees), donnees)

    essai()


def test_inscription_a_un_evenement(client, demo):
    from site_collectivites.territoire.models import Commune

    url = demo.evenement.url + demo.evenement.reverse_subpage("inscription")
    champs = {
        "collectivite": f"commune-{Commune.objects.order_by('nom').first().pk}", "autre_structure": "",
        "prenom": "Claire", "nom": "Martin", "fonction": "maire", "email": "claire@exemple.fr",
        "nombre_personnes": "1", "besoins_accessibilite": "",
    }

    @REGLAGES
    @given(donnees=formulaire(champs))
    @example(donnees={**champs, "collectivite": "commune-²"})
    @example(donnees={**champs, "collectivite": "epci-99999999999999999999999"})
    @example(donnees={**champs, "nombre_personnes": "99999999999999999999999"})
    def essai(donnees):
        nouvel_exemple()
        verifier(client.post(url, donnees), donnees)

    essai()


@pytest.mark.parametrize("origine", ["pied_de_page", "page_complete"])
def test_abonnement_a_la_lettre(client, demo, origine):
    """The footer's form (the address only) and the full form post to the same view."""
    from site_collectivites.taxonomie.models import Thematique

    champs = {"email": "lecteur@exemple.fr", "origine": "/", "version_mention": ""}
    if origine == "page_complete":
        champs |= {"thematiques": [str(Thematique.objects.order_by("pk").first().pk)],
                   "collectivite": "Saillans", "fonction": "maire"}

    @REGLAGES
    @given(donnees=formulaire(champs))
    @example(donnees={**champs, "origine": "//evil.example/\x00"})
    @example(donnees={**champs, "thematiques": ["99999999999999999999"], "version_mention": "x" * 50})
    def essai(donnees):
        nouvel_exemple()
        verifier(client.post("/lettre/inscription/", donnees), donnees)

    essai()


def test_preferences_et_liens_personnels(client, demo):
    champs = {"thematiques": [], "collectivite": "Saillans", "fonction": "maire"}
    url = f"/lettre/preferences/{demo.abonne.jeton}/"

    @REGLAGES
    @given(donnees=formulaire(champs), jeton=st.one_of(st.just(demo.abonne.jeton), VALEUR))
    @example(donnees={"thematiques": ["²", "-1", "99999999999999999999"]}, jeton=demo.abonne.jeton)
    def essai(donnees, jeton):
        nouvel_exemple()
        verifier(client.post(url, donnees), donnees)
        # The personal links with any token: unknown or malformed tokens get the French "invalid link" page.
        for chemin in ("preferences", "desabonnement", "confirmer", "renouveler"):
            lien = f"/lettre/{chemin}/{jeton.replace('/', '')}/"
            if jeton.replace("/", ""):
                verifier(client.get(lien), lien)

    essai()
