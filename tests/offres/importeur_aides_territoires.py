"""aides-territoires' importer of the Drôme's feed, ported to Python: our feed read as it reads it.

The PHP, in MTES-MCT/aides-territoires-symfony (read with the search tool on 2026-12-05):
- src/Command/ImportFlux/ImportFluxCommand.php, commit 02c4b65701e68bc0a497553b164649d0d590c44e:
  callApi() makes ONE request when $paginationEnabled is false (the Drôme's case), takes the first key of the
  response among result, results, aides, records, ListeDispositifs that holds a list, and stops with « Le flux ne
  contient aucune aide » when there is none; importFlux() skips a record without an import id and finds the
  existing aid by that id; createAid() credits the data source's backer (the Département) and sets the data source's
  perimeter, whatever `financers` and `perimeter` say; the Drôme's command defines no setKeywords (the base one
  reads nothing) and getFieldsMapping() maps no rate: keywords and rates are not read.
- src/Command/ImportFlux/ImportFluxDepartementDromeCommand.php, commit 09f50641536e0bf0835b0bbf539ade1a8c50fd4a:
  getImportUniqueid() lines 23-29; getFieldsMapping() lines 31-116 (description lines 52-58, eligibility lines
  60-71, dates lines 73-85, contact lines 87-98); setAidRecurrence() lines 118-128; setAidTypes() lines 130-145;
  setAidAudiences() lines 147-166; setCategories() lines 168-180.

Names are looked up with findOneBy(['name' => …]) in MySQL tables of collation utf8mb4_unicode_ci: `cle_mysql()`
approximates that comparison (case and accents ignored, trailing spaces ignored). The tables are the names of
offres/data/aides_territoires_vocabulaire.json. Symfony's HtmlSanitizer is not ported: the tests check the HTML
the importer hands it, which must already be complete and well-formed.
"""

import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

CLES_DES_AIDES = ("result", "results", "aides", "records", "ListeDispositifs")  # ImportFluxCommand::$aidsLabelSearch
PREFIXE = "CDDr_"  # ImportFluxDepartementDromeCommand::$importUniqueidPrefix
# setAidAudiences(): « Mostly matches our audiences save for two, so mapping manually here ».
AUDIENCES_RENOMMEES = {
    "Établissements publics (écoles, bibliothèques…)": "Établissement public",
    "EPCI à fiscalité propre": "Intercommunalité / Pays",
}


class ImportImpossible(Exception):
    """The command stops (an e-mail to aides-territoires' administrator, nothing imported)."""


def cle_mysql(nom):
    """Two names equal for MySQL under utf8mb4_unicode_ci have the same key: accents and case aside, and the
    trailing spaces (PAD SPACE)."""
    decompose = unicodedata.normalize("NFKD", nom)
    return "".join(c for c in decompose if not unicodedata.combining(c)).casefold().rstrip(" ")


class Table:
    """One of aides-territoires' tables (OrganizationType, Category, AidType, AidRecurrence), by name."""

    def __init__(self, noms):
        self.par_cle = {cle_mysql(nom): nom for nom in noms}

    def trouver(self, nom):
        """findOneBy(['name' => nom]): the row's name, or None (the importer then skips it without a word)."""
        return self.par_cle.get(cle_mysql(nom)) if isinstance(nom, str) else None


def tables(vocabulaire):
    return {
        "audiences": Table(vocabulaire["audiences"]["names"]),
        "categories": Table(vocabulaire["categories"]["names"]),
        "types": Table(vocabulaire["aid_types"]["names"]),
        "recurrences": Table(vocabulaire["recurrences"]["names"]),
    }


def _vrai(valeur):
    """PHP's truth of a string: "" and "0" are false."""
    return bool(valeur) and valeur != "0"


def strpos(texte, aiguille):
    """PHP's strpos (byte offsets there, characters here: the same cut)."""
    position = texte.find(aiguille)
    return None if position < 0 else position


def couper_description(description):
    """getFieldsMapping(), lines 52-58: everything before « Service Instructeur et Référent »."""
    if not _vrai(description):
        return description
    position = strpos(description, "Service Instructeur et Référent")
    return description[:position] if position is not None else description


def couper_eligibilite(description):
    """getFieldsMapping(), lines 60-71: from the first « Opérations éligibles » up to the next « Type d »; None
    when the description has no « Opérations éligibles »."""
    if not _vrai(description):
        return description
    debut = strpos(description, "Opérations éligibles")
    if debut is None:
        return None
    eligibilite = description[debut:]
    fin = strpos(eligibilite, "Type d")
    return eligibilite[:fin] if fin is not None else eligibilite


def contact(enregistrement):
    """getFieldsMapping(), lines 87-98: `contact`, else the description from « Service Instructeur et Référent »."""
    valeur = enregistrement.get("contact")  # isset(): false for null
    if _vrai(valeur):
        return valeur
    description = enregistrement.get("description")
    if not _vrai(description):
        return description
    position = strpos(description, "Service Instructeur et Référent")
    return description[position:] if position is not None else None


def date_php(valeur):
    """new \\DateTime($valeur ?? null), lines 73-85: null gives « now » (PHP reads it as an empty string)."""
    return "maintenant" if valeur is None else valeur


@dataclass
class AideImportee:
    import_uniqueid: str
    name: str
    description: str
    eligibility: str | None
    contact: str | None
    origin_url: str
    application_url: str
    is_call_for_project: bool
    date_start: str
    date_submission_deadline: str
    audiences: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    types: list = field(default_factory=list)
    recurrence: str | None = None


def importer(reponse, tables_at):
    """The records the command creates or updates from the JSON of its one response, as it reads them."""
    aides = []
    for cle, valeur in reponse.items():  # callApi(): the first of its keys that holds a list
        if cle in CLES_DES_AIDES and isinstance(valeur, list):
            aides = valeur
            break
    if not aides:
        raise ImportImpossible("Le flux ne contient aucune aide")
    importees = []
    for enregistrement in aides:
        if enregistrement.get("id") is None:  # getImportUniqueid(): no id, no record (importFlux() skips it)
            continue
        types = enregistrement.get("aid_types")
        types = [types] if isinstance(types, str) else types
        audiences = enregistrement.get("targeted_audiences")
        categories = enregistrement.get("categories")
        importee = AideImportee(
            import_uniqueid=f"{PREFIXE}{enregistrement['id']}",
            name=enregistrement.get("name"),
            description=couper_description(enregistrement.get("description")),
            eligibility=couper_eligibilite(enregistrement.get("description")),
            contact=contact(enregistrement),
            origin_url=enregistrement.get("origin_url"),
            application_url=enregistrement.get("application_url"),
            is_call_for_project=enregistrement.get("is_call_for_project") or False,
            date_start=date_php(enregistrement.get("start_date")),
            date_submission_deadline=date_php(enregistrement.get("submission_deadline")),
            types=[n for n in (tables_at["types"].trouver(t) for t in types) if n],
            recurrence=tables_at["recurrences"].trouver(enregistrement.get("recurrence")),
        )
        if isinstance(audiences, list):
            for nom in audiences:
                nom = AUDIENCES_RENOMMEES.get(nom, nom)
                trouve = tables_at["audiences"].trouver(nom)
                if trouve and trouve not in importee.audiences:
                    importee.audiences.append(trouve)
        if isinstance(categories, list):
            importee.categories = list(dict.fromkeys(n for n in map(tables_at["categories"].trouver, categories) if n))
        importees.append(importee)
    return importees


def noms_inconnus(records, vocabulaire):
    """The names of a feed's records that are not, exactly, names of aides-territoires' tables (the importer would
    drop them, or, matching blind to case and accents, keep a name we did not mean)."""
    listes = {"targeted_audiences": "audiences", "categories": "categories", "aid_types": "aid_types"}
    inconnus = set()
    for record in records:
        for cle, liste in listes.items():
            inconnus |= set(record[cle]) - set(vocabulaire[liste]["names"])
        if record["recurrence"] not in vocabulaire["recurrences"]["names"]:
            inconnus.add(record["recurrence"])
    return inconnus


VIDES = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Verificateur(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pile, self.erreurs = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VIDES:
            self.pile.append(tag)

    def handle_endtag(self, tag):
        if tag in VIDES:
            return
        if not self.pile or self.pile[-1] != tag:
            self.erreurs.append(f"</{tag}> ferme {self.pile[-1] if self.pile else 'rien'}")
            return
        self.pile.pop()


def erreurs_html(html):
    """What is wrong in a fragment of HTML: a closing tag that closes nothing or another element, an element left
    open ([] when it is well-formed)."""
    verificateur = _Verificateur()
    verificateur.feed(html)
    verificateur.close()
    return verificateur.erreurs + [f"<{tag}> jamais fermé" for tag in verificateur.pile]
