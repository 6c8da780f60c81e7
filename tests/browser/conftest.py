"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, the demo site served by live_server.

One browser per module (starting Chromium costs about a second), one live server per session
(pytest-django's `live_server` is session-scoped). Playwright never downloads a browser here:
it drives /usr/bin/chromium (`make chromium` installs it).
"""

import os
from pathlib import Path

import pytest

from tests.instantanes import charger_demo
from tests.instantanes import instantane as _instantane
from tests.instantanes import restaurer as _restaurer

RACINE_PROJET = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # The flags above are not enough: Debian's Chromium 156 still asks accounts.google.com, clients2.google.com
    # (time) and update.googleapis.com (seen in its net log and as DNS queries under strace). A proxy that does
    # not exist stops them: Chromium never sends loopback addresses through a proxy, so the live server answers,
    # and any other request fails at once, without even a DNS query. Tests stay off the network.
    "--proxy-server=http://127.0.0.1:9",
]
AXE_JS = RACINE_PROJET / "node_modules" / "axe-core" / "axe.min.js"
DOSSIER_CAPTURES = RACINE_PROJET / "var" / "screenshots"

# Records every Content Security Policy violation of the page (an init script runs before the page's own
# scripts, in every document). The guard keeps one listener when the script is added twice to a tab.
ECOUTE_CSP = """if (!window.__violationsCSP) {
  window.__violationsCSP = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violationsCSP.push(
    {directive: e.violatedDirective, bloque: e.blockedURI, source: e.sourceFile, ligne: e.lineNumber, extrait: e.sample}));
}"""


def injecter_axe(onglet):
    """Load axe-core into the page. Not add_script_tag: it writes an inline <script>, which the site's CSP
    refuses (and reports); evaluate() runs through the DevTools protocol, outside the page's policy."""
    onglet.evaluate(AXE_JS.read_text(encoding="utf-8"))


def violations_csp(onglet):
    """The CSP violations seen since the page loaded, as report lines (needs ECOUTE_CSP as an init script)."""
    violations = onglet.evaluate("window.__violationsCSP || null")
    if violations is None:
        return ["  écoute des violations CSP absente (onglet.add_init_script(ECOUTE_CSP))"]
    return [
        f"  violation CSP : {v['directive']} bloque {v['bloque'] or '?'}"
        f" ({v['source'] or 'page'}:{v['ligne']}) {v['extrait'] or ''}".rstrip()
        for v in violations
    ]


class EtatsDeLaBase:
    """Snapshots of the test database (tests/instantanes.py) shared by the tests of a module."""

    def __init__(self, initial):
        self.initial = initial  # as the module found it: as the migrations made it
        self.demo = None  # with the demo content, once the first test has built it


@pytest.fixture(scope="module")
def etats_de_la_base(django_db_setup, django_db_blocker):
    """Snapshots of the database for the module; the initial one is put back after the module.

    `live_server` needs `transactional_db`, which empties every table after each test. That also
    removes the rows the migrations created (Wagtail's root page and root collection, the default
    locale, the editors' groups and workflow…), which `load_demo_content` needs, and which the next
    run needs too, since it reuses the database (`--reuse-db`). So each test starts from a snapshot
    (see `site_demo`), and the module leaves the initial one in place.

    Not Django's `serialized_rollback`: its snapshot hangs on the connection object, and while
    Playwright's event loop is marked as running in this thread, Django hands out another
    connection object (connections are thread-critical asgiref Locals, which follow the loop).
    """
    with django_db_blocker.unblock():
        etats = EtatsDeLaBase(_instantane())
    yield etats
    with django_db_blocker.unblock():
        _restaurer(etats.initial)


@pytest.fixture(scope="module")
def navigateur(etats_de_la_base):
    """Debian's Chromium, headless, started once for the module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} est absent : installez le paquet Debian chromium (make chromium).")
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} est absent : lancez `npm ci` (make test-deps).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in this thread (in a greenlet) and marks it
    # as running between its calls. Django then believes it is called from async code and refuses
    # every ORM call from this thread (SynchronousOnlyOperation): building the content, and the
    # TRUNCATE that `transactional_db` runs after each test. Nothing runs concurrently here (a sync
    # call blocks until the loop has done its work), so the ORM is safe; the variable only lifts
    # Django's guard while the browser runs. The live server answers from its own thread, which
    # has no loop and is not concerned.
    ancienne_valeur = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
        if ancienne_valeur is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = ancienne_valeur


@pytest.fixture
def site_demo(live_server, etats_de_la_base, navigateur):
    """The real demo site (territory, pages, partners, thématiques, settings, menus), served by live_server.

    The same commands as `make setup-site`: what the browser audits is what people see on a fresh
    install. The first test of the session builds it; the next ones load the snapshot taken then, in under a
    second (tests/instantanes.py). Depends on `navigateur` so that
    DJANGO_ALLOW_ASYNC_UNSAFE is set before the first query.
    """
    if etats_de_la_base.demo is not None:
        _restaurer(etats_de_la_base.demo)
        return live_server
    etats_de_la_base.demo = charger_demo(etats_de_la_base.initial)
    return live_server
