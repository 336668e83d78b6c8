"""One CSV writer behind every export: formula-looking cells are neutralised, line breaks
inside a cell are kept."""
import csv
import io

import pytest
from django.urls import reverse

from clusterpolisee.core.csv_export import spreadsheet_safe
from consultations import services as consultation_services
from tests.matchmaking.conftest import make_opportunity

pytestmark = pytest.mark.django_db

DANGEROUS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def rows_of(response):
    body = response.content.decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(value):
    assert spreadsheet_safe(value) == "'" + value


def test_plain_cells_and_numbers_are_left_as_they_are():
    assert spreadsheet_safe("Marche Region") == "Marche Region"
    assert spreadsheet_safe(-5) == "-5" and spreadsheet_safe(None) == ""
    assert spreadsheet_safe("line one\nline two") == "line one\nline two"


def test_library_csv_export_neutralises_formulas(client, make_practice):
    make_practice(title="=cmd|' /C calc'!A0", summary="@SUM(1+1)\nsecond line")
    rows = rows_of(client.get(reverse("knowledge:export_csv")))
    header, row = rows[0], rows[1]
    assert row[header.index("title")] == "'=cmd|' /C calc'!A0"
    assert row[header.index("summary")] == "'@SUM(1+1)\nsecond line"


def test_consultation_csv_export_neutralises_formulas_and_keeps_line_breaks(
        client, cast, make_consultation):
    c = make_consultation()
    consultation_services.comment_post(consultation=c, user=cast.marche_member,
                                       body="-1+1 first paragraph\n\nsecond paragraph")
    consultation_services.comment_post(consultation=c, user=cast.veneto_member,
                                       body="line one\nline two")
    client.force_login(cast.wg3_coordinator)
    rows = rows_of(client.get(reverse("consultations:export_csv", args=[c.pk])))
    header = rows[0]
    texts = [row[header.index("text")] for row in rows[1:3]]
    assert "'-1+1 first paragraph\n\nsecond paragraph" in texts
    assert "line one\nline two" in texts


def test_matchmaking_coordinator_csv_export_neutralises_formulas(client, people, sectors):
    make_opportunity(people.marche_member, [sectors["C"]], status="submitted",
                     title="=HYPERLINK(\"http://evil.example\",\"open\")")
    client.force_login(people.wg3_coordinator)
    rows = rows_of(client.get(reverse("matchmaking:coordinate_csv")))
    header = rows[0]
    assert rows[1][header.index("title")] == "'=HYPERLINK(\"http://evil.example\",\"open\")"
