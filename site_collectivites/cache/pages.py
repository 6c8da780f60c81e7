"""Whole-response cache of the public pages seen by anonymous visitors (issue #8, docs/performance.md).

Why our own middleware rather than Django's UpdateCacheMiddleware: Django keys its cache on the Cookie header
as soon as a response says `Vary: Cookie`, and every page rendered for a visitor varies on it (the session is
read to know whether the visitor is logged in), so a visitor who holds any cookie would never hit; and Django
has no way to invalidate everything when a page or a snippet changes. Here:

- only GET requests without a session or messages cookie are looked up: a logged-in editor, a visitor who
  just sent a form (a flash message) or unlocked a private page always reaches Django;
- only complete 200 HTML responses that set no cookie are stored: a page that carries a CSRF-protected form
  sets the csrftoken cookie, so it is never stored (and never serves one visitor's token to another);
- the key is the host, the path and the query parameters pages read, sorted; other parameters are dropped, a
  page that read one is not stored, and the variants of one path are bounded (cles.py);
- the response is stored whole, headers included: its Content-Security-Policy header keeps the nonce that its
  HTML carries (the JSON-LD of events), so a hit is consistent without running the CSP middleware again;
- each entry carries the site-wide generation number it was rendered under, bumped whenever something shown on
  pages changes (cache/invalidation.py): every page is refreshed at once, never one stale page left behind;
- when the cache cannot be read (Redis unreachable: cache/redis.py), there is no generation: pages are rendered
  and served, nothing is read from nor written to the cache, and nothing is kept in this process either (a change
  made meanwhile through another server could not be seen). Redis back, the generation moves on.

A hit is one round trip to the cache: the generation and the entry are read together (`get_many`, a Redis
MGET), and the entry counts only if it was stored under the current generation. Each process also keeps its
most recently served entries (CACHE_PAGES_COPIES_LOCALES): for those, the round trip reads the generation
alone, a few bytes instead of the whole page, and the copy is served only if it carries that generation and
has not outlived CACHE_PAGES_SECONDES. A change made through any server is therefore seen by every server at
its next request, as with the shared entries. The entry is a plain tuple
(generation, (status, headers, body, expiry)) rather than a pickled HttpResponse: smaller, and faster to load.
"""

import contextvars
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from site_collectivites.cache import cles

CLE_GENERATION = "pages:generation"
COOKIES_PERSONNELS = ("SESSION_COOKIE_NAME", "MESSAGES_COOKIE_NAME")
CONTROLES_PRIVES = {"private", "no-cache", "no-store"}


def _cache():
    return caches[settings.CACHE_PAGES_ALIAS]


# The generation a request has read, kept for the rest of it: the menus, the routing table, the facet index and
# the cards each check their value against it, and one read per request is enough (a consistent view, too). Set
# by CachePagesMiddleware for each request; a bump made during the request forgets it.
_generation_lue = contextvars.ContextVar("generation_lue", default=None)


def _retenir(gen):
    lue = _generation_lue.get()
    if lue is not None and gen is not None:
        lue["generation"] = gen
    return gen


def generation():
    """The current generation; None when the cache cannot be read (Redis unreachable), and then for the rest of
    the request. Initialised from the clock, so that after an eviction of this key (Redis under memory pressure)
    the new number is higher than any previous one and no old entry can match it again."""
    lue = _generation_lue.get()
    if lue and "generation" in lue:
        return lue["generation"]
    valeur = _cache().get(CLE_GENERATION)
    if valeur is None:
        _cache().add(CLE_GENERATION, int(time.time() * 1000), timeout=None)
        valeur = _cache().get(CLE_GENERATION)
    if lue is not None:
        lue["generation"] = valeur
    return valeur


def valeurs_de_la_requete():
    """A dict that lives as long as the current request (None outside one), emptied by a bump: where a value
    read once per generation is kept when there is no generation (par_generation.py)."""
    lue = _generation_lue.get()
    return None if lue is None else lue.setdefault("valeurs", {})


def nouvelle_generation():
    lue = _generation_lue.get()
    if lue is not None:
        lue.clear()
    try:
        _cache().incr(CLE_GENERATION)
    except ValueError:  # key evicted or never set: a clock-based value is higher than any previous one
        _cache().set(CLE_GENERATION, int(time.time() * 1000), timeout=None)


def _nom_cookie(nom):
    return getattr(settings, nom, {"MESSAGES_COOKIE_NAME": "messages"}.get(nom))


def _requete_eligible(request):
    if not settings.CACHE_PAGES or request.method != "GET":
        return False
    if request.path_info.startswith(tuple(settings.CACHE_PAGES_EXCLUSIONS)):
        return False
    return not any(_nom_cookie(nom) in request.COOKIES for nom in COOKIES_PERSONNELS)


# In the keys: a new release that changes what an entry holds, or how keys are made, never reads the previous
# release's entries (both run side by side during a rolling deployment). 3: keys of declared parameters only;
# 4: the header's identity in the navigation's entry.
FORMAT_ENTREES = 4


def _cle(request):
    """The key of the request's page: its path and the query parameters pages read (cles.py)."""
    return f"pages:v{FORMAT_ENTREES}:{cles.empreinte(cles.adresse_normalisee(request))}"


def _variante_permise(request, gen):
    """Whether one more variant of this path (a URL with parameters) may be stored under this generation: at most
    CACHE_PAGES_VARIANTES within CACHE_PAGES_SECONDES, so that arbitrary values cannot fill the cache."""
    chemin = f"{request.scheme}://{request.get_host()}{request.path}"
    cle = f"pages:variantes:v{FORMAT_ENTREES}:{gen}:{cles.empreinte(chemin)}"
    if _cache().add(cle, 1, timeout=settings.CACHE_PAGES_SECONDES):
        return True
    try:
        return _cache().incr(cle) <= settings.CACHE_PAGES_VARIANTES
    except ValueError:  # expired between add() and incr()
        return True


def lire_de_la_generation(cle):
    """(value, generation): the value stored under `cle` if it was stored under the current generation (None
    otherwise), and the current generation; one round trip to the cache."""
    lue = _generation_lue.get()
    if lue and "generation" in lue:
        gen = lue["generation"]
        entree = _cache().get(cle) if gen is not None else None
    else:
        valeurs = _cache().get_many([CLE_GENERATION, cle])
        gen = _retenir(valeurs.get(CLE_GENERATION))
        if gen is None:
            return None, generation()
        entree = valeurs.get(cle)
    return (entree[1], gen) if entree is not None and entree[0] == gen else (None, gen)


def ecrire_pour_la_generation(cle, gen, valeur, timeout):
    if gen is not None:  # no generation: the cache cannot be reached, a write would only wait
        _cache().set(cle, (gen, valeur), timeout)


def lire_plusieurs_de_la_generation(cles):
    """({key: value} of those of `cles` stored under the current generation, the generation): one round trip."""
    lue = _generation_lue.get()
    if lue and "generation" in lue:
        gen = lue["generation"]
        valeurs = _cache().get_many(cles) if gen is not None else {}
    else:
        valeurs = _cache().get_many([CLE_GENERATION, *cles])
        gen = _retenir(valeurs.pop(CLE_GENERATION, None))
        if gen is None:
            return {}, generation()
    return {cle: entree[1] for cle, entree in valeurs.items() if entree[0] == gen}, gen


def ecrire_plusieurs_pour_la_generation(valeurs, gen, timeout):
    if gen is not None:
        _cache().set_many({cle: (gen, valeur) for cle, valeur in valeurs.items()}, timeout)


class CopiesLocales:
    """The last entries this process served or stored: {key: (generation, entry)}, least recent out. An entry
    carries its own expiry (wall clock, set when the page was rendered), so a copy taken from the shared cache
    near the end of its life does not outlive it."""

    def __init__(self):
        self._copies = OrderedDict()
        self._verrou = threading.Lock()

    def contient(self, cle):
        return cle in self._copies

    def lire(self, cle, gen):
        with self._verrou:
            copie = self._copies.get(cle)
            if copie is None or copie[0] != gen or copie[1][-1] < time.time():
                return None
            self._copies.move_to_end(cle)
            return copie[1]

    def garder(self, cle, gen, entree):
        with self._verrou:
            self._copies[cle] = (gen, entree)
            self._copies.move_to_end(cle)
            while len(self._copies) > settings.CACHE_PAGES_COPIES_LOCALES:
                self._copies.popitem(last=False)

    def vider(self):
        with self._verrou:
            self._copies.clear()


copies_locales = CopiesLocales()


def _lire_entree(cle):
    if copies_locales.contient(cle):
        gen = _retenir(_cache().get(CLE_GENERATION))
        entree = copies_locales.lire(cle, gen) if gen is not None else None
        if entree is not None:
            return entree, gen
    entree, gen = lire_de_la_generation(cle)
    if entree is not None:
        copies_locales.garder(cle, gen, entree)
    return entree, gen


def _lire(cle):
    """The stored response for `cle` if it was stored under the current generation, and that generation."""
    entree, gen = _lire_entree(cle)
    if entree is None:
        return None, gen
    statut, entetes, corps, _expiration = entree
    reponse = HttpResponse(corps, status=statut)
    for nom, valeur in entetes:
        reponse[nom] = valeur
    return reponse, gen


def _stocker(cle, gen, reponse, request, variante):
    """Store the response under `cle`; `variante`: the key holds query parameters (bounded per path)."""
    if gen is None or (variante and not _variante_permise(request, gen)):
        return
    entree = (reponse.status_code, list(reponse.items()), reponse.content, time.time() + settings.CACHE_PAGES_SECONDES)
    ecrire_pour_la_generation(cle, gen, entree, settings.CACHE_PAGES_SECONDES)
    copies_locales.garder(cle, gen, entree)


def _controles(response):
    return {c.split("=")[0].strip().lower() for c in cc_delim_re.split(response.get("Cache-Control", "")) if c}


def _reponse_stockable(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not (_controles(response) & CONTROLES_PRIVES)
        and not (user is not None and user.is_authenticated)
    )


class CachePagesMiddleware:
    """Placed before the CSP, session and authentication middleware: a hit costs one cache read, no SQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        jeton = _generation_lue.set({})
        try:
            return self._servir(request)
        finally:
            _generation_lue.reset(jeton)

    def _servir(self, request):
        if not _requete_eligible(request):
            return self._entetes_prives(self.get_response(request))
        cle = _cle(request)
        reponse, gen = _lire(cle)
        if reponse is not None:
            reponse["X-Cache"] = "HIT"
            return reponse
        variante = bool(cles.parametres_de_la_cle(request))
        request._cache_pages_suivre = True
        reponse = self.get_response(request)
        if not _reponse_stockable(request, reponse):
            return self._entetes_prives(reponse)
        lus_hors_cle = cles.lus_hors_cle(request)
        if lus_hors_cle is None or lus_hors_cle:
            # The page read what the key does not hold: stored, it could answer another URL wrongly.
            if lus_hors_cle:
                cles.signaler(request, lus_hors_cle)
            return self._entetes_prives(reponse)
        patch_cache_control(reponse, public=True, max_age=settings.CACHE_PAGES_NAVIGATEUR_SECONDES,
                            s_maxage=settings.CACHE_PAGES_SECONDES)
        # A CDN must not give this copy to a visitor who holds a session (an editor): it keys on the cookies.
        patch_vary_headers(reponse, ("Cookie",))
        reponse["X-Cache"] = "MISS"
        _stocker(cle, gen, reponse, request, variante)
        return reponse

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Just before the view of a request that may be stored: record what it reads of the query string."""
        if getattr(request, "_cache_pages_suivre", False):
            cles.suivre(request)

    @staticmethod
    def _entetes_prives(reponse):
        """Pages that are not stored here must not be stored by a CDN or shared proxy either; a view that set
        its own Cache-Control (static files, robots.txt, documents, the admin) keeps it."""
        if "Cache-Control" not in reponse and reponse.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(reponse, private=True, no_store=True)
        return reponse
