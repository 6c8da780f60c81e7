"""Small extracts of the official files (INSEE COG, @etalab/decoupage-administratif), written by the tests."""

import json

V_CANTON = """CAN,DEP,REG,COMPCT,BURCENTRAL,TNCC,NCC,NCCENR,LIBELLE,TYPECT
2601,26,84,2,26057,0,BOURG DE PEAGE,Bourg-de-Péage,Bourg-de-Péage,C
2604,26,84,1,26113,2,DIOIS,Diois,Le Diois,C
2699,26,84,4,26362,0,VALENCE,Valence,Valence,V
0701,07,84,1,07010,0,ANNONAY 1,Annonay 1,Annonay-1,C
"""

ENTETE_V_COMMUNE = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"
LIGNES_V_COMMUNE = [
    "COM,26001,84,26,26D,263,0,SOLAURE EN DIOIS,Solaure en Diois,Solaure-en-Diois,2604,",
    "COM,26002,84,26,26D,261,1,ALBON,Albon,Albon,2601,",
    "COM,26362,84,26,26D,262,0,VALENCE,Valence,Valence,2699,",
    "COMD,26219,84,26,26D,261,0,MUREILS,Mureils,Mureils,,26216",
    # As re-saved by a spreadsheet (leading zeros lost), another département: ignored.
    "COM,1001,84,1,01D,012,5,ABERGEMENT CLEMENCIAT,Abergement-Clémenciat,L'Abergement-Clémenciat,108,",
]
# commune2019.csv / commune2020.csv: lower-case header, no CTCD column.
ENTETE_COMMUNE_2019 = "typecom,com,reg,dep,arr,tncc,ncc,nccenr,libelle,can,comparent"


def v_commune(ancien_format=False):
    if not ancien_format:
        return "\n".join([ENTETE_V_COMMUNE, *LIGNES_V_COMMUNE]) + "\n"
    lignes = [",".join(ligne.split(",")[:4] + ligne.split(",")[5:]) for ligne in LIGNES_V_COMMUNE]
    return "\n".join([ENTETE_COMMUNE_2019, *lignes]) + "\n"


COMMUNES_JSON = [
    {
        "code": "26001",
        "nom": "Solaure en Diois",
        "typeLiaison": 0,
        "zone": "metro",
        "arrondissement": "263",
        "departement": "26",
        "region": "84",
        "type": "commune-actuelle",
        "rangChefLieu": 0,
        "siren": "212600011",
        "codesPostaux": ["26150"],
        "population": 470,
    },
    {
        "code": "26216",
        "nom": "Saint-Jean-de-Galaure",
        "departement": "26",
        "type": "commune-actuelle",
        "codesPostaux": ["26240", "26330"],
        "population": 1250,
    },
    {"code": "26219", "nom": "Mureils", "departement": "26", "type": "commune-deleguee", "chefLieu": "26216"},
    {
        "code": "07010",
        "nom": "Annonay",
        "departement": "07",
        "type": "commune-actuelle",
        "codesPostaux": ["07100"],
        "population": 16000,
    },
    {
        "code": "26999",
        "nom": "Commune-Nouvelle-d'Essai",
        "departement": "26",
        "type": "commune-actuelle",
        "codesPostaux": ["26400"],
        "population": 1200,
    },
]

EPCI_JSON = [
    {
        "code": "242600534",
        "nom": "Communauté de communes du Diois",
        "type": "CC",
        "modeFinancement": "FPU",
        "populationTotale": 12000,
        "populationMunicipale": 11800,
        "membres": [
            {"code": "26001", "siren": "212600011", "nom": "Solaure en Diois", "populationTotale": 470},
            {"code": "26002", "siren": "212600029", "nom": "Albon", "populationTotale": 1942},
        ],
    },
    {
        "code": "200000172",
        "nom": "CC Faucigny-Glières",
        "type": "CC",
        "modeFinancement": "FPU",
        "populationTotale": 27000,
        "membres": [{"code": "74042", "siren": "217400426", "nom": "Bonneville"}],
    },
]


def ecrire(chemin, contenu):
    if not isinstance(contenu, str):
        contenu = json.dumps(contenu, ensure_ascii=False, indent=1)
    chemin.write_text(contenu, encoding="utf-8")
    return chemin
