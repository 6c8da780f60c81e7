"""Embedded default for a developer's machine: SQLite under var/, console e-mail, immediate tasks."""

from .base import *  # noqa: F401,F403
from .base import STATIC_ROOT, env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production-0123456789"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # also creates VAR_DIR
