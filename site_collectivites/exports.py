"""CSV / XLSX exports of the admin listings (Wagtail's IndexView export), shared by every app.

Two rules for every exported cell: dates in Paris time as people read them, and no cell that a spreadsheet
would run as a formula (CSV / formula injection: a value typed in a public form starting with "=" or "+").
"""

import datetime

from django.utils import timezone

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def neutraliser_formule(valeur):
    """A text cell that a spreadsheet would run as a formula (CSV / formula injection) gets a leading quote."""
    if isinstance(valeur, str) and valeur.startswith(DEBUTS_DE_FORMULE):
        return "'" + valeur
    return valeur


class ExportMixin:
    """For a Wagtail IndexView: French dates, empty cells for None, formulas neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value)  # Paris time, as the staff read it
            return local.replace(tzinfo=None) if export_format == self.FORMAT_XLSX else local.strftime("%d/%m/%Y %H:%M")
        if value is None:
            return ""
        return neutraliser_formule(super().preprocess_field_value(field, value, export_format))
