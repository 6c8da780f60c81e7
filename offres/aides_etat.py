"""Import of State aids from the aides-territoires API into cached link records (AideEtat).

The API (https://aides-territoires.beta.gouv.fr/api/) exchanges a personal X-AUTH-TOKEN for a
bearer token at /api/connexion/, then serves paginated JSON at /api/aids/?… ({count, next,
previous, results}). Everything is fetched first, then written in one transaction: a network error
leaves the cached records untouched. Records are matched on the aides-territoires id (idempotent);
records no longer returned by the API are deleted.

Only aids whose categories map to one of our thématiques are kept; the mapping is the single dict
offres.aides_territoires.CATEGORIES (also used by our own feed), read in the other direction.
The one HTTP call lives in `requete_json()` so that tests replace it (tests never touch the network).
"""

import datetime
import json
import urllib.error
import urllib.request
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from site_collectivites.taxonomie.models import Thematique

from .aides_territoires import CATEGORIES
from .models import AideEtat

URL_PAR_DEFAUT = "https://aides-territoires.beta.gouv.fr"
# The search sent to /api/aids/: aids for communes, financed by the State (national backers), on the
# Drôme's perimeter. Adjust here if aides-territoires changes its parameters.
PARAMETRES_RECHERCHE = {
    "targeted_audiences": "commune",
    "backers_types": "national",
    "perimeter": "Drôme",
    "itemsPerPage": 50,
}
PAGES_MAX = 200  # a guard against a "next" link that loops
DELAI = 30  # seconds


class ErreurImport(Exception):
    pass


def configuration():
    """(base URL, token) from the settings (AIDES_TERRITOIRES_URL / AIDES_TERRITOIRES_TOKEN)."""
    url = getattr(settings, "AIDES_TERRITOIRES_URL", "") or URL_PAR_DEFAUT
    return url.rstrip("/"), getattr(settings, "AIDES_TERRITOIRES_TOKEN", "")


def requete_json(url, headers=None, methode="GET"):
    """The JSON body of one HTTP request (the only network access of the import)."""
    # urlopen also opens file:// and other schemes: a mistyped AIDES_TERRITOIRES_URL must not read local files.
    if urlsplit(url).scheme not in ("https", "http"):
        raise ErreurImport(f"URL refusée (http ou https seulement) : {url}")
    requete = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})}, method=methode)
    # Bandit B310 silenced: the scheme is checked just above.
    with urllib.request.urlopen(requete, timeout=DELAI) as reponse:  # nosec B310  # noqa: S310
        return json.loads(reponse.read().decode("utf-8"))


def _appel(url, headers=None, methode="GET"):
    try:
        return requete_json(url, headers, methode)
    except urllib.error.HTTPError as erreur:
        raise ErreurImport(f"aides-territoires a répondu {erreur.code} pour {url}") from erreur
    except (urllib.error.URLError, TimeoutError, OSError) as erreur:
        raise ErreurImport(f"aides-territoires injoignable ({url}) : {erreur}") from erreur
    except ValueError as erreur:
        raise ErreurImport(f"réponse illisible d'aides-territoires ({url})") from erreur


def connexion(base, token):
    """The bearer token given by /api/connexion/ in exchange for our X-AUTH-TOKEN."""
    reponse = _appel(f"{base}/api/connexion/", {"X-AUTH-TOKEN": token}, methode="POST")
    bearer = reponse.get("token") if isinstance(reponse, dict) else None
    if not bearer:
        raise ErreurImport("aides-territoires n'a pas renvoyé de jeton de connexion")
    return bearer


def lire_aides(base, bearer, parametres=None):
    """Every result of the search, following the `next` links."""
    url = f"{base}/api/aids/?{urlencode(parametres or PARAMETRES_RECHERCHE)}"
    resultats = []
    for _page in range(PAGES_MAX):
        page = _appel(url, {"Authorization": f"Bearer {bearer}"})
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise ErreurImport(f"réponse inattendue d'aides-territoires ({url})")
        resultats += page["results"]
        url = page.get("next")
        if not url:
            return resultats
        url = urljoin(base + "/", url)
    raise ErreurImport("trop de pages dans la réponse d'aides-territoires")


def thematiques_par_categorie():
    """{their category label: {our thématique slugs}} (the CATEGORIES dict, reversed)."""
    inverse = {}
    for slug, categories in CATEGORIES.items():
        for categorie in categories:
            inverse.setdefault(categorie, set()).add(slug)
    return inverse


def _categorie(libelle):
    # The API gives "Thème|Sous-thème" or just the sub-theme.
    return str(libelle).split("|")[-1].strip()


def _date(valeur):
    try:
        return datetime.date.fromisoformat(str(valeur)[:10]) if valeur else None
    except ValueError:
        return None


def _financeurs(valeur):
    noms = [f.get("name", "") if isinstance(f, dict) else str(f) for f in (valeur or [])]
    return ", ".join(n for n in noms if n)[:500]


def convertir(resultat, base, correspondances):
    """(fields, thématique slugs) for one API result, or None when it matches none of our thématiques."""
    slugs = set()
    for libelle in resultat.get("categories") or []:
        slugs |= correspondances.get(_categorie(libelle), set())
    if not slugs or not resultat.get("id") or not resultat.get("name"):
        return None
    champs = {
        "nom": str(resultat["name"])[:500],
        "url": urljoin(base + "/", resultat.get("url") or f"/aides/{resultat.get('slug', '')}/")[:500],
        "financeurs": _financeurs(resultat.get("financers")),
        "date_limite": _date(resultat.get("submission_deadline")),
    }
    return champs, slugs


def importer(base=None, token=None, maintenant=None):
    """Fetch, then replace the cached State aids. Returns {"crees", "mis_a_jour", "supprimes", "ignores"}."""
    defaut_base, defaut_token = configuration()
    base, token = (base or defaut_base).rstrip("/"), token or defaut_token
    if not token:
        raise ErreurImport("jeton manquant : définissez AIDES_TERRITOIRES_TOKEN (réglages ou environnement)")
    bearer = connexion(base, token)
    resultats = lire_aides(base, bearer)

    maintenant = maintenant or timezone.now()
    correspondances = thematiques_par_categorie()
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    bilan = {"crees": 0, "mis_a_jour": 0, "supprimes": 0, "ignores": 0}
    vus = set()
    with transaction.atomic():
        for resultat in resultats:
            converti = convertir(resultat, base, correspondances)
            if converti is None:
                bilan["ignores"] += 1
                continue
            champs, slugs = converti
            identifiant = str(resultat["id"])
            if identifiant in vus:
                continue
            vus.add(identifiant)
            aide, cree = AideEtat.objects.update_or_create(
                identifiant=identifiant, defaults={**champs, "importe_le": maintenant}
            )
            aide.thematiques.set([thematiques[s] for s in slugs if s in thematiques])
            bilan["crees" if cree else "mis_a_jour"] += 1
        bilan["supprimes"], _ = AideEtat.objects.exclude(identifiant__in=vus).delete()
    return bilan
