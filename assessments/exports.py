"""CSV and JSON of a round's validated scores, one row per partner and criterion.

The CSV goes through the platform's one CSV writer (``core.csv_export``), which
neutralises cells that a spreadsheet would run as a formula.
"""
from clusterpolisee.core.csv_export import SafeWriter

from .models import Answer, Assessment

COLUMNS = ["partner", "country", "dimension", "criterion", "self_score", "final_score"]


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
    writer = SafeWriter(stream)
    writer.writerow(COLUMNS)
    writer.writerows([row[column] for column in COLUMNS] for row in rows)
