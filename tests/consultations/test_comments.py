"""Threaded comments: replies, editing window, soft delete, reactions, flags, bad input."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from consultations import services
from consultations.models import Comment, Flag, Reaction
from consultations.selectors import thread_of

pytestmark = pytest.mark.django_db


def post(client, consultation, body, parent=None):
    data = {"body": body}
    if parent:
        data["parent"] = parent.pk
    return client.post(consultation.get_absolute_url(), data, follow=True)


def test_replies_nest_two_levels_and_deeper_answers_stay_on_the_third(cast, make_consultation):
    c = make_consultation()
    top = services.comment_post(consultation=c, user=cast.marche_member, body="Top")
    reply = services.comment_post(consultation=c, user=cast.veneto_member, body="R1", parent=top)
    deeper = services.comment_post(consultation=c, user=cast.marche_member, body="R2",
                                   parent=reply)
    deepest = services.comment_post(consultation=c, user=cast.veneto_member, body="R3",
                                    parent=deeper)
    other = services.comment_post(consultation=c, user=cast.veneto_member, body="Second top")
    assert [reply.depth, deeper.depth, deepest.depth] == [1, 2, 2]
    assert deepest.parent_id == reply.pk
    order = [x.pk for x in thread_of(c, cast.marche_member)]
    assert order == [top.pk, reply.pk, deeper.pk, deepest.pk, other.pk]


def test_a_comment_is_posted_and_linked_from_the_thread(client, cast, make_consultation):
    c = make_consultation()
    client.force_login(cast.approved_stakeholder)
    response = post(client, c, "We need regional data first.")
    comment = Comment.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}")
    page = response.content.decode()
    assert f'id="comment-{comment.pk}"' in page and "We need regional data first." in page
    assert "Danube Cluster Network" in page  # the stakeholder's organisation


def test_replying_from_the_page(client, cast, make_consultation):
    c = make_consultation()
    top = services.comment_post(consultation=c, user=cast.marche_member, body="Top")
    client.force_login(cast.veneto_member)
    page = client.get(c.get_absolute_url(), {"reply_to": top.pk}).content.decode()
    assert "Reply to Giulia Bianchi" in page
    post(client, c, "An answer", parent=top)
    assert Comment.objects.get(body="An answer").parent == top


def test_script_laden_comment_keeps_its_text_and_loses_the_script(client, cast,
                                                                  make_consultation):
    c = make_consultation()
    client.force_login(cast.marche_member)
    post(client, c, 'Hello <script>alert(1)</script><img src=x onerror="alert(2)">'
                    '<a href="javascript:alert(3)">x</a> <strong>bold</strong>')
    comment = Comment.objects.get()
    assert "script" not in comment.body_html and "onerror" not in comment.body_html
    assert "javascript:" not in comment.body_html
    assert "<strong>bold</strong>" in comment.body_html
    page = client.get(c.get_absolute_url()).content.decode()
    assert "alert(" not in page


@pytest.mark.parametrize("body", ["", "   ", "<script>alert(1)</script>", "<img src=x>"])
def test_empty_comments_are_refused_with_a_message(client, cast, make_consultation, body):
    c = make_consultation()
    client.force_login(cast.marche_member)
    response = client.post(c.get_absolute_url(), {"body": body})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required" in page or "Your comment is empty" in page
    assert not Comment.objects.exists()


@override_settings(CONSULTATION_COMMENT_MAX_CHARS=50)
def test_oversize_comment_is_refused_and_the_limit_is_configurable(client, cast,
                                                                   make_consultation):
    c = make_consultation()
    client.force_login(cast.marche_member)
    response = client.post(c.get_absolute_url(), {"body": "x" * 51})
    assert "Your comment is too long: at most 50 characters" in response.content.decode()
    assert not Comment.objects.exists()
    post(client, c, "x" * 50)
    assert Comment.objects.count() == 1


def test_default_limit_is_ten_thousand_characters(cast, make_consultation):
    c = make_consultation()
    with pytest.raises(ValidationError, match="too long"):
        services.comment_post(consultation=c, user=cast.marche_member, body="y" * 10_001)


def test_comments_after_the_deadline_are_refused(client, cast, make_consultation):
    c = make_consultation(opens_at=timezone.now() - timedelta(days=10),
                          closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(cast.marche_member)
    response = client.post(c.get_absolute_url(), {"body": "Too late"}, follow=True)
    assert "This consultation is not open for comments." in response.content.decode()
    assert "This consultation is closed; no new comments are accepted." in \
        response.content.decode()
    assert not Comment.objects.exists()


def test_comments_on_a_closed_consultation_are_refused(cast, make_consultation):
    c = make_consultation(state="closed")
    with pytest.raises(ValidationError, match="not open for comments"):
        services.comment_post(consultation=c, user=cast.marche_member, body="Late")


@override_settings(CONSULTATION_COMMENTS_PER_MINUTE=3)
def test_flood_is_throttled_with_a_message(client, cast, make_consultation):
    c = make_consultation()
    client.force_login(cast.marche_member)
    for n in range(3):
        post(client, c, f"Comment {n}")
    response = client.post(c.get_absolute_url(), {"body": "One too many"})
    assert "You are posting too fast: at most 3 comments a minute" in response.content.decode()
    assert Comment.objects.count() == 3
    # another person is not throttled by the first one's pace
    client.force_login(cast.veneto_member)
    post(client, c, "Mine")
    assert Comment.objects.count() == 4


def test_the_author_edits_within_the_window_and_it_shows_edited(client, cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.marche_member, body="Frist")
    client.force_login(cast.marche_member)
    url = reverse("consultations:comment_edit", args=[c.pk, comment.pk])
    response = client.post(url, {"body": "First"}, follow=True)
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at is not None
    assert "edited" in response.content.decode()


def test_editing_after_the_window_is_refused(client, cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.marche_member, body="Old")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(cast.marche_member)
    response = client.post(reverse("consultations:comment_edit", args=[c.pk, comment.pk]),
                           {"body": "New"}, follow=True)
    assert "This comment can no longer be edited." in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Old"


def test_only_the_author_edits_or_deletes(client, cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.marche_member, body="Mine")
    client.force_login(cast.veneto_member)
    assert client.post(reverse("consultations:comment_edit", args=[c.pk, comment.pk]),
                       {"body": "Theirs"}).status_code == 404
    assert client.post(reverse("consultations:comment_delete",
                               args=[c.pk, comment.pk])).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Mine" and not comment.is_deleted


def test_soft_delete_keeps_replies_readable(client, cast, make_consultation):
    c = make_consultation()
    top = services.comment_post(consultation=c, user=cast.marche_member, body="Regret this")
    services.comment_post(consultation=c, user=cast.veneto_member, body="A reply", parent=top)
    client.force_login(cast.marche_member)
    response = client.post(reverse("consultations:comment_delete", args=[c.pk, top.pk]),
                           follow=True)
    page = response.content.decode()
    assert "Regret this" not in page and "The author deleted this comment." in page
    assert "A reply" in page
    top.refresh_from_db()
    assert top.is_deleted and top.body == ""


def test_reactions_toggle_and_count(client, cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.marche_member, body="Agreeable")
    url = reverse("consultations:comment_react", args=[c.pk, comment.pk])
    client.force_login(cast.veneto_member)
    client.post(url, {"kind": "agree"})
    client.force_login(cast.approved_stakeholder)
    client.post(url, {"kind": "agree"})
    client.post(url, {"kind": "disagree"})  # changes their mind
    assert list(Reaction.objects.order_by("kind").values_list("kind", flat=True)) == [
        "agree", "disagree"]
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Agree 1" in page and "Disagree 1" in page
    client.post(url, {"kind": "disagree"})  # and takes it back
    assert Reaction.objects.count() == 1


def test_the_thread_counts_reactions_per_comment_and_marks_the_readers_own(
        cast, make_consultation):
    c = make_consultation()
    first = services.comment_post(consultation=c, user=cast.marche_member, body="First")
    second = services.comment_post(consultation=c, user=cast.marche_member, body="Second")
    Reaction.objects.create(comment=first, user=cast.veneto_member, kind="agree")
    Reaction.objects.create(comment=first, user=cast.approved_stakeholder, kind="disagree")
    Reaction.objects.create(comment=first, user=cast.bsmepa_member, kind="agree")
    Reaction.objects.create(comment=second, user=cast.veneto_member, kind="disagree")
    services.comment_flag(comment=second, user=cast.veneto_member, reason="Off topic")
    by_pk = {x.pk: x for x in thread_of(c, cast.veneto_member)}
    assert (by_pk[first.pk].n_agree, by_pk[first.pk].n_disagree) == (2, 1)
    assert (by_pk[second.pk].n_agree, by_pk[second.pk].n_disagree) == (0, 1)
    assert by_pk[first.pk].my_agree and not by_pk[first.pk].my_disagree
    assert by_pk[second.pk].my_disagree and not by_pk[second.pk].my_agree
    assert by_pk[second.pk].flagged_by_me and not by_pk[first.pk].flagged_by_me
    others = {x.pk: x for x in thread_of(c, cast.marche_member)}
    assert not any(x.my_agree or x.my_disagree or x.flagged_by_me for x in others.values())


def test_any_participant_flags_a_comment_once_with_a_reason(client, cast, make_consultation):
    c = make_consultation()
    comment = services.comment_post(consultation=c, user=cast.approved_stakeholder,
                                    body="Buy our product")
    url = reverse("consultations:comment_flag", args=[c.pk, comment.pk])
    client.force_login(cast.marche_member)
    assert "Say why" in client.post(url, {"reason": " "}).content.decode() or \
        "This field is required" in client.post(url, {"reason": " "}).content.decode()
    client.post(url, {"reason": "Advertising"})
    assert Flag.objects.get().reason == "Advertising"
    response = client.post(url, {"reason": "Again"})
    assert "You have already flagged this comment." in response.content.decode()
    assert Flag.objects.count() == 1


def test_other_partner_cannot_flag_in_a_partners_only_consultation(client, cast,
                                                                   make_consultation):
    c = make_consultation(audience="partners")
    comment = services.comment_post(consultation=c, user=cast.marche_member, body="Internal")
    client.force_login(cast.veneto_member)
    response = client.post(reverse("consultations:comment_flag", args=[c.pk, comment.pk]),
                           {"reason": "x"})
    assert response.status_code == 404
    assert not Flag.objects.exists()


def test_posting_records_activity_for_the_audience(cast, make_consultation):
    partners_only = make_consultation(audience="partners")
    services.comment_post(consultation=partners_only, user=cast.marche_member, body="Hi")
    item = Activity.objects.get(verb="consultation.commented")
    assert item.visibility == Activity.Visibility.WORKING_GROUP
    assert item.category == "consultations"
    assert item in activities_visible_to(cast.bsmepa_member)
    assert item not in activities_visible_to(cast.veneto_member)
    open_one = make_consultation(audience="stakeholders")
    services.comment_post(consultation=open_one, user=cast.marche_member, body="Hi")
    public_item = Activity.objects.filter(verb="consultation.commented").first()
    assert public_item.visibility == Activity.Visibility.PUBLIC
    assert public_item in activities_visible_to(cast.approved_stakeholder)


def test_rating_question_is_answered_once_per_person(client, cast, make_consultation):
    c = make_consultation(rating_question="Clusters need a seat on the S3 board.")
    client.force_login(cast.approved_stakeholder)
    client.post(reverse("consultations:rating", args=[c.pk]), {"value": "4"})
    client.post(reverse("consultations:rating", args=[c.pk]), {"value": "5"})
    assert list(c.ratings.values_list("value", flat=True)) == [5]
    response = client.post(reverse("consultations:rating", args=[c.pk]), {"value": "9"},
                           follow=True)
    assert "Choose a rating from 1 to 5." in response.content.decode()


def test_a_nonsense_reply_target_is_ignored_not_an_error(client, cast, make_consultation):
    c = make_consultation()
    client.force_login(cast.marche_member)
    assert client.get(c.get_absolute_url(), {"reply_to": "abc"}).status_code == 200
    response = client.post(c.get_absolute_url(), {"body": "Hello", "parent": "99999"})
    assert response.status_code == 302
    assert Comment.objects.get().parent is None
