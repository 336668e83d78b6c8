"""The anonymous page cache (core/page_cache.py): shared, per language, never crossing the
line between visitors and logged-in users, and invalidated by the next write."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from clusterpolisee.core.page_cache import AnonymousPageCacheMiddleware
from knowledge.models import GoodPracticePage

PARTNERS = GoodPracticePage.Visibility.PARTNERS


def library(client, **params):
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visitor_gets_the_page_from_the_cache(make_practice,
                                                       django_assert_num_queries):
    make_practice(title="Open innovation vouchers")
    first = library(Client())
    with django_assert_num_queries(0):
        second = library(Client())
    assert second == first
    assert "Open innovation vouchers" in second


def test_publish_unpublish_and_privacy_show_in_the_next_answer(make_practice):
    make_practice(title="Open innovation vouchers")
    assert "Regional voucher scheme" not in library(Client())
    page = make_practice(title="Regional voucher scheme")  # a new published page
    assert "Regional voucher scheme" in library(Client())
    page.unpublish()
    assert "Regional voucher scheme" not in library(Client())
    page.save_revision().publish()
    assert "Regional voucher scheme" in library(Client())
    page.visibility = PARTNERS  # made partners-only
    page.save()
    assert "Regional voucher scheme" not in library(Client())


def test_a_logged_in_user_never_gets_the_anonymous_page(client, people, make_practice):
    make_practice(title="Confidential cluster notes", visibility=PARTNERS)
    anonymous = library(Client())
    assert "Confidential cluster notes" not in anonymous
    client.force_login(people.veneto_member)
    page = library(client)
    assert "Confidential cluster notes" in page
    assert reverse("account_logout") in page


def test_a_logged_in_users_page_is_never_given_to_a_visitor(client, people, make_practice):
    make_practice(title="Confidential cluster notes", visibility=PARTNERS)
    client.force_login(people.veneto_member)
    assert "Confidential cluster notes" in library(client)
    visitor = Client()
    page = library(visitor)  # computed for the visitor, not the member's copy
    assert "Confidential cluster notes" not in page
    assert reverse("account_logout") not in page


def test_each_language_has_its_own_copy(make_practice):
    make_practice(title="Open innovation vouchers")
    english = library(Client())
    bulgarian_client = Client()
    bulgarian_client.cookies["django_language"] = "bg"
    bulgarian = library(bulgarian_client)
    assert '<html lang="en"' in english
    assert '<html lang="bg"' in bulgarian
    assert '<html lang="bg"' in library(bulgarian_client)
    assert '<html lang="en"' in library(Client())


def test_anonymous_language_switch_needs_no_token_but_a_users_does(client, people):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(reverse("set_language"), {"language": "bg", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "bg"
    member = Client(enforce_csrf_checks=True)
    member.force_login(people.veneto_member)
    response = member.post(reverse("set_language"), {"language": "bg", "next": "/"})
    assert response.status_code == 403
    people.veneto_member.refresh_from_db()
    assert people.veneto_member.language != "bg"


@pytest.mark.django_db
def test_a_page_that_hands_out_a_csrf_token_is_never_shared(settings):
    """A visitor who already has a CSRF cookie still gets the cookie set again when a token
    is used, so their token never lands in the shared copy."""
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse(f"token {get_token(request)}")

    stack = AnonymousPageCacheMiddleware(CsrfViewMiddleware(view))
    factory = RequestFactory()
    for _ in range(2):
        request = factory.get("/a-page-with-a-form/")
        request.COOKIES["csrftoken"] = "x" * 32
        request.user = AnonymousUser()
        stack(request)
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_plain_anonymous_answer_is_shared(settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse("the same for everyone")

    stack = AnonymousPageCacheMiddleware(view)
    for _ in range(3):
        request = RequestFactory().get("/a-public-page/")
        request.user = AnonymousUser()
        assert stack(request).content == b"the same for everyone"
    assert len(calls) == 1


def test_one_transaction_moves_the_generation_on_once_at_commit(people):
    from django.db import connection

    from clusterpolisee.core import page_cache

    for city in ("Pesaro", "Ancona", "Fano"):
        people.marche.city = city
        people.marche.save()
    pending = [f for _sids, f, _robust in connection.run_on_commit
               if f is page_cache._bump_now]
    assert pending == [page_cache._bump_now]
