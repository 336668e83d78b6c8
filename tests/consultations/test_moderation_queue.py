"""The moderation queue across consultations: who sees which flags, filters, actions,
the dashboard's count and a query count that stays the same as flags pile up."""
import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Comment, Flag
from partners.models import Membership
from tests.factories import staff

pytestmark = pytest.mark.django_db

QUEUE = reverse("consultations:moderation_queue")
# session, user and its permissions (the middleware), the filter's consultations and
# working groups, the count, a page of comments, their open flags, the session's save and
# so on; the role check adds one query for a WG coordinator and two for an owner who
# coordinates nothing, and the WG filter one more
QUEUE_QUERIES = {"platform_admin": 7, "wg3_coordinator": 9, "marche_admin": 11}


@pytest.fixture
def two(cast, make_consultation):
    """Consultation A in WG3 (the WG3 coordinator's), B in WG2 (owned by Marche's admin,
    WG2 coordinated by a Veneto admin), each with one flagged comment."""
    cast.wg2_coordinator = staff(cast.veneto, role=Membership.Role.ADMIN,
                                 email="wg2@veneto.example.org", full_name="Vera Veneto")
    cast.wg2.coordinators.add(cast.wg2_coordinator)
    a = make_consultation(title="Consultation A", audience="public")
    b = make_consultation(title="Consultation B", audience="public", working_group=cast.wg2,
                          owner=cast.marche_admin)
    on_a = services.comment_post(consultation=a, user=cast.approved_stakeholder,
                                 body="Visit my shop")
    services.comment_flag(comment=on_a, user=cast.marche_member, reason="Advertising")
    on_b = services.comment_post(consultation=b, user=cast.approved_stakeholder,
                                 body="Cheap pills here")
    services.comment_flag(comment=on_b, user=cast.veneto_member, reason="Spam link")
    services.comment_flag(comment=on_b, user=cast.marche_member, reason="Spam again")
    return a, b, on_a, on_b


def queue(client, user, **params):
    client.force_login(user)
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("persona", "sees_a", "sees_b"), [
    ("wg3_coordinator", True, False),   # moderates A through WG3 and as its owner
    ("wg2_coordinator", False, True),   # moderates B through WG2
    ("marche_admin", False, True),      # owns B
    ("platform_admin", True, True),
])
def test_a_moderator_sees_only_the_flags_of_consultations_they_moderate(
        client, cast, two, persona, sees_a, sees_b):
    page = queue(client, getattr(cast, persona))
    assert ("Visit my shop" in page and "Advertising" in page) is sees_a
    assert ("Cheap pills here" in page and "Spam link" in page) is sees_b
    assert ("Consultation A" in page) is sees_a


@pytest.mark.parametrize("persona", [
    "marche_member", "veneto_member", "bsmepa_member", "approved_stakeholder",
    "pending_stakeholder", "stakeholder"])
def test_people_who_moderate_nothing_get_404(client, cast, two, persona):
    client.force_login(getattr(cast, persona))
    assert client.get(QUEUE).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, two):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters_by_consultation_working_group_and_reason(client, cast, two):
    a, b, on_a, on_b = two
    admin = cast.platform_admin
    only_a = queue(client, admin, consultation=a.pk)
    assert "Visit my shop" in only_a and "Cheap pills here" not in only_a
    only_wg2 = queue(client, admin, wg="WG2")
    assert "Cheap pills here" in only_wg2 and "Visit my shop" not in only_wg2
    spam = queue(client, admin, reason="SPAM")
    assert "Cheap pills here" in spam and "Visit my shop" not in spam and "2 flags" in spam
    nothing = queue(client, admin, reason="no such reason")
    assert "No flagged comments waiting." in nothing


def test_a_consultation_the_moderator_does_not_moderate_is_refused_as_a_filter(
        client, cast, two):
    a, b, on_a, on_b = two
    page = queue(client, cast.wg3_coordinator, consultation=b.pk, page="x")
    assert "Select a valid choice" in page
    assert "Cheap pills here" not in page and "Visit my shop" in page


def test_hide_dismiss_and_unhide_from_the_queue_come_back_to_it(client, cast, two):
    a, b, on_a, on_b = two
    client.force_login(cast.platform_admin)
    here = f"{QUEUE}?wg=WG2"
    response = client.post(reverse("consultations:comment_hide", args=[b.pk, on_b.pk]),
                           {"reason": "Spam", "next": here})
    assert response.status_code == 302 and response["Location"] == here
    on_b.refresh_from_db()
    assert on_b.is_hidden and on_b.hidden_reason == "Spam"
    assert "Cheap pills here" not in queue(client, cast.platform_admin)
    hidden = queue(client, cast.platform_admin, state="hidden")
    assert "Cheap pills here" in hidden and "Show again" in hidden and "Visit my shop" not in hidden
    response = client.post(reverse("consultations:comment_unhide", args=[b.pk, on_b.pk]),
                           {"next": f"{QUEUE}?state=hidden"})
    assert response["Location"] == f"{QUEUE}?state=hidden"
    on_b.refresh_from_db()
    assert not on_b.is_hidden
    response = client.post(reverse("consultations:flags_dismiss", args=[a.pk, on_a.pk]),
                           {"next": QUEUE})
    assert response["Location"] == QUEUE
    assert not Flag.objects.filter(comment=on_a, resolved_at=None).exists()
    assert "Visit my shop" not in queue(client, cast.platform_admin)


def test_an_empty_reason_is_refused_and_nothing_is_hidden(client, cast, two):
    a, b, on_a, on_b = two
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:comment_hide", args=[a.pk, on_a.pk]),
                           {"reason": "  ", "next": QUEUE}, follow=True)
    assert "Give the reason shown in place of the comment." in response.content.decode()
    on_a.refresh_from_db()
    assert not on_a.is_hidden


def test_an_outside_next_address_is_ignored(client, cast, two):
    a, b, on_a, on_b = two
    client.force_login(cast.wg3_coordinator)
    response = client.post(reverse("consultations:flags_dismiss", args=[a.pk, on_a.pk]),
                           {"next": "https://evil.example.org/consultations/moderation/"})
    assert response["Location"] == reverse("consultations:moderation", args=[a.pk])


def test_a_moderator_cannot_act_on_a_comment_of_a_consultation_they_do_not_moderate(
        client, cast, two):
    a, b, on_a, on_b = two
    client.force_login(cast.wg3_coordinator)
    for name, data in (("comment_hide", {"reason": "x"}), ("flags_dismiss", {}),
                       ("comment_unhide", {})):
        response = client.post(reverse(f"consultations:{name}", args=[b.pk, on_b.pk]),
                               {**data, "next": QUEUE})
        assert response.status_code == 404
    on_b.refresh_from_db()
    assert not on_b.is_hidden and Flag.objects.filter(comment=on_b, resolved_at=None).count() == 2


def test_the_dashboard_shows_how_many_comments_wait(client, cast, two):
    client.force_login(cast.marche_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 flagged comment waits in the moderation queue" in page and QUEUE in page
    client.force_login(cast.platform_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert "2 flagged comments wait in the moderation queue" in page
    client.force_login(cast.marche_member)
    assert "moderation queue" not in client.get(reverse("dashboard")).content.decode()


def _flag_more(consultations, cast, n, *, hidden=False):
    flaggers = [cast.marche_member, cast.veneto_member, cast.bsmepa_member]
    for i in range(n):
        consultation = consultations[i % len(consultations)]
        comment = Comment.objects.create(consultation=consultation, author=cast.marche_admin,
                                         body=f"Point {i}", body_html=f"<p>Point {i}</p>")
        for flagger in flaggers[: 1 + i % 3]:
            Flag.objects.create(comment=comment, user=flagger, reason=f"Reason {i}")
        if hidden:
            services.comment_hide(comment=comment, user=cast.platform_admin, reason="Off topic")


@pytest.mark.parametrize(("persona", "params", "expected"), [
    ("platform_admin", {}, QUEUE_QUERIES["platform_admin"]),
    ("wg3_coordinator", {}, QUEUE_QUERIES["wg3_coordinator"]),
    ("marche_admin", {"reason": "Reason", "wg": "WG2"}, QUEUE_QUERIES["marche_admin"]),
    ("platform_admin", {"state": "hidden"}, QUEUE_QUERIES["platform_admin"]),
])
def test_queue_query_count_is_the_same_for_few_and_many_flags(
        client, cast, two, make_consultation, django_assert_num_queries, persona, params,
        expected):
    a, b, on_a, on_b = two
    hidden = params.get("state") == "hidden"
    client.force_login(getattr(cast, persona))
    _flag_more([a, b], cast, 4, hidden=hidden)
    client.get(QUEUE, params)
    with django_assert_num_queries(expected):
        first = client.get(QUEUE, params)
    c = make_consultation(working_group=cast.wg2, owner=cast.marche_admin)
    _flag_more([a, b, c], cast, 60, hidden=hidden)
    with django_assert_num_queries(expected):
        second = client.get(QUEUE, params)
    assert second.context["page"].paginator.count > first.context["page"].paginator.count
    page = second.context["page"]
    assert len(page.object_list) == min(25, page.paginator.count)
    assert all(comment.open_flags for comment in page.object_list) or hidden
