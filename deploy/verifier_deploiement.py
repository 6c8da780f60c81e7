#!/usr/bin/env python3
"""Check a running instance from outside, after a deployment (docs/deploy.md). Standard library only.

    python3 deploy/verifier_deploiement.py https://collectivites.ladrome.fr [--page /agenda/ …]

Checks: the home page and a few pages answer 200; the security headers are there (CSP without inline
scripts on public pages, nosniff, referrer policy, permissions policy, frame options, and HSTS over HTTPS);
the admin login page answers 200; /healthz answers 200 with "statut": "ok". Prints one line per check;
exit status 1 if any failed.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request

PAGES = ["/", "/recherche/?q=drome", "/sitemap.xml", "/robots.txt"]
ENTETES = {
    "Content-Security-Policy": None,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": None,
    "Permissions-Policy": None,
    "X-Frame-Options": None,
}
HSTS_MINIMUM = 180 * 24 * 3600


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


def verifier(base, pages, delai=15):
    """Run every check; return a list of (ok, label, detail)."""
    base = base.rstrip("/")
    https = base.startswith("https://")
    resultats = []
    for chemin in pages:
        try:
            statut, entetes, _ = obtenir(base + chemin, delai)
        except OSError as exc:
            resultats.append((False, chemin, f"injoignable : {exc}"))
            continue
        problemes = [] if statut == 200 else [f"statut {statut}"]
        if chemin == "/" or (entetes.get("Content-Type") or "").startswith("text/html"):
            problemes += problemes_entetes(entetes, https, publique=True)
        resultats.append((not problemes, chemin, "; ".join(problemes) or f"{statut}"))
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
