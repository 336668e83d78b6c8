"""docs/permissions.md, assessments: one test per role × action cell. What a role may not
know exists answers 404; pages behind a login send anonymous visitors to it."""
import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Criterion, LearningRequest
from tests.factories import stakeholder

from .conftest import validated_assessment

ROLES = ["marche_member", "marche_admin", "veneto_member", "bsmepa_member",
         "wg3_coordinator", "platform_admin", "stakeholder", "anonymous"]


def _as(client, people, role):
    if role == "stakeholder":
        client.force_login(stakeholder(email="approved@cluster.example.org"))
    elif role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


DRAFT_PAGE = {"marche_member": 200, "marche_admin": 200, "veneto_member": 404,
              "bsmepa_member": 404, "wg3_coordinator": 404, "platform_admin": 404,
              "stakeholder": 404, "anonymous": 404}


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_seen_by_its_partners_staff_only(client, people, draft, role):
    response = _as(client, people, role).get(draft.get_absolute_url())
    assert _status(response) == DRAFT_PAGE[role]


SAVE_DRAFT = {"marche_member": 302, "marche_admin": 302, "veneto_member": 404,
              "bsmepa_member": 404, "wg3_coordinator": 404, "platform_admin": 404,
              "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_partners_staff_save_a_draft(client, people, draft, role):
    criterion = Criterion.objects.filter(dimension__framework=draft.round.framework).first()
    response = _as(client, people, role).post(
        reverse("assessments:answer_save", args=[draft.pk, criterion.pk]),
        {f"c{criterion.pk}-score": "3"})
    assert _status(response) == SAVE_DRAFT[role]
    assert Answer.objects.exists() == (SAVE_DRAFT[role] == 302)


SUBMITTED_PAGE = {"marche_member": 200, "marche_admin": 200, "veneto_member": 200,
                  "bsmepa_member": 200, "wg3_coordinator": 200, "platform_admin": 200,
                  "stakeholder": 404, "anonymous": 404}


@pytest.mark.parametrize("role", ROLES)
def test_a_submitted_assessment_is_seen_by_all_partner_staff_and_platform_admins(
        client, people, submitted, role):
    assert _status(_as(client, people, role).get(submitted.get_absolute_url())) == \
        SUBMITTED_PAGE[role]


REVIEW = {"marche_member": 404, "marche_admin": 404, "veneto_member": 404,
          "bsmepa_member": 302, "wg3_coordinator": 404, "platform_admin": 404,
          "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_assigned_reviewer_writes_review_comments(client, people, in_review, role):
    criterion_id = Answer.objects.filter(assessment=in_review).first().criterion_id
    response = _as(client, people, role).post(
        reverse("assessments:review", args=[in_review.pk, criterion_id]),
        {f"r{criterion_id}-comment": "Looks fine", f"r{criterion_id}-proposed_score": ""})
    assert _status(response) == REVIEW[role]


def test_a_reviewer_sees_what_they_review_and_the_form_to_review_it(client, people, in_review):
    client.force_login(people.bsmepa_member)
    page = client.get(in_review.get_absolute_url()).content.decode()
    assert "Save review comment" in page
    client.force_login(people.veneto_member)
    assert "Save review comment" not in client.get(in_review.get_absolute_url()).content.decode()


SCORES = {"marche_member": 200, "marche_admin": 200, "veneto_member": 200,
          "bsmepa_member": 200, "wg3_coordinator": 200, "platform_admin": 200,
          "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("name", ["comparison", "heatmap", "scores_csv", "scores_json",
                                  "learning"])
@pytest.mark.parametrize("role", ROLES)
def test_one_regions_scores_are_for_partner_staff_and_platform_admins(
        client, people, open_round, role, name):
    validated_assessment(open_round, people.veneto, {"financing": 5})
    open_round.publish_aggregates = True  # even published, a region's scores stay private
    open_round.save()
    response = _as(client, people, role).get(reverse(f"assessments:{name}",
                                                     args=[open_round.pk]))
    assert _status(response) == SCORES[role]


ROUND_UNPUBLISHED = {"marche_member": 200, "marche_admin": 200, "veneto_member": 200,
                     "bsmepa_member": 200, "wg3_coordinator": 200, "platform_admin": 200,
                     "stakeholder": 404, "anonymous": 404}


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_round_is_unknown_to_stakeholders_and_visitors(
        client, people, open_round, role):
    assert _status(_as(client, people, role).get(open_round.get_absolute_url())) == \
        ROUND_UNPUBLISHED[role]


@pytest.mark.parametrize("role", ["stakeholder", "anonymous"])
def test_a_published_round_shows_visitors_only_the_medians_never_a_region(
        client, people, open_round, role):
    validated_assessment(open_round, people.veneto, {"financing": 5})
    validated_assessment(open_round, people.bsmepa, {"financing": 1})
    open_round.publish_aggregates = True
    open_round.save()
    response = _as(client, people, role).get(open_round.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Median" in page and "3.0" in page  # median of 5 and 1 on financing
    assert "Veneto" not in page and "BSMEPA" not in page


REPORT = {"marche_member": 200, "marche_admin": 200, "veneto_member": 200,
          "bsmepa_member": 200, "wg3_coordinator": 200, "platform_admin": 200,
          "stakeholder": 404, "anonymous": 404}


@pytest.mark.parametrize("role", ROLES)
def test_the_report_of_a_validated_assessment_is_for_partner_staff_and_admins(
        client, people, open_round, role):
    assessment = validated_assessment(open_round, people.marche, {"financing": 2})
    response = _as(client, people, role).get(reverse("assessments:report",
                                                     args=[assessment.pk]))
    assert _status(response) == REPORT[role]


def _learning_request(people, open_round):
    validated_assessment(open_round, people.marche, {"financing": 1})
    validated_assessment(open_round, people.bsmepa, {"financing": 5})
    dimension = open_round.framework.dimensions.get(code="financing")
    return services.learning_request_create(user=people.marche_admin, round_=open_round,
                                            dimension=dimension, mentor=people.bsmepa)


DECIDE = {"marche_member": 404, "marche_admin": 404, "veneto_member": 404,
          "bsmepa_member": 404, "wg3_coordinator": 302, "platform_admin": 404,
          "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_experienced_partners_admin_answers_a_learning_request(
        client, people, open_round, role):
    request = _learning_request(people, open_round)
    response = _as(client, people, role).post(
        reverse("assessments:learning_decide", args=[request.pk]), {"decision": "accept"})
    assert _status(response) == DECIDE[role]
    request.refresh_from_db()
    assert (request.state == LearningRequest.State.ACCEPTED) == (DECIDE[role] == 302)


ASSIGN = {"marche_member": 404, "marche_admin": 404, "veneto_member": 404,
          "bsmepa_member": 404, "wg3_coordinator": 302, "platform_admin": 302,
          "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_only_review_coordinators_from_another_partner_assign_reviewers(
        client, people, submitted, role):
    response = _as(client, people, role).post(
        reverse("assessments:reviewer_assign", args=[submitted.pk]),
        {"reviewer": people.veneto_member.pk})
    assert _status(response) == ASSIGN[role]
    assert people.veneto_member.has_perm("assessments.review_assessment", submitted) == (
        ASSIGN[role] == 302)


ANSWER = {"marche_member": 302, "marche_admin": 302, "veneto_member": 404,
          "bsmepa_member": 404, "wg3_coordinator": 404, "platform_admin": 404,
          "stakeholder": 404, "anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_assessed_partners_staff_answer_the_reviewers(client, people, in_review, role):
    answer = Answer.objects.filter(assessment=in_review).select_related("assessment").first()
    services.review_comment(user=people.bsmepa_member, answer=answer, comment="Thin")
    response = _as(client, people, role).post(
        reverse("assessments:review_answer", args=[in_review.pk, answer.criterion_id]),
        {f"a{answer.criterion_id}-response": "See annex"})
    assert _status(response) == ANSWER[role]
    answer.refresh_from_db()
    assert bool(answer.response) == (ANSWER[role] == 302)
