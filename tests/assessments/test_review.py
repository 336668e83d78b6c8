import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.models import Answer, Assessment, Criterion, ReviewComment
from clusterpolisee.core.models import Activity
from tests.factories import PartnerFactory, staff

from .conftest import validated_assessment


def _answer(assessment):
    return Answer.objects.filter(assessment=assessment).select_related(
        "criterion", "assessment").first()


def test_a_coordinator_assigns_a_reviewer_from_another_partner_as_a_guardian_grant(
        people, submitted):
    assessment = services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                                          reviewer=people.bsmepa_member)
    assert assessment.state == Assessment.State.IN_REVIEW
    assert people.bsmepa_member.has_perm("assessments.review_assessment", assessment)
    assert not people.veneto_member.has_perm("assessments.review_assessment", assessment)
    assert Activity.objects.filter(verb="assessment.reviewer_assigned",
                                   partner=people.bsmepa).exists()
    assert Activity.objects.filter(verb="assessment.reviewer_assigned",
                                   partner=people.marche).exists()


def test_reviewing_ones_own_partner_is_refused(people, submitted):
    with pytest.raises(ValidationError, match="own self-assessment"):
        services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                                 reviewer=people.marche_member)


def test_an_assessment_has_at_most_two_reviewers(people, submitted):
    services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                             reviewer=people.bsmepa_member)
    services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                             reviewer=people.veneto_member)
    with pytest.raises(ValidationError, match="at most two"):
        services.reviewer_assign(user=people.wg3_coordinator, assessment=submitted,
                                 reviewer=staff(PartnerFactory()))


def test_a_partner_member_who_coordinates_nothing_cannot_assign_reviewers(people, submitted):
    with pytest.raises(PermissionDenied):
        services.reviewer_assign(user=people.veneto_member, assessment=submitted,
                                 reviewer=people.bsmepa_member)


def test_a_coordinator_cannot_coordinate_their_own_partners_assessment(people, submitted):
    people.wg3.coordinators.add(people.marche_admin)
    with pytest.raises(PermissionDenied):
        services.reviewer_assign(user=people.marche_admin, assessment=submitted,
                                 reviewer=people.bsmepa_member)


def test_the_reviewer_comments_and_proposes_another_score(people, in_review):
    answer = _answer(in_review)
    review = services.review_comment(user=people.bsmepa_member, answer=answer,
                                     comment="Evidence is thin", proposed_score=2)
    assert review.proposed_score == 2
    again = services.review_comment(user=people.bsmepa_member, answer=answer,
                                    comment="Evidence is thin, see the 2011 report",
                                    proposed_score="")
    assert again.pk == review.pk and again.proposed_score is None
    assert Activity.objects.filter(verb="assessment.reviewed", partner=people.marche).exists()


def test_a_proposed_score_outside_the_scale_is_refused(people, in_review):
    with pytest.raises(ValidationError):
        services.review_comment(user=people.bsmepa_member, answer=_answer(in_review),
                                comment="x", proposed_score=7)
    assert not ReviewComment.objects.exists()


def test_someone_not_assigned_cannot_review(people, in_review):
    with pytest.raises(PermissionDenied):
        services.review_comment(user=people.veneto_member, answer=_answer(in_review), comment="x")


def test_the_assessed_partner_answers_and_the_coordinator_validates(people, in_review):
    answer = _answer(in_review)
    services.review_comment(user=people.bsmepa_member, answer=answer, comment="Thin",
                            proposed_score=2)
    services.review_answer(user=people.marche_member, answer=answer, response="See annex B")
    assert Activity.objects.filter(verb="assessment.answered", partner=people.bsmepa).exists()
    finals = {c.pk: 3 for c in Criterion.objects.filter(
        dimension__framework=in_review.round.framework)}
    finals[answer.criterion_id] = 2
    services.assessment_validate(user=people.wg3_coordinator, assessment=in_review,
                                 final_scores=finals)
    in_review.refresh_from_db()
    assert in_review.state == Assessment.State.VALIDATED
    assert Answer.objects.get(pk=answer.pk).final_score == 2
    assert Activity.objects.filter(verb="assessment.validated").exists()


def test_validation_with_a_missing_or_bad_final_score_changes_nothing(people, in_review):
    finals = {c.pk: 3 for c in Criterion.objects.filter(
        dimension__framework=in_review.round.framework)}
    first = next(iter(finals))
    finals[first] = 9
    with pytest.raises(ValidationError, match="1 to 5"):
        services.assessment_validate(user=people.wg3_coordinator, assessment=in_review,
                                     final_scores=finals)
    assert not Answer.objects.filter(final_score__isnull=False).exists()
    in_review.refresh_from_db()
    assert in_review.state == Assessment.State.IN_REVIEW


def test_reviewer_suggestions_are_partners_strong_on_the_weakest_dimensions(
        people, framework, submitted):
    from django.utils import timezone

    from assessments.models import Round

    baseline = Round.objects.create(title="Baseline 2012", framework=framework,
                                    deadline=timezone.now(), state=Round.State.CLOSED)
    validated_assessment(baseline, people.marche, {"financing": 1})
    validated_assessment(baseline, people.bsmepa, {"financing": 5})
    validated_assessment(baseline, people.veneto, {"financing": 2, "skills": 5})
    suggestions = services.suggested_reviewer_partners(assessment=submitted)
    assert [partner for partner, _dims in suggestions] == [people.bsmepa]
    assert [d.code for d in suggestions[0][1]] == ["financing"]


def test_with_no_validated_history_suggestions_follow_the_lowest_self_scores(
        people, framework, submitted):
    from django.utils import timezone

    from assessments.models import Round

    Answer.objects.filter(assessment=submitted, criterion__dimension__code="financing").update(
        score=1)
    baseline = Round.objects.create(title="Baseline 2012", framework=framework,
                                    deadline=timezone.now(), state=Round.State.CLOSED)
    validated_assessment(baseline, people.bsmepa, {"financing": 5})
    validated_assessment(baseline, people.veneto, {"skills": 5})
    suggestions = services.suggested_reviewer_partners(assessment=submitted)
    assert [partner for partner, _dims in suggestions] == [people.bsmepa]
    assert [d.code for d in suggestions[0][1]] == ["financing"]


def test_no_round_validated_yet_means_no_suggestions_rather_than_an_error(people, submitted):
    assert services.suggested_reviewer_partners(assessment=submitted) == []


def test_the_coordinators_partner_hears_of_each_review_comment(people, in_review):
    services.reviewer_assign(user=people.wg3_coordinator, assessment=in_review,
                             reviewer=people.veneto_member)
    services.review_comment(user=people.veneto_member, answer=_answer(in_review), comment="Thin")
    reviewed = Activity.objects.filter(verb="assessment.reviewed")
    assert set(reviewed.values_list("partner", flat=True)) == {people.marche.pk,
                                                               people.bsmepa.pk}
