"""Results by partner, country and participant type; CSV and JSON exports for owners."""
import csv
import io
import json

import pytest
from django.urls import reverse

from consultations import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussed(cast, make_consultation):
    c = make_consultation(rating_question="Clusters need a seat on the S3 board.")
    services.comment_post(consultation=c, user=cast.marche_member, body="=HYPERLINK(1)")
    services.comment_post(consultation=c, user=cast.veneto_member, body="From Veneto")
    hidden = services.comment_post(consultation=c, user=cast.approved_stakeholder,
                                   body="Spam")
    services.comment_hide(comment=hidden, user=cast.wg3_coordinator, reason="Spam")
    gone = services.comment_post(consultation=c, user=cast.bsmepa_member, body="Oops")
    services.comment_delete(comment=gone, user=cast.bsmepa_member)
    services.comment_post(consultation=c, user=cast.approved_stakeholder, body="Real view")
    services.rating_answer(consultation=c, user=cast.approved_stakeholder, value=4)
    return c


def test_results_count_by_partner_country_and_type(client, cast, discussed):
    client.force_login(cast.marche_member)
    response = client.get(reverse("consultations:results", args=[discussed.pk]))
    results = response.context["results"]
    assert (results["total"], results["shown"], results["hidden"], results["deleted"]) == \
        (5, 3, 1, 1)
    assert dict(results["by_partner"]) == {"Marche": 1, "Veneto": 1}
    assert dict(results["by_country"]) == {"Italy": 2, "Serbia": 1}
    assert results["by_type"]["stakeholder"] == {"comments": 1, "people": 1}
    assert results["by_type"]["partner"] == {"comments": 2, "people": 2}
    assert results["ratings"][4] == 1
    assert "Export CSV" not in response.content.decode()  # members do not export


def test_csv_export_has_every_comment_with_its_status_and_honest_counts(client, cast,
                                                                         discussed):
    client.force_login(cast.wg3_coordinator)
    response = client.get(reverse("consultations:export_csv", args=[discussed.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, comments = rows[0], rows[1:6]
    status = [dict(zip(header, r, strict=True))["status"] for r in comments]
    assert sorted(status) == ["deleted", "hidden", "shown", "shown", "shown"]
    assert ["comments", "5", "shown", "3", "hidden", "1", "deleted", "1"] in rows
    texts = [dict(zip(header, r, strict=True))["text"] for r in comments]
    assert "'=HYPERLINK(1)" in texts  # no formula runs in a spreadsheet
    assert "Oops" not in response.content.decode()  # deleted text is gone for good
    assert ["rating", "4", "answers", "1"] in rows


def test_json_export(client, cast, discussed):
    client.force_login(cast.wg3_coordinator)
    response = client.get(reverse("consultations:export_json", args=[discussed.pk]))
    data = json.loads(response.content)
    assert data["counts"] == {"total": 5, "shown": 3, "hidden": 1, "deleted": 1}
    assert {c["participant_type"] for c in data["comments"]} == {"partner", "stakeholder"}
    hidden = next(c for c in data["comments"] if c["status"] == "hidden")
    assert hidden["hidden_reason"] == "Spam" and hidden["country"] == "RS"
    assert data["ratings"][0]["value"] == 4


def test_platform_admin_exports_too(client, cast, discussed):
    client.force_login(cast.platform_admin)
    assert client.get(reverse("consultations:export_json", args=[discussed.pk])).status_code \
        == 200
