"""Comment phases, paragraph comments (the consultations' moderation and flood limit) and
amendments: proposing, supporting, accepting, rejecting, conflicts."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.core.models import Activity
from consultations import services as consultation_services
from consultations.models import Comment
from strategies import services
from strategies.models import Amendment, ParagraphComment
from strategies.selectors import chapters_for_page
from tests.strategies.conftest import first_paragraph

pytestmark = pytest.mark.django_db


def _propose(paragraph, author, text="A better second idea.", reason="Clearer."):
    return services.amendment_propose(paragraph=paragraph, user=author, text=text,
                                      reason=reason, base_revision=paragraph.revision)


def test_a_veneto_member_comments_on_paragraph_2_and_the_count_shows_beside_it(
        cast, make_document, open_phase, client_as):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document, 2)
    services.paragraph_comment_post(paragraph=paragraph, user=cast.veneto_member,
                                    body="Name the regions.")
    counts = {p.number: p.n_comments for c in chapters_for_page(document)
              for p in c.paragraphs.all()}
    assert counts == {"1.1": 0, "1.2": 1}
    page = client_as(cast.veneto_member).get(document.get_absolute_url()).content.decode()
    assert "1 comment on 1.2" in page


def test_a_reply_is_threaded_under_its_comment_on_the_same_paragraph(
        cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    p1, p2 = first_paragraph(document, 1), first_paragraph(document, 2)
    comment = services.paragraph_comment_post(paragraph=p2, user=cast.veneto_member,
                                              body="Question?")
    reply = services.paragraph_comment_post(paragraph=p2, user=cast.marche_member,
                                            body="Answer.", parent=comment)
    assert reply.depth == 1 and reply.parent_id == comment.pk
    with pytest.raises(ValidationError, match="on this paragraph"):
        services.paragraph_comment_post(paragraph=p1, user=cast.marche_member,
                                        body="Elsewhere.", parent=comment)


def test_comments_after_the_deadline_are_refused_and_nothing_is_saved(
        cast, make_document, open_phase):
    document = make_document()
    phase = open_phase(document)
    phase.consultation.closes_at = timezone.now() - timedelta(minutes=1)
    phase.consultation.opens_at = timezone.now() - timedelta(days=2)
    phase.consultation.save()
    with pytest.raises(ValidationError, match="comment phase closed on"):
        services.paragraph_comment_post(paragraph=first_paragraph(document),
                                        user=cast.veneto_member, body="Too late.")
    assert not Comment.objects.exists() and not ParagraphComment.objects.exists()


def test_there_is_no_commenting_before_a_phase_is_opened(cast, make_document):
    document = make_document()
    with pytest.raises(ValidationError, match="No comment phase"):
        services.paragraph_comment_post(paragraph=first_paragraph(document),
                                        user=cast.bsmepa_member, body="Early.")


@override_settings(CONSULTATION_COMMENTS_PER_MINUTE=2)
def test_the_consultations_flood_limit_applies_to_paragraph_comments(
        cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document)
    for n in range(2):
        services.paragraph_comment_post(paragraph=paragraph, user=cast.veneto_member,
                                        body=f"Comment {n}")
    with pytest.raises(ValidationError, match="too fast"):
        services.paragraph_comment_post(paragraph=paragraph, user=cast.veneto_member,
                                        body="One more")
    assert ParagraphComment.objects.count() == 2


def test_a_comment_hidden_by_the_phase_moderator_leaves_the_count_and_shows_the_reason(
        cast, make_document, open_phase, client_as):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document)
    comment = services.paragraph_comment_post(paragraph=paragraph, user=cast.veneto_member,
                                              body="Off topic rant")
    consultation_services.comment_flag(comment=comment, user=cast.bsmepa_member,
                                       reason="Off topic")
    consultation_services.comment_hide(comment=comment, user=cast.marche_member,
                                       reason="Off topic")
    assert chapters_for_page(document)[0].paragraphs.all()[0].n_comments == 0
    page = client_as(cast.bsmepa_member).get(paragraph.get_absolute_url()).content.decode()
    assert "Hidden by a moderator: Off topic" in page
    assert "Off topic rant" not in page


def test_a_stakeholder_comments_only_in_a_phase_open_to_stakeholders(
        cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    with pytest.raises(PermissionDenied):
        services.paragraph_comment_post(paragraph=first_paragraph(document),
                                        user=cast.approved_stakeholder, body="Hello")
    other = make_document(title="Sustainability Plan")
    open_phase(other, include_stakeholders=True)
    services.paragraph_comment_post(paragraph=first_paragraph(other),
                                    user=cast.approved_stakeholder, body="Hello")


def test_opening_a_second_phase_or_one_in_the_past_is_refused(cast, make_document, open_phase):
    document = make_document()
    with pytest.raises(ValidationError, match="future"):
        open_phase(document, days=-1)
    open_phase(document)
    with pytest.raises(ValidationError, match="already open"):
        open_phase(document)


def test_an_accepted_amendment_changes_the_paragraph_makes_a_version_and_credits_the_author(
        cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document, 2)
    amendment = _propose(paragraph, cast.veneto_member)
    services.amendment_support(amendment=amendment, user=cast.bsmepa_member)
    version = services.amendment_accept(amendment=amendment, user=cast.marche_member,
                                        reply="Thank you.")
    paragraph.refresh_from_db()
    amendment.refresh_from_db()
    assert paragraph.text == "A better second idea." and paragraph.revision == 2
    assert amendment.state == "accepted" and amendment.version == version
    assert "Luca Ferrari" in version.note
    notice = Activity.objects.get(verb="strategy.amendment_accepted")
    assert notice.partner == cast.veneto and notice.target_id == str(amendment.pk)


def test_a_rejection_needs_a_reply_and_tells_the_author(cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    amendment = _propose(first_paragraph(document, 2), cast.veneto_member)
    with pytest.raises(ValidationError, match="why"):
        services.amendment_reject(amendment=amendment, user=cast.marche_member, reply=" ")
    services.amendment_reject(amendment=amendment, user=cast.marche_member,
                              reply="Out of scope for WP6.")
    amendment.refresh_from_db()
    assert amendment.state == "rejected" and amendment.reply == "Out of scope for WP6."
    assert Activity.objects.get(verb="strategy.amendment_rejected").partner == cast.veneto
    assert first_paragraph(document, 2).text == "Second idea about clusters."


def test_only_editors_decide_on_amendments(cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    amendment = _propose(first_paragraph(document, 2), cast.veneto_member)
    with pytest.raises(PermissionDenied):
        services.amendment_accept(amendment=amendment, user=cast.bsmepa_member)


def test_supporting_twice_or_ones_own_amendment_is_refused(cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    amendment = _propose(first_paragraph(document, 2), cast.veneto_member)
    with pytest.raises(ValidationError, match="your own"):
        services.amendment_support(amendment=amendment, user=cast.veneto_member)
    services.amendment_support(amendment=amendment, user=cast.bsmepa_member)
    with pytest.raises(ValidationError, match="already support"):
        services.amendment_support(amendment=amendment, user=cast.bsmepa_member)
    assert amendment.supports.count() == 1


@pytest.mark.parametrize("text, reason, message", [
    ("   ", "Because.", "empty"),
    ("x" * (services.AMENDMENT_MAX_CHARS + 1), "Because.", "too long"),
    ("New words.", "", "empty"),
    ("Second idea about clusters.", "Same.", "same as the paragraph"),
])
def test_an_empty_oversized_or_unchanged_amendment_is_refused(
        cast, make_document, open_phase, text, reason, message):
    document = make_document()
    open_phase(document)
    with pytest.raises(ValidationError, match=message):
        _propose(first_paragraph(document, 2), cast.veneto_member, text=text, reason=reason)
    assert not Amendment.objects.exists()


def test_an_amendment_to_a_paragraph_that_changed_meanwhile_shows_the_conflict_and_keeps_the_text(
        cast, make_document, open_phase, client_as):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document, 2)
    client = client_as(cast.veneto_member)
    url = reverse("strategies:amend", kwargs={"pk": document.pk, "paragraph_id": paragraph.pk})
    services.chapter_save(chapter=paragraph.chapter, user=cast.marche_member, title="Vision",
                          texts={paragraph.pk: "Second idea, edited by the lead."})
    response = client.post(url, {"base_revision": 1, "text": "My own wording.",
                                 "reason": "Because."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "changed while you were writing" in html
    assert "Second idea, edited by the lead." in html
    assert "My own wording." in html
    assert 'name="base_revision" value="2"' in html
    assert not Amendment.objects.exists()


def test_accepting_an_amendment_whose_paragraph_changed_is_refused(
        cast, make_document, open_phase):
    document = make_document()
    open_phase(document)
    paragraph = first_paragraph(document, 2)
    amendment = _propose(paragraph, cast.veneto_member)
    services.chapter_save(chapter=paragraph.chapter, user=cast.marche_member, title="Vision",
                          texts={paragraph.pk: "Edited meanwhile."})
    with pytest.raises(services.AmendmentConflict) as conflict:
        services.amendment_accept(amendment=amendment, user=cast.marche_member)
    assert conflict.value.current_text == "Edited meanwhile."
    amendment.refresh_from_db()
    assert amendment.state == "open"
    assert first_paragraph(document, 2).text == "Edited meanwhile."


def test_amendments_after_the_deadline_are_refused(cast, make_document, open_phase):
    document = make_document()
    phase = open_phase(document)
    phase.consultation.opens_at = timezone.now() - timedelta(days=3)
    phase.consultation.closes_at = timezone.now() - timedelta(seconds=1)
    phase.consultation.save()
    with pytest.raises(ValidationError, match="no longer"):
        _propose(first_paragraph(document, 2), cast.veneto_member)
