"""Start and stop gunicorn app servers on loopback ports (used by deux_serveurs.py and mesurer.py)."""

import os
import subprocess  # nosec B404: our own gunicorn, fixed arguments
import sys
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
GUNICORN = RACINE / ".venv" / "bin" / "gunicorn"


def demarrer(port, env, workers=1, journal=None):
    processus = subprocess.Popen(  # nosec B603
        [str(GUNICORN), "site_collectivites.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"],
        cwd=RACINE, env=env, stdout=journal or subprocess.DEVNULL, stderr=journal or subprocess.STDOUT,
    )
    attendre(port, processus)
    return processus


def attendre(port, processus, delai=60):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if processus.poll() is not None:
            sys.exit(f"gunicorn sur le port {port} s'est arrêté (code {processus.returncode}).")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)  # nosec B310: loopback
            return
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.3)
    arreter([processus])
    sys.exit(f"gunicorn ne répond pas sur le port {port} après {delai} s.")


def arreter(processus):
    for p in processus:
        p.terminate()
    for p in processus:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def environnement(**variables):
    """The app servers' environment: ours, plus what the caller sets (DATABASE_URL, REDIS_URL…)."""
    env = dict(os.environ)
    env.update({k: str(v) for k, v in variables.items()})
    return env
