from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Assessment, Criterion, Round
from partners.models import Document

from .conftest import fill


def _criterion(round_):
    return Criterion.objects.filter(dimension__framework=round_.framework).first()


def _document(partner, visibility):
    return Document.objects.create(partner=partner, title=f"Doc {visibility}",
                                   visibility=visibility)


def test_a_member_saves_a_partial_draft_of_one_criterion(people, draft):
    answer = services.answer_save(user=people.marche_member, assessment=draft,
                                  criterion=_criterion(draft.round), score="4",
                                  evidence="Annual reports")
    assert answer.score == 4 and answer.vision == ""


@pytest.mark.parametrize("score", ["0", "6", "abc", "-1"])
def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(people, draft, score):
    document = _document(people.marche, Document.Visibility.ALL_PARTNERS)
    with pytest.raises(ValidationError, match="1 to 5"):
        services.answer_save(user=people.marche_member, assessment=draft,
                             criterion=_criterion(draft.round), score=score, evidence="x",
                             document_ids=[document.pk])
    assert not Answer.objects.exists()


def test_evidence_from_a_private_document_is_refused(people, draft):
    private = _document(people.marche, Document.Visibility.PRIVATE)
    with pytest.raises(ValidationError, match="not shared with all partners"):
        services.answer_save(user=people.marche_member, assessment=draft,
                             criterion=_criterion(draft.round), score=3,
                             document_ids=[private.pk])
    assert not Answer.objects.exists()


def test_evidence_from_another_partners_document_is_refused(people, draft):
    theirs = _document(people.veneto, Document.Visibility.PUBLIC)
    with pytest.raises(ValidationError, match="not your partner's document"):
        services.answer_save(user=people.marche_member, assessment=draft,
                             criterion=_criterion(draft.round), score=3,
                             document_ids=[theirs.pk])


def test_a_document_shared_with_all_partners_is_linked_as_evidence(people, draft):
    shared = _document(people.marche, Document.Visibility.ALL_PARTNERS)
    answer = services.answer_save(user=people.marche_member, assessment=draft,
                                  criterion=_criterion(draft.round), score=3,
                                  document_ids=[shared.pk])
    assert list(answer.documents.all()) == [shared]


def test_another_partners_staff_cannot_edit_marches_draft(people, draft):
    with pytest.raises(PermissionDenied):
        services.answer_save(user=people.veneto_member, assessment=draft,
                             criterion=_criterion(draft.round), score=3)


def test_a_platform_admin_cannot_edit_a_partners_draft(people, draft):
    with pytest.raises(PermissionDenied):
        services.answer_save(user=people.platform_admin, assessment=draft,
                             criterion=_criterion(draft.round), score=3)


def test_an_incomplete_submission_lists_what_is_missing(people, draft):
    services.answer_save(user=people.marche_member, assessment=draft,
                         criterion=_criterion(draft.round), score=3, evidence="x")
    with pytest.raises(ValidationError) as caught:
        services.assessment_submit(user=people.marche_admin, assessment=draft)
    text = " ".join(caught.value.messages)
    assert "incomplete" in text and "past actions" in text and "vision" in text
    assert len(caught.value.messages) == 1 + 24  # the heading and every criterion
    draft.refresh_from_db()
    assert draft.state == Assessment.State.DRAFT


def test_a_member_cannot_submit_only_the_partner_admin_does(people, draft):
    fill(draft, people.marche_member)
    with pytest.raises(PermissionDenied, match="admins submit"):
        services.assessment_submit(user=people.marche_member, assessment=draft)
    services.assessment_submit(user=people.marche_admin, assessment=draft)
    draft.refresh_from_db()
    assert draft.state == Assessment.State.SUBMITTED
    assert draft.submitted_by == people.marche_admin


def test_submitting_after_the_deadline_is_refused(people, draft):
    fill(draft, people.marche_member)
    Round.objects.filter(pk=draft.round_id).update(deadline=timezone.now() - timedelta(hours=1))
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="deadline"):
        services.assessment_submit(user=people.marche_admin, assessment=draft)
    with pytest.raises(ValidationError, match="deadline"):
        services.answer_save(user=people.marche_member, assessment=draft,
                             criterion=_criterion(draft.round), score=2)


def test_a_submitted_assessment_can_no_longer_be_edited(people, submitted):
    with pytest.raises(PermissionDenied):
        services.answer_save(user=people.marche_member, assessment=submitted,
                             criterion=_criterion(submitted.round), score=1)


def test_autosave_by_htmx_answers_with_a_status_and_saves(client, people, draft):
    client.force_login(people.marche_member)
    criterion = _criterion(draft.round)
    url = reverse("assessments:answer_save", args=[draft.pk, criterion.pk])
    response = client.post(url, {f"c{criterion.pk}-score": "2",
                                 f"c{criterion.pk}-evidence": "Reports"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Draft saved" in response.content.decode()
    assert Answer.objects.get(criterion=criterion).score == 2
    response = client.post(url, {f"c{criterion.pk}-score": "9"}, HTTP_HX_REQUEST="true")
    assert "Not saved" in response.content.decode()
    assert Answer.objects.get(criterion=criterion).score == 2


def test_the_save_button_without_javascript_saves_and_returns_to_the_criterion(
        client, people, draft):
    client.force_login(people.marche_member)
    criterion = _criterion(draft.round)
    response = client.post(reverse("assessments:answer_save", args=[draft.pk, criterion.pk]),
                           {f"c{criterion.pk}-score": "5"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#criterion-{criterion.pk}")
    assert Answer.objects.get(criterion=criterion).score == 5


def test_the_form_page_shows_every_criterion_with_its_level_descriptors(client, people, draft):
    client.force_login(people.marche_member)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.count('class="criterion"') == 24
    assert "Multi-year programme with cluster-specific criteria" in page
