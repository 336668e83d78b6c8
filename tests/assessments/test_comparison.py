import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import charts, services
from assessments.models import LearningRequest, Round
from assessments.selectors import round_scores
from clusterpolisee.core.csv_export import spreadsheet_safe as safe_cell
from tests.factories import PartnerFactory

from .conftest import validated_assessment


def _grow(round_, count, people):
    for index in range(count):
        validated_assessment(round_, PartnerFactory(country=people.marche.country),
                             {"financing": 1 + index % 5, "skills": 5 - index % 5})


def test_the_median_and_a_regions_scores_come_from_validated_assessments_only(
        people, open_round):
    validated_assessment(open_round, people.marche, {"financing": 1})
    validated_assessment(open_round, people.veneto, {"financing": 4})
    validated_assessment(open_round, people.bsmepa, {"financing": 5})
    services.assessment_for(round_=open_round, partner=PartnerFactory())  # a draft: ignored
    scores = round_scores(open_round)
    financing = open_round.framework.dimensions.get(code="financing")
    assert scores.medians()[financing.pk] == 4
    assert scores.of(people.marche.pk)[financing.pk] == 1
    assert len(scores.partners) == 3


def test_the_radar_puts_each_score_on_its_spoke_at_score_fifths_of_the_radius(
        people, open_round):
    dimensions = list(open_round.framework.dimensions.all())
    chart = charts.radar(dimensions, [("region", "Marche", {dimensions[0].pk: 5,
                                                           dimensions[2].pk: 2.5})])
    x, y, score = chart["series"][0].vertices[0]
    assert (x, y, score) == (charts.CENTRE, charts.CENTRE - charts.RADIUS, 5)
    x, y, _score = chart["series"][0].vertices[2]  # 8 spokes: the third points right
    assert (x, y) == (charts.CENTRE + charts.RADIUS / 2, charts.CENTRE)
    assert len(chart["spokes"]) == 8 and len(chart["rings"]) == 5


def test_the_comparison_page_shows_marche_against_the_median_and_a_peer_with_a_table(
        client, people, open_round):
    validated_assessment(open_round, people.marche, {"financing": 2})
    validated_assessment(open_round, people.veneto, {"financing": 4})
    client.force_login(people.marche_member)
    page = client.get(reverse("assessments:comparison", args=[open_round.pk]),
                      {"peer": "veneto-region"}).content.decode()
    assert "Marche against the median and Veneto" in page
    assert "<svg" in page and "radar-median" in page and "radar-peer" in page
    assert "The numbers in the chart" in page


def test_the_comparison_shows_the_change_since_the_previous_round(client, people, framework):
    before = Round.objects.create(title="Baseline 2012", framework=framework,
                                  deadline=timezone.now() - timedelta(days=400),
                                  state=Round.State.CLOSED)
    now = Round.objects.create(title="Mid-term 2013", framework=framework,
                               deadline=timezone.now() + timedelta(days=5))
    validated_assessment(before, people.marche, {"financing": 2})
    validated_assessment(now, people.marche, {"financing": 4})
    client.force_login(people.marche_member)
    page = client.get(reverse("assessments:comparison", args=[now.pk])).content.decode()
    assert "Change between rounds" in page and "+2.0" in page


@pytest.mark.parametrize("name", ["comparison", "heatmap"])
def test_comparison_and_heatmap_query_counts_are_the_same_for_25_and_250_partners(
        client, people, open_round, django_assert_num_queries, name):
    client.force_login(people.marche_member)
    validated_assessment(open_round, people.marche, {"financing": 2})
    _grow(open_round, 24, people)
    url = reverse(f"assessments:{name}", args=[open_round.pk])
    client.get(url)
    expected = {"comparison": 7, "heatmap": 6}[name]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(open_round, 225, people)
    with django_assert_num_queries(expected):
        page = client.get(url)
    assert page.status_code == 200
    if name == "heatmap":
        assert page.content.decode().count('<th scope="row"><a') == 250


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_a_csv_cell_never_starts_a_formula(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Marche") == "Marche" and safe_cell(3) == "3"


def test_the_csv_and_json_hold_validated_scores_with_formulas_neutralised(
        client, people, open_round):
    people.marche.name = "=HYPERLINK(\"x\")"
    people.marche.save()
    validated_assessment(open_round, people.marche, {"financing": 2})
    client.force_login(people.veneto_member)
    body = client.get(reverse("assessments:scores_csv", args=[open_round.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:2] == ["partner", "country"] and len(rows) == 1 + 24
    assert rows[1][0].startswith("'=")
    data = json.loads(client.get(reverse("assessments:scores_json",
                                         args=[open_round.pk])).content)
    assert len(data["scores"]) == 24 and {r["final_score"] for r in data["scores"]} == {2, 3}


def _pair_scores(people, round_):
    validated_assessment(round_, people.marche, {"financing": 1})
    validated_assessment(round_, people.bsmepa, {"financing": 5})
    validated_assessment(round_, people.veneto, {"financing": 3})
    return round_.framework.dimensions.get(code="financing")


def test_the_learning_page_lists_regions_scoring_4_or_more_where_mine_scores_2_or_less(
        client, people, open_round):
    _pair_scores(people, open_round)
    client.force_login(people.marche_admin)
    page = client.get(reverse("assessments:learning", args=[open_round.pk])).content.decode()
    assert "Ask to learn from BSMEPA" in page
    assert "Ask to learn from Veneto" not in page


def test_a_learning_pair_is_requested_and_accepted_and_shows_on_both_dashboards(
        client, people, open_round):
    dimension = _pair_scores(people, open_round)
    request = services.learning_request_create(user=people.marche_admin, round_=open_round,
                                               dimension=dimension, mentor=people.bsmepa)
    with pytest.raises(ValidationError, match="already asked"):
        services.learning_request_create(user=people.marche_admin, round_=open_round,
                                         dimension=dimension, mentor=people.bsmepa)
    services.learning_request_decide(user=people.wg3_coordinator, request=request, accept=True)
    request.refresh_from_db()
    assert request.state == LearningRequest.State.ACCEPTED
    for user in (people.marche_member, people.bsmepa_member):
        client.force_login(user)
        page = client.get(reverse("dashboard")).content.decode()
        assert "Marche learns from BSMEPA on Financing" in page
    client.force_login(people.veneto_member)
    assert "learns from" not in client.get(reverse("dashboard")).content.decode()


def test_asking_a_region_that_is_not_strong_or_for_a_strong_dimension_is_refused(
        people, open_round):
    dimension = _pair_scores(people, open_round)
    with pytest.raises(ValidationError, match="4 or more"):
        services.learning_request_create(user=people.marche_admin, round_=open_round,
                                         dimension=dimension, mentor=people.veneto)
    with pytest.raises(ValidationError, match="2 or less"):
        services.learning_request_create(user=people.marche_admin, round_=open_round,
                                         dimension=open_round.framework.dimensions.get(
                                             code="skills"), mentor=people.bsmepa)
    with pytest.raises(PermissionDenied):
        services.learning_request_create(user=people.marche_member, round_=open_round,
                                         dimension=dimension, mentor=people.bsmepa)


def test_the_demo_seed_gives_a_finished_baseline_for_at_least_eight_partners_and_an_open_round(
        db):
    from io import StringIO

    from django.core.management import call_command

    from assessments.models import Assessment

    call_command("seed_demo", "--i-know-this-is-not-production", stdout=StringIO())
    call_command("seed_demo", "--i-know-this-is-not-production", stdout=StringIO())
    baseline = Round.objects.get(title="Baseline 2012")
    assert Assessment.objects.filter(round=baseline, state="validated").count() >= 8
    assert Round.objects.get(title="Mid-term 2013").is_accepting
    scores = round_scores(baseline)
    assert len({tuple(sorted(s.values())) for s in scores.scores.values()}) > 5  # variety
