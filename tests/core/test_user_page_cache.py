"""Whole pages of a logged-in user's session (core/page_cache.py, docs/page-cache.md):
kept for that user, session and CSRF secret only, and gone with the next write that
could change them — the portal's data, the user's notifications, the user's own requests."""
import re

import pytest
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from clusterpolisee.core.models import Activity
from clusterpolisee.core.page_cache import UserPageCacheMiddleware
from clusterpolisee.core.services import activity_record
from notifications.services import notifications_create_for_activity
from partners.services import membership_remove

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client, path=DASHBOARD):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def cached_client(user, **kwargs):
    """A logged-in browser whose next page of a path comes from the cache: the first page
    sets the CSRF cookie, the second is computed with it and kept."""
    client = Client(**kwargs)
    client.force_login(user)
    page(client)
    return client


def test_the_next_view_of_a_page_is_the_users_kept_copy(people, settings,
                                                         django_assert_num_queries):
    settings.USER_PAGE_CACHE_SECONDS = 120  # the pins' fixture turns both off
    settings.USER_PERMISSIONS_CACHE_SECONDS = 3600
    client = cached_client(people.marche_member)
    kept = page(client)
    with django_assert_num_queries(1):  # the user's row: the session is checked each time
        assert page(client) == kept
    assert "Marche Region" in kept


def test_a_write_to_the_portals_data_is_in_the_next_answer(people):
    client = cached_client(people.marche_member)
    page(client)
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    assert "updated the partner profile of" in page(client)


def test_another_partners_staff_a_stakeholder_and_a_visitor_get_nothing_of_it(people):
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    member = cached_client(people.marche_member)
    assert "updated the partner profile of" in page(member)
    for user in (people.veneto_member, people.stakeholder):
        other = cached_client(user)
        for _ in range(2):
            assert "updated the partner profile of" not in page(other)
    visitor = Client()
    visitor.cookies = member.cookies  # even with the member's CSRF cookie, no session
    visitor.cookies.pop("sessionid")
    response = visitor.get(DASHBOARD)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_each_session_gets_a_page_whose_form_token_is_its_own(people):
    """Two browsers of one person: the token in each kept page passes that browser's
    CSRF check (the logout form posts with it)."""
    for _ in range(2):
        browser = cached_client(people.marche_member, enforce_csrf_checks=True)
        page(browser)
        token = TOKEN.search(page(browser)).group(1)  # from the kept copy
        response = browser.post(reverse("set_language"), {
            "language": "de", "next": DASHBOARD, "csrfmiddlewaretoken": token})
        assert response.status_code == 302


def test_a_membership_that_ends_ends_the_kept_workspace(people):
    workspace = reverse("partners:workspace", args=[people.marche.slug])
    client = cached_client(people.marche_member)
    page(client, workspace)
    assert "Marche Region" in page(client, workspace)
    membership_remove(membership=people.marche_member.membership, user=people.marche_admin)
    assert client.get(workspace).status_code in (403, 404)


def test_new_notifications_and_reading_them_show_on_the_bell(people):
    client = cached_client(people.marche_member)
    assert "bell-count" not in page(client)
    activity = activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                               target=people.marche, partner=people.marche,
                               visibility=Activity.Visibility.PARTNER)
    page(client)  # kept again after the activity's own write
    notifications_create_for_activity(activity=activity)  # in bulk: no model signal
    assert people.marche_member.notifications.count() == 1
    assert "bell-count" in page(client)
    client.post(reverse("notifications:read_all"))
    body = page(client)
    assert "bell-count" not in body
    assert "All notifications are marked as read." in body  # the message, shown once
    assert "All notifications are marked as read." not in page(client)


# --- what is kept: the middleware on its own ------------------------------------------

def _stack(view):
    """Session and messages around the cache, as in settings.MIDDLEWARE."""
    return SessionMiddleware(MessageMiddleware(UserPageCacheMiddleware(view)))


def _request(user, session_key=None, method="get", path="/a-page/"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    request.COOKIES["csrftoken"] = "c" * 32
    if session_key:
        request.COOKIES["sessionid"] = session_key
    return request


def _session_key(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("answer", [
    lambda: HttpResponse("a,b\n", content_type="text/csv"),
    lambda: HttpResponse("<p>moved</p>", status=302),
    lambda: _with_cookie(HttpResponse("<p>hi</p>")),
    lambda: _no_store(HttpResponse("<p>your new token</p>")),
], ids=["not HTML", "not 200", "sets a cookie", "no-store"])
def test_answers_that_are_never_kept(people, answer):
    calls = []

    def view(request):
        calls.append(1)
        return answer()

    stack, key = _stack(view), _session_key(people.marche_member)
    for _ in range(3):
        stack(_request(people.marche_member, key))
    assert len(calls) == 3


def _with_cookie(response):
    response.set_cookie("something", "1")
    return response


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def test_a_page_kept_for_one_user_is_not_given_to_another(people):
    def view(request):
        return HttpResponse(f"<p>page of {request.user.email}</p>")

    stack = _stack(view)
    for user in (people.marche_member, people.marche_member, people.veneto_member):
        response = stack(_request(user, _session_key(user)))
        assert user.email in response.content.decode()


def test_a_page_that_shows_a_message_or_changes_the_session_is_not_kept(people):
    from django.contrib import messages

    calls = []

    def view(request):
        calls.append(1)
        if len(calls) == 1:
            messages.info(request, "once")
        if len(calls) == 2:
            request.session["wizard-step"] = 2
        return HttpResponse("<p>a page</p>")

    stack, key = _stack(view), _session_key(people.marche_member)
    for _ in range(4):
        stack(_request(people.marche_member, key))
    # 1: queued a message; 2: changed the session; 3: computed and kept; 4: the copy
    assert len(calls) == 3


def test_a_write_request_of_the_user_moves_their_pages_on(people):
    calls = []

    def view(request):
        calls.append(request.method)
        return HttpResponse("<p>a page</p>")

    stack, key = _stack(view), _session_key(people.marche_member)
    stack(_request(people.marche_member, key))
    stack(_request(people.marche_member, key))
    stack(_request(people.marche_member, key, method="post", path="/something/"))
    stack(_request(people.marche_member, key))
    assert calls == ["GET", "POST", "GET"]


def test_a_transaction_moves_a_users_pages_on_once_at_commit(people):
    from django.db import connection

    from clusterpolisee.core.page_cache import USER_GENERATION_KEY, bump_users

    for _ in range(3):
        bump_users([people.marche_member.pk])
    mine = (USER_GENERATION_KEY.format(people.marche_member.pk),)
    pending = [f for _sids, f, _robust in connection.run_on_commit
               if getattr(f, "keys", None) == mine]
    assert len(pending) == 1
