"""Passwords of the accounts made for a developer's machine (the administrator, the demo accounts).

Taken from an environment variable when set; otherwise generated once and kept in a git-ignored file of
VAR_DIR (mode 600), so that every run prints the same credentials.
"""

import os
import secrets

from django.conf import settings


def mot_de_passe_memorise(variable, nom_fichier):
    """(password, created): the environment's, else the one remembered in VAR_DIR/nom_fichier, else a new one."""
    if os.environ.get(variable):
        return os.environ[variable], False
    fichier = settings.VAR_DIR / nom_fichier
    if fichier.exists():
        return fichier.read_text().strip(), False
    mot_de_passe = secrets.token_urlsafe(12)
    fichier.parent.mkdir(parents=True, exist_ok=True)
    fichier.write_text(mot_de_passe + "\n")
    fichier.chmod(0o600)
    return mot_de_passe, True
