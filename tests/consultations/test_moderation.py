"""Moderation: the queue, hide/unhide with a reason, blocks, closing and the summary."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.core.visibility import target_visible_to
from consultations import services
from consultations.models import Comment, ConsultationBlock, Flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.approved_stakeholder,
                                    body="Visit my shop")
    services.comment_flag(comment=comment, user=cast.marche_member, reason="Advertising")
    return c, comment


def test_queue_lists_flagged_comments_with_reasons(client, cast, flagged):
    c, comment = flagged
    client.force_login(cast.wg3_coordinator)
    page = client.get(reverse("consultations:moderation", args=[c.pk])).content.decode()
    assert "Visit my shop" in page and "Advertising" in page and "1 flag" in page


def test_the_moderation_page_lists_only_flagged_comments_never_with_0_flags(
        client, cast, flagged):
    c, comment = flagged
    for n in range(4):
        services.comment_post(consultation=c, user=cast.approved_stakeholder,
                              body=f"An ordinary view number {n}")
    client.force_login(cast.wg3_coordinator)
    page = client.get(reverse("consultations:moderation", args=[c.pk])).content.decode()
    assert "0 flags" not in page and "An ordinary view number" not in page
    assert "Visit my shop" in page and "1 flag" in page


def test_hiding_shows_the_reason_in_place_of_the_comment_and_is_logged(client, cast, flagged):
    c, comment = flagged
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:comment_hide", args=[c.pk, comment.pk]),
                {"reason": "Advertising is off topic"})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == cast.wg3_coordinator
    assert not Flag.objects.filter(resolved_at=None).exists()
    client.force_login(cast.marche_member)
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Visit my shop" not in page
    assert "Hidden by a moderator: Advertising is off topic" in page
    item = Activity.objects.get(verb="consultation.comment_hidden")
    assert item.actor == cast.wg3_coordinator and item.target == c
    client.force_login(cast.wg3_coordinator)
    queue = client.get(reverse("consultations:moderation", args=[c.pk])).content.decode()
    assert "hid a comment on the consultation" in queue  # the moderation log


def test_hiding_needs_a_reason(client, cast, flagged):
    c, comment = flagged
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:comment_hide", args=[c.pk, comment.pk]),
                           {"reason": ""}, follow=True)
    assert "Give the reason" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_unhide_brings_the_comment_back(client, cast, flagged):
    c, comment = flagged
    services.comment_hide(comment=comment, user=cast.wg3_coordinator, reason="Off topic")
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:comment_unhide", args=[c.pk, comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert Activity.objects.filter(verb="consultation.comment_unhidden").exists()


def test_dismissing_flags_empties_the_queue(client, cast, flagged):
    c, comment = flagged
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:flags_dismiss", args=[c.pk, comment.pk]))
    page = client.get(reverse("consultations:moderation", args=[c.pk])).content.decode()
    assert "No flagged comments waiting." in page


@pytest.mark.parametrize("persona", ["marche_member", "veneto_member", "approved_stakeholder"])
def test_non_moderators_cannot_hide(client, cast, flagged, persona):
    c, comment = flagged
    client.force_login(getattr(cast, persona))
    response = client.post(reverse("consultations:comment_hide", args=[c.pk, comment.pk]),
                           {"reason": "x"})
    assert response.status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden
    with pytest.raises(PermissionDenied):
        services.comment_hide(comment=comment, user=getattr(cast, persona), reason="x")


def test_blocked_participant_cannot_comment_there_but_can_elsewhere(client, cast, flagged,
                                                                    make_consultation):
    c, comment = flagged
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:block", args=[c.pk]),
                {"user": cast.approved_stakeholder.pk, "reason": "Repeated advertising"})
    assert ConsultationBlock.objects.filter(consultation=c,
                                            user=cast.approved_stakeholder).exists()
    assert Activity.objects.filter(verb="consultation.user_blocked").exists()
    client.force_login(cast.approved_stakeholder)
    response = client.post(c.get_absolute_url(), {"body": "Again"}, follow=True)
    page = response.content.decode()
    assert "A moderator has blocked you from this consultation." in page
    assert Comment.objects.filter(consultation=c).count() == 1
    other = make_consultation()
    client.post(other.get_absolute_url(), {"body": "Elsewhere"})
    assert Comment.objects.filter(consultation=other).count() == 1


def test_lifting_a_block(client, cast, flagged):
    c, _ = flagged
    block = services.user_block(consultation=c, participant=cast.approved_stakeholder,
                                user=cast.wg3_coordinator, reason="Spam")
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:unblock", args=[c.pk, block.pk]))
    assert not ConsultationBlock.objects.exists()


def test_close_then_publish_summary_notifies_through_activity(client, cast, make_consultation):
    c = make_consultation(audience="stakeholders")
    services.comment_post(consultation=c, user=cast.approved_stakeholder, body="My view")
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:close", args=[c.pk]))
    c.refresh_from_db()
    assert c.state == "closed" and c.phase == "closed"
    response = client.post(reverse("consultations:summary", args=[c.pk]),
                           {"summary": "<p>We heard you.</p><script>x()</script>"}, follow=True)
    c.refresh_from_db()
    assert c.state == "summarised" and c.summary == "<p>We heard you.</p>"
    assert "We heard you." in response.content.decode()
    item = Activity.objects.get(verb="consultation.summary_published")
    assert item in activities_visible_to(cast.approved_stakeholder)
    assert target_visible_to(cast.approved_stakeholder, item)
    assert not target_visible_to(cast.pending_stakeholder, item)


def test_summary_needs_a_closed_consultation(client, cast, make_consultation):
    c = make_consultation()
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:summary", args=[c.pk]),
                           {"summary": "Too early"}, follow=True)
    assert "Close the consultation before publishing its summary." in response.content.decode()
    c.refresh_from_db()
    assert c.state == "open"


def test_owner_creates_a_draft_and_opens_it(client, cast):
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:create"), {
        "title": "Matchmaking themes", "background": "<p>Which themes?</p>",
        "working_group": cast.wg3.pk, "audience": "stakeholders",
        "opens_at": "2026-01-01T09:00", "closes_at": "2099-01-31T18:00"}, follow=True)
    assert response.status_code == 200
    from consultations.models import Consultation

    c = Consultation.objects.get()
    assert c.state == "draft" and c.owner == cast.wg3_coordinator
    assert str(c.opens_at.tzinfo) == "UTC" and c.opens_at.hour == 7  # Sofia is UTC+2
    client.post(reverse("consultations:open", args=[c.pk]))
    c.refresh_from_db()
    assert c.state == "open"
    assert Activity.objects.get(verb="consultation.opened").visibility == "public"


def test_closing_date_must_follow_the_opening(client, cast):
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:create"), {
        "title": "Backwards", "background": "Why?", "audience": "public",
        "opens_at": "2026-05-01T09:00", "closes_at": "2026-04-01T09:00"})
    assert "The closing date must be after the opening." in response.content.decode()


def test_publishing_the_summary_notifies_every_participant(client, cast, make_consultation):
    from notifications.models import Notification
    from notifications.services import notifications_create_for_activity

    c = make_consultation(audience="stakeholders")
    services.comment_post(consultation=c, user=cast.approved_stakeholder, body="My view")
    services.comment_post(consultation=c, user=cast.approved_stakeholder, body="And more")
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:close", args=[c.pk]))
    client.post(reverse("consultations:summary", args=[c.pk]), {"summary": "We heard you."})
    item = Activity.objects.get(verb="consultation.summary_published")
    notifications_create_for_activity(activity=item)
    assert list(Notification.objects.filter(activity=item).values_list(
        "recipient", flat=True)) == [cast.approved_stakeholder.pk]
