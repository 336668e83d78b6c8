"""The one CSV writer behind every export (library, consultations, matchmaking, …).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
read as a formula by a spreadsheet (CSV injection), so it gets a leading apostrophe.
Line breaks inside a cell are kept; the csv module quotes such cells."""
import csv
import io
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)  # a number stays a number, negative ones included
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer`` whose every cell has passed through ``spreadsheet_safe``."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_response(filename: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment response named ``filename`` and the safe writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response, SafeWriter(response)


def csv_text(header: list[str], rows, *, lineterminator: str = "\r\n") -> str:
    """A whole CSV file as text (for archives such as the open-data ZIP)."""
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
