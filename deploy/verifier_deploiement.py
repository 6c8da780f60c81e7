#!/usr/bin/env python3
"""Check a running instance from outside, after a deployment (docs/deploy.md). Standard library only.

    python3 deploy/verifier_deploiement.py https://collectivites.ladrome.fr [--page /agenda/ …]

Checks: the home page and a few pages answer 200; the security headers are there (CSP without inline
scripts on public pages, nosniff, referrer policy, permissions policy, frame options, and HSTS over HTTPS);
the admin login page answers 200; /healthz answers 200 with "statut": "ok". And the one public address: every
absolute URL the site writes for itself (canonical link, og:url and og:image of each page, the sitemap's <loc>,
robots.txt's Sitemap line, the links, guids and ids of the RSS and Atom feeds and the URLs of the iCalendar
feeds that the pages announce) starts with the address given here, scheme and port included. The sections of
the site (the sitemap's pages one level below the home page) are checked too. Prints one line per check;
exit status 1 if any failed.
"""

import argparse
import html
import json
import re
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

PAGES = ["/", "/recherche/?q=drome", "/sitemap.xml", "/robots.txt"]
ENTETES = {
    "Content-Security-Policy": None,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": None,
    "Permissions-Policy": None,
    "X-Frame-Options": None,
}
HSTS_MINIMUM = 180 * 24 * 3600
# The feeds a page announces in its <head> (<link rel="alternate">), checked as their readers take them.
TYPES_FLUX = ("application/rss+xml", "application/atom+xml", "text/calendar")
SECTIONS_MAX = 20
ADRESSES_MONTREES = 3
_ABSOLUE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LOC = re.compile(r"<loc>\s*([^<]+?)\s*</loc>")
_ELEMENT_URL = re.compile(r"<((?:[a-z]+:)?(?:link|guid|id|loc))\b[^>]*>\s*([^<]+?)\s*</\1>", re.IGNORECASE)
_HREF = re.compile(r"<(?:[a-z]+:)?link\b[^>]*\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


def obtenir(url, delai):
    """(status, headers, body) of a GET; HTTP errors are answers too."""
    requete = urllib.request.Request(url, headers={"User-Agent": "verifier-deploiement/1"})
    try:
        with urllib.request.urlopen(requete, timeout=delai) as reponse:  # nosec B310  # noqa: S310 (given URL)
            return reponse.status, reponse.headers, reponse.read()
    except urllib.error.HTTPError as erreur:
        return erreur.code, erreur.headers, erreur.read()


def problemes_entetes(entetes, https, publique):
    problemes = []
    for nom, attendu in ENTETES.items():
        valeur = entetes.get(nom)
        if valeur is None:
            problemes.append(f"en-tête {nom} absent")
        elif attendu and valeur.strip().lower() != attendu:
            problemes.append(f"{nom} vaut {valeur!r}, attendu {attendu!r}")
    csp = entetes.get("Content-Security-Policy") or ""
    if publique and csp:
        script_src = next((d for d in csp.split(";") if d.split()[:1] == ["script-src"]), "")
        if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
            problemes.append(f"la CSP permet les scripts en ligne : {script_src.strip()}")
    if https:
        hsts = entetes.get("Strict-Transport-Security") or ""
        duree = next((int(p.split("=")[1]) for p in hsts.split(";") if p.strip().startswith("max-age=")), 0)
        if duree < HSTS_MINIMUM:
            problemes.append(f"HSTS absent ou trop court : {hsts!r}")
    return problemes


def origine(url):
    """« scheme://host[:port] » of an absolute URL, host in lower case and the scheme's default port left out."""
    parties = urlsplit(url)
    try:
        port = parties.port
    except ValueError:
        port = None
    defaut = {"http": 80, "https": 443}.get(parties.scheme)
    hote = (parties.hostname or "").lower()
    hote = f"[{hote}]" if ":" in hote else hote
    return f"{parties.scheme}://{hote}" + (f":{port}" if port and port != defaut else "")


class _Tete(HTMLParser):
    """The addresses a page gives for itself: canonical, og:url, og:image; and the feeds it announces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.adresses, self.flux = [], []

    def handle_starttag(self, balise, attributs):
        attributs = {nom: valeur or "" for nom, valeur in attributs}
        rel = attributs.get("rel", "").lower().split()
        if balise == "link" and "canonical" in rel:
            self.adresses.append(("canonical", attributs.get("href", "")))
        elif balise == "link" and "alternate" in rel and attributs.get("type", "").lower() in TYPES_FLUX:
            self.flux.append((attributs.get("href", ""), attributs["type"].lower()))
        elif balise == "meta" and attributs.get("property") in ("og:url", "og:image"):
            self.adresses.append((attributs["property"], attributs.get("content", "")))


def adresses_html(corps):
    """([(what, url)] that must be on the site's address, [(feed href, type)]) of an HTML page."""
    tete = _Tete()
    tete.feed(corps)
    absolues = [(quoi, url) for quoi, url in tete.adresses if url]
    absolues += [("flux", href) for href, _type in tete.flux if _ABSOLUE.match(href)]
    return absolues, tete.flux


def adresses_sitemap(corps):
    return [("loc", html.unescape(url)) for url in _LOC.findall(corps)]


def adresses_robots(corps):
    return [("Sitemap", ligne.split(":", 1)[1].strip()) for ligne in corps.splitlines()
            if ligne.lower().startswith("sitemap:")]


def adresses_flux(corps, type_flux):
    """The absolute URLs of an RSS or Atom feed (link, guid, id, link href), or of an iCalendar file (URL)."""
    if type_flux == "text/calendar":
        deplie = re.sub(r"\r?\n[ \t]", "", corps)  # RFC 5545 folds long lines
        return [("URL", ligne.split(":", 1)[1].strip()) for ligne in deplie.splitlines()
                if re.match(r"URL[;:]", ligne, re.IGNORECASE)]
    adresses = [(element.split(":")[-1], html.unescape(url)) for element, url in _ELEMENT_URL.findall(corps)]
    adresses += [("link href", html.unescape(url)) for url in _HREF.findall(corps)]
    return [(quoi, url) for quoi, url in adresses if _ABSOLUE.match(url)]


def problemes_adresses(adresses, attendue):
    """Every address that is not on `attendue` (an origin): the site would print two hosts."""
    etrangeres = [(quoi, url) for quoi, url in adresses if origine(url) != attendue]
    if not etrangeres:
        return []
    exemples = ", ".join(f"{quoi} {url}" for quoi, url in etrangeres[:ADRESSES_MONTREES])
    suite = f" (et {len(etrangeres) - ADRESSES_MONTREES} autre(s))" if len(etrangeres) > ADRESSES_MONTREES else ""
    return [f"{len(etrangeres)} adresse(s) hors de {attendue} : {exemples}{suite}"]


def chemin_de(url):
    """The path (and query) of a URL: the instance checked is asked for it, whatever host the URL names."""
    parties = urlsplit(url)
    return (parties.path or "/") + (f"?{parties.query}" if parties.query else "")


def sections(locs):
    """The sitemap's pages one level below the home page (« /agenda/ »…), at most SECTIONS_MAX."""
    chemins = [chemin_de(url) for _quoi, url in locs]
    return [c for c in dict.fromkeys(chemins) if c.strip("/") and "/" not in c.strip("/") and "?" not in c][
        :SECTIONS_MAX]


def verifier(base, pages, delai=15):
    """Run every check; return a list of (ok, label, detail)."""
    base = base.rstrip("/")
    attendue = origine(base)
    https = base.startswith("https://")
    resultats = []
    a_voir, vus, flux = list(pages), set(), {}
    while a_voir:
        chemin = a_voir.pop(0)
        if chemin in vus:
            continue
        vus.add(chemin)
        try:
            statut, entetes, corps = obtenir(base + chemin, delai)
        except OSError as exc:
            resultats.append((False, chemin, f"injoignable : {exc}"))
            continue
        texte = corps.decode("utf-8", "replace")
        problemes = [] if statut == 200 else [f"statut {statut}"]
        est_html = (entetes.get("Content-Type") or "").startswith("text/html")
        if chemin == "/" or est_html:
            problemes += problemes_entetes(entetes, https, publique=True)
        if statut == 200 and est_html:
            adresses, annonces = adresses_html(texte)
            for href, type_flux in annonces:
                flux.setdefault(chemin_de(href), type_flux)
        elif statut == 200 and chemin == "/sitemap.xml":
            adresses = adresses_sitemap(texte)
            a_voir += sections(adresses)
        elif statut == 200 and chemin == "/robots.txt":
            adresses = adresses_robots(texte)
            if not adresses:
                problemes.append("aucune ligne Sitemap")
        else:
            adresses = []
        problemes += problemes_adresses(adresses, attendue)
        resultats.append((not problemes, chemin, "; ".join(problemes) or f"{statut}"))
    for chemin, type_flux in flux.items():
        try:
            statut, _, corps = obtenir(base + chemin, delai)
        except OSError as exc:
            resultats.append((False, f"flux {chemin}", f"injoignable : {exc}"))
            continue
        adresses = adresses_flux(corps.decode("utf-8", "replace"), type_flux)
        problemes = ([] if statut == 200 else [f"statut {statut}"]) + problemes_adresses(adresses, attendue)
        resultats.append((not problemes, f"flux {chemin}",
                          "; ".join(problemes) or f"{statut}, {len(adresses)} adresse(s) sur {attendue}"))
    try:
        statut, entetes, _ = obtenir(base + "/admin/login/", delai)
        problemes = [] if statut == 200 else [f"statut {statut}"]
        problemes += problemes_entetes(entetes, https, publique=False)
        resultats.append((not problemes, "/admin/login/", "; ".join(problemes) or f"{statut}"))
    except OSError as exc:
        resultats.append((False, "/admin/login/", f"injoignable : {exc}"))
    try:
        statut, _, corps = obtenir(base + "/healthz", delai)
        try:
            sante = json.loads(corps)
        except ValueError:
            sante = {}
        ok = statut == 200 and sante.get("statut") == "ok"
        resultats.append((ok, "/healthz", f"{statut} {json.dumps(sante, ensure_ascii=False)}"))
    except OSError as exc:
        resultats.append((False, "/healthz", f"injoignable : {exc}"))
    return resultats


def main(arguments=None):
    analyseur = argparse.ArgumentParser(description="Vérifie une instance du site après un déploiement.")
    analyseur.add_argument("base", help="URL de base, par exemple https://collectivites.ladrome.fr")
    analyseur.add_argument("--page", action="append", default=[], help="chemin supplémentaire à vérifier (200)")
    analyseur.add_argument("--delai", type=float, default=15, help="délai de réponse en secondes")
    options = analyseur.parse_args(arguments)
    resultats = verifier(options.base, PAGES + options.page, options.delai)
    for ok, libelle, detail in resultats:
        print(f"{'OK    ' if ok else 'ÉCHEC '} {libelle} : {detail}")
    echecs = sum(1 for ok, _, _ in resultats if not ok)
    print(f"{len(resultats) - echecs} vérification(s) réussie(s), {echecs} échec(s).")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
