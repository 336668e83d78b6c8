"""CSV that a spreadsheet cannot mistake for formulas.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading the formula) is prefixed with an apostrophe. Another branch is building a
shared CSV writer for the whole project; this small helper is meant to be replaced by it.
"""
import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
