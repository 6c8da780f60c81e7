"""The page cache's keys: the path and the query parameters pages read, sorted; nothing else (issue #21).

The key was the whole URL: every distinct query string, `?utm_source=…`, `?zzz=1` or a fuzzer's, stored one
more copy of the page (about 20 KB), without bound (a fuzzing run left 1,862). Now:

- **Known parameters only.** The apps declare the query parameters their public pages read (a listing's
  facets, its words, its page number…), through the Wagtail hook `parametres_pages_en_cache` (each returns
  names). The key keeps those, sorted by name, each with its values in the order sent; any other parameter is
  dropped, so `?utm_source=x&zzz=1` shares the plain page's entry and `?b=2&a=1` shares `?a=1&b=2`'s.
- **Checked while the page renders.** Dropping a parameter is right only if the page did not read it. So the
  middleware gives the view a `request.GET` that records what it reads (`ParametresSuivis`); a response that
  read a parameter outside the declared ones, or went through them all (`items()`, `urlencode()`…), is served
  but never stored, and a warning names the parameter. A page can thus never be served to a URL whose
  parameters it would have answered differently; a forgotten declaration costs caching, not correctness.
- **Variants bounded.** A declared parameter's values are still anything (`?q=` a fuzzer's words): beyond
  CACHE_PAGES_VARIANTES variants stored for one path under one generation and CACHE_PAGES_SECONDES, more are
  served uncached. The page without parameters is never refused.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.http import QueryDict
from wagtail import hooks

logger = logging.getLogger(__name__)

HOOK = "parametres_pages_en_cache"

_connus = None
_signales = set()


def parametres_connus():
    """The names declared by the apps' hooks, read once (hooks are registered when the apps are loaded)."""
    global _connus
    if _connus is None:
        _connus = frozenset(nom for fournisseur in hooks.get_hooks(HOOK) for nom in fournisseur())
    return _connus


def parametres_de_la_cle(request):
    """[(name, [values])] of the declared parameters present in the request, sorted by name."""
    connus = parametres_connus()
    return sorted((nom, valeurs) for nom, valeurs in request.GET.lists() if nom in connus)


def adresse_normalisee(request):
    """scheme://host/path?declared parameters, sorted: what the key is made from."""
    parametres = parametres_de_la_cle(request)
    requete = "?" + urlencode(parametres, doseq=True) if parametres else ""
    return f"{request.scheme}://{request.get_host()}{request.path}{requete}"


def empreinte(texte):
    return hashlib.sha256(texte.encode()).hexdigest()


TOUT = frozenset(("keys", "items", "lists", "values", "dict", "urlencode", "copy", "__copy__", "__deepcopy__"))


class ParametresSuivis(QueryDict):
    """request.GET that records which names the view reads; `tout_lu` when it went through them all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lus = set()
        self.tout_lu = False

    @classmethod
    def de(cls, originaux):
        """The same parameters as the QueryDict `originaux`, read-only as it is."""
        suivis = cls(mutable=True, encoding=originaux.encoding)
        for nom, valeurs in originaux.lists():
            suivis.setlist(nom, valeurs)
        suivis._mutable = originaux._mutable
        return suivis

    def __getitem__(self, nom):
        self.lus.add(nom)
        return super().__getitem__(nom)

    def getlist(self, nom, default=None):
        self.lus.add(nom)
        return super().getlist(nom, default)

    def __contains__(self, nom):
        self.lus.add(nom)
        return super().__contains__(nom)

    def _tout(self, methode):
        def lire(*args, **kwargs):
            self.tout_lu = True
            return methode(*args, **kwargs)

        return lire

    def __iter__(self):
        self.tout_lu = True
        return super().__iter__()

    def __len__(self):
        self.tout_lu = True
        return super().__len__()

    def __getattribute__(self, nom):
        # Every method that hands out the whole content (keys, items, lists, values, dict, urlencode, copy…).
        if nom in TOUT:
            return self._tout(super().__getattribute__(nom))
        return super().__getattribute__(nom)

    def hors_cle(self):
        """Why a response to this request must not be stored: the names read outside the declared ones."""
        if self.tout_lu:
            return ["(tous les paramètres)"]
        return sorted(self.lus - parametres_connus())


def suivre(request):
    """From now on, record what is read of request.GET (called just before the view: the middleware that look
    at every parameter on the way in, such as the NUL-byte refusal, gate the request but make no page)."""
    request.GET = ParametresSuivis.de(request.GET)


def lus_hors_cle(request):
    """What a response to `request` read outside its key (see ParametresSuivis.hors_cle); None when no view was
    reached (a middleware answered): nothing is known of what it read, so it is not stored either."""
    if not isinstance(request.GET, ParametresSuivis):
        return None
    return request.GET.hors_cle()


def signaler(request, noms):
    """One warning per parameter and process: a page read a parameter that no hook declares."""
    nouveaux = [nom for nom in noms if nom not in _signales]
    if nouveaux:
        _signales.update(nouveaux)
        logger.warning("Page %s servie sans cache : elle lit %s, que le hook %s ne déclare pas.", request.path,
                       ", ".join(repr(nom) for nom in nouveaux), HOOK)
