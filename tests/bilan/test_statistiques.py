"""Every figure of the bilan on a hand-made year whose answers are known (tests/bilan/conftest.py: jeu)."""

from demandes.bilan.statistiques import annees_disponibles, calculer_bilan, calculer_cantons
from site_collectivites.territoire.models import Canton, Commune


def par_cle(serie):
    return {ligne["cle"]: ligne["nombre"] for ligne in serie}


def test_totaux_et_evolution(jeu):
    bilan = calculer_bilan(2025)
    assert bilan["total"] == 9
    assert bilan["total_precedent"] == 6
    assert bilan["evolution"] == 50.0


def test_pas_d_evolution_sans_annee_precedente(jeu):
    assert calculer_bilan(2024)["evolution"] is None
    assert calculer_bilan(2023)["total"] == 0


def test_communes_demandeuses_et_leur_part(jeu):
    communes = calculer_bilan(2025)["communes"]
    assert communes["nombre"] == 3  # Solaure en Diois (twice), Saillans, Valence
    assert communes["territoire"] == 362
    assert communes["part_territoire"] == 0.8
    assert communes["demandes"] == 4
    assert communes["part_demandes"] == 44.4


def test_types_de_collectivite_et_nombre_d_epci(jeu):
    bilan = calculer_bilan(2025)
    assert par_cle(bilan["types"]) == {"commune": 4, "epci": 3, "syndicat": 1, "autre": 1}
    assert bilan["nombre_epci"] == 2  # CA Valence Romans Agglo, CC du Diois (twice)


def test_tranches_de_population_des_communes(jeu):
    tranches = calculer_bilan(2025)["tranches"]
    assert par_cle(tranches) == {"moins_1000": 2, "1000_5000": 1, "plus_5000": 1}
    assert tranches[0]["part"] == 50.0  # of the communes' demandes


def test_thematiques_toutes_les_neuf(jeu):
    thematiques = calculer_bilan(2025)["thematiques"]
    assert len(thematiques) == 9
    assert par_cle(thematiques) == {
        "energie": 1, "eau-et-environnement": 4, "alimentation-et-commerce": 0, "amenagement": 2, "tourisme": 0,
        "habitat": 1, "solidarite": 0, "numerique": 1, "culture-et-patrimoine": 1,
    }


def test_prestations_realisees(jeu):
    prestations = calculer_bilan(2025)["prestations"]
    assert par_cle(prestations) == {"conseil": 1, "amo": 2, "maitrise-d-oeuvre": 1, "maitrise-d-ouvrage-deleguee": 0}
    assert prestations[1]["libelle"] == "Accompagnement et assistance à maîtrise d'ouvrage (AMO)"


def test_partenaires(jeu):
    partenaires = calculer_bilan(2025)["partenaires"]
    assert par_cle(partenaires) == {"caue": 2, "gestion-eau": 2, "sded": 1, "dah": 1}
    assert [ligne["cle"] for ligne in partenaires[:2]] == ["caue", "gestion-eau"]  # most first


def test_mois_dans_le_fuseau_de_paris(jeu):
    mois = calculer_bilan(2025)["mois"]
    assert [ligne["nombre"] for ligne in mois] == [0, 3, 2, 0, 1, 1, 0, 0, 0, 0, 1, 1]
    assert mois[11]["libelle"] == "décembre"


def test_cantons_tous_les_dix_neuf_meme_a_zero(jeu):
    cantons = calculer_bilan(2025)["cantons"]
    assert len(cantons) == 19
    nombres = par_cle(cantons)
    assert nombres["2604"] == 4  # Le Diois: Solaure ×2, Saillans, the syndicat seated at Die
    assert nombres["2615"] == 1  # Valence counts in Valence-1, its bureau centralisateur
    assert sum(nombres.values()) == 5  # EPCI demandes have no canton
    assert nombres["2602"] == 0
    diois = next(c for c in cantons if c["cle"] == "2604")
    assert diois["communes"] == 2 and diois["slug"] == "le-diois"


def test_l_histoire_ne_change_pas_quand_le_territoire_change(jeu):
    """A commune moved to another canton and merged: the frozen figures stay."""
    solaure = Commune.objects.get(insee="26001")
    solaure.cantons.set([Canton.objects.get(code="2602")])
    Commune.objects.filter(insee="26289").update(population=200, insee="26999")
    bilan = calculer_bilan(2025)
    assert par_cle(bilan["cantons"])["2604"] == 4
    assert par_cle(bilan["tranches"]) == {"moins_1000": 2, "1000_5000": 1, "plus_5000": 1}


def test_code_de_canton_disparu_garde_sa_ligne(jeu):
    jeu[9].territoire_canton_code, jeu[9].territoire_canton = "2699", "Ancien canton"
    jeu[9].save()
    cantons = calculer_bilan(2025)["cantons"]
    assert len(cantons) == 20
    assert cantons[-1] == {"cle": "2699", "libelle": "Ancien canton", "nombre": 1, "part": 11.1, "slug": "",
                           "communes": 0}


def test_perimetre_canton_et_epci(jeu):
    diois = calculer_bilan(2025, canton="2604")
    assert diois["total"] == 4
    assert diois["communes"]["territoire"] == 61
    assert diois["communes"]["nombre"] == 2
    agglo = calculer_bilan(2025, epci="200068781")
    assert agglo["total"] == 2  # Valence and the agglomération itself
    assert agglo["communes"]["territoire"] == 54


def test_perimetre_partenaire(jeu, referentiel):
    caue = referentiel["partenaires"]["caue"]
    bilan = calculer_bilan(2025, partenaire=caue)
    assert bilan["total"] == 2
    # Only the CAUE's own assignments count: the DAH declined demande 3, it is not listed.
    assert par_cle(bilan["partenaires"]) == {"caue": 2}
    assert par_cle(bilan["prestations"])["amo"] == 1


def test_detail_des_cantons(jeu):
    cantons = calculer_cantons(2025)
    assert len(cantons) == 19
    diois = cantons["2604"]
    assert diois["total"] == 4
    assert diois["communes_territoire"] == 61
    assert [(c["nom"], c["nombre"]) for c in diois["communes"]] == [("Saillans", 1), ("Solaure en Diois", 2)]
    solaure = diois["communes"][1]
    assert solaure["thematiques"] == [1, 1, 0, 0, 0, 1, 0, 0, 0]  # énergie, eau, habitat
    assert par_cle(diois["thematiques"])["eau-et-environnement"] == 2  # Solaure and the syndicat
    assert cantons["2602"]["communes"] == [] and cantons["2602"]["total"] == 0


def test_detail_d_un_canton(jeu):
    assert list(calculer_cantons(2025, canton="2615")) == ["2615"]


def test_annees_disponibles(jeu):
    assert annees_disponibles() == [2025, 2024]


def test_commune_renommee_entre_deux_demandes_reste_une_ligne(jeu):
    jeu[2].territoire_commune = "Solaure-en-Diois (ancien nom)"
    jeu[2].territoire_canton = "Diois (ancien nom)"
    jeu[2].save()
    diois = calculer_cantons(2025)["2604"]
    assert diois["total"] == 4
    assert len(diois["communes"]) == 2
    solaure = next(c for c in diois["communes"] if c["insee"] == "26001")
    assert solaure["nombre"] == 2 and solaure["thematiques"] == [1, 1, 0, 0, 0, 1, 0, 0, 0]
    assert par_cle(calculer_bilan(2025)["cantons"])["2604"] == 4
