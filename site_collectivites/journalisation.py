"""Logs without personal data, as plain text or JSON lines (LOG_FORMAT, settings.base.configuration_journaux).

Loaded by logging.config before Django's apps: imports nothing from Django.
"""

import json
import logging
import re
from datetime import UTC, datetime

COURRIEL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers, national or international, with or without separators: 04 75 79 26 26, +33 4.75.79.26.26.
TELEPHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)33[\s.-]?(?:\(0\))?[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")


def masquer(texte):
    """The text with every e-mail address and phone number replaced by a mark."""
    return TELEPHONE.sub("[téléphone masqué]", COURRIEL.sub("[courriel masqué]", texte))


class MasqueDonneesPersonnelles(logging.Filter):
    """Masks e-mail addresses and phone numbers in the message (arguments included) before any handler writes it."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: let logging report it as usual
            return True
        masque = masquer(message)
        if masque != message:
            record.msg, record.args = masque, None
        return True


class FormatJson(logging.Formatter):
    """One JSON object per line, with the usual field names of log collectors (timestamp, level, logger…)."""

    def format(self, record):
        ligne = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "module": record.module,
            "line": record.lineno,
            "process": record.process,
        }
        if record.exc_info:
            ligne["exception"] = masquer(self.formatException(record.exc_info))
        return json.dumps(ligne, ensure_ascii=False)


class FormatTexte(logging.Formatter):
    """The plain format, with tracebacks masked like messages (a traceback can quote a value)."""

    def formatException(self, exc_info):
        return masquer(super().formatException(exc_info))
