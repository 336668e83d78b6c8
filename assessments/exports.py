"""CSV and JSON of a round's validated scores, one row per partner and criterion.

The CSV writer neutralises cells that a spreadsheet would run as a formula. It is a small
local helper; another change brings a shared CSV writer, and this one should then use it.
"""
import csv

from .models import Answer, Assessment

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["partner", "country", "dimension", "criterion", "self_score", "final_score"]


def safe_cell(value):
    """A text cell that starts like a formula gets a leading apostrophe (OWASP advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def validated_rows(round_) -> list[dict]:
    rows = (Answer.objects.filter(assessment__round=round_,
                                  assessment__state=Assessment.State.VALIDATED)
            .order_by("assessment__partner__name", "criterion__dimension__position",
                      "criterion__position")
            .values_list("assessment__partner__name", "assessment__partner__country__name",
                         "criterion__dimension__title", "criterion__title", "score",
                         "final_score"))
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def write_scores_csv(stream, rows):
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row[column]) for column in COLUMNS])
