"""HTML validity: one page of each page type (the accessibility harness's list), as the server sends it, checked
by the Nu Html Checker (vnu.jar from npm's vnu-jar, on Debian's Java). Zero errors; warnings are printed.

Invalid HTML is what assistive technologies stumble on first (duplicate ids, a label for a missing field,
misnested lists): RGAA criterion 8.2. See docs/accessibilite.md.
"""

import json
import shutil
import subprocess  # nosec B404: runs the validator we ship in node_modules, with fixed arguments
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import RACINE_PROJET
from tests.browser.test_accessibilite import _pages_a_auditer

pytestmark = pytest.mark.browser

VNU_JAR = RACINE_PROJET / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _telecharger(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as reponse:  # nosec B310: our own live test server
            return reponse.read()
    except urllib.error.HTTPError as erreur:  # the 404 page is a page to validate too
        return erreur.read()


def valider(fichiers):
    """vnu's messages for the files, in one Java start: {file name: [messages]}."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("Java ou vnu.jar absent : lancez `make test-deps` (default-jre-headless et npm ci).")
    sortie = subprocess.run(  # nosec B603: fixed command line
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", "--stdout",
         *map(str, fichiers)],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout
    messages = {}
    for message in json.loads(sortie)["messages"]:
        messages.setdefault(message.get("url", "").rsplit("/", 1)[-1], []).append(message)
    return messages


def _ligne(message):
    return f"  l.{message.get('lastLine', '?')} : {message['message']} – {message.get('extract', '').strip()[:160]}"


def test_le_validateur_signale_les_erreurs(tmp_path):
    """The check itself: a page with a duplicate id and a stray end tag gets errors."""
    fichier = tmp_path / "defauts.html"
    fichier.write_text('<!DOCTYPE html><html lang="fr"><head><title>x</title></head>'
                       '<body><p id="a">un</p><p id="a">deux</div></body></html>', encoding="utf-8")
    erreurs = [m for m in valider([fichier])["defauts.html"] if m["type"] == "error"]
    assert any("Duplicate ID" in m["message"] for m in erreurs), erreurs
    assert len(erreurs) >= 2


def test_pages_html_valides(site_demo, tmp_path, capsys):
    cibles, _ = _pages_a_auditer(site_demo.url)
    fichiers = {}
    for numero, (libelle, url, _statut) in enumerate(cibles):
        fichier = tmp_path / f"page-{numero:02d}.html"
        fichier.write_bytes(_telecharger(url))
        fichiers[fichier.name] = (libelle, url, fichier)
    messages = valider([f for _, _, f in fichiers.values()])

    erreurs, avertissements = [], []
    for nom, (libelle, url, _) in fichiers.items():
        for message in messages.get(nom, []):
            (erreurs if message["type"] == "error" else avertissements).append(f"{libelle} – {url}\n{_ligne(message)}")
    with capsys.disabled():  # the warnings are for people: shown, not asserted
        print(f"\nvnu : {len(fichiers)} pages, {len(erreurs)} erreur(s), {len(avertissements)} avertissement(s)")
        for avertissement in avertissements:
            print(avertissement)
    assert not erreurs, f"{len(erreurs)} erreur(s) HTML :\n" + "\n".join(erreurs)
