"""Wagtail view restrictions are part of a practice's visibility, in every channel: the
library, its search, the exports, result cards built from cached ids, activity feeds."""
import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import PageViewRestriction

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activity_visible_to
from clusterpolisee.core.services import activity_record
from knowledge.selectors import practice_cards, practices_visible_to

pytestmark = pytest.mark.django_db

SECRETS = ("Restricted cluster vouchers", "evidence-7f3a", "Dora Contact")


@pytest.fixture
def restricted(make_practice):
    def _make(kind, groups=()):
        practice = make_practice(title=SECRETS[0], summary="A cluster voucher scheme.",
                                 evidence=f"Measured {SECRETS[1]}", contact_name=SECRETS[2])
        restriction = PageViewRestriction.objects.create(page=practice, restriction_type=kind,
                                                         password="letmein")
        restriction.groups.set(groups)
        return practice
    return _make


def channels(client):
    """Every place a practice's card, summary, evidence or contact could show."""
    return "\n".join(client.get(url).content.decode() for url in (
        reverse("knowledge:library"), reverse("knowledge:library") + "?q=cluster",
        reverse("knowledge:export_json"), reverse("knowledge:export_csv")))


def test_a_practice_with_a_wagtail_password_is_not_in_the_library_search_or_exports(
        client, people, make_practice, restricted):
    make_practice(title="Open cluster practice", summary="A cluster practice.")
    restricted(PageViewRestriction.PASSWORD)
    for user in (None, people.veneto_member, people.platform_admin):
        if user:
            client.force_login(user)
        seen = channels(client)
        assert "Open cluster practice" in seen
        assert not any(secret in seen for secret in SECRETS), user


def test_a_practice_restricted_to_a_group_shows_only_to_that_group(client, people,
                                                                    restricted):
    group = Group.objects.create(name="Voucher reviewers")
    people.marche_member.groups.add(group)
    practice = restricted(PageViewRestriction.GROUPS, groups=[group])
    assert practices_visible_to(people.marche_member).filter(pk=practice.pk).exists()
    assert not practices_visible_to(people.veneto_member).filter(pk=practice.pk).exists()
    client.force_login(people.veneto_member)
    assert not any(secret in channels(client) for secret in SECRETS)
    client.logout()
    assert not any(secret in channels(client) for secret in SECRETS)  # exports: never
    client.force_login(people.marche_member)
    page = client.get(reverse("knowledge:library")).content.decode()
    assert SECRETS[0] in page


def test_a_practice_for_logged_in_users_only_is_not_shown_to_visitors(client, people,
                                                                       restricted):
    restricted(PageViewRestriction.LOGIN)
    assert not any(secret in channels(client) for secret in SECRETS)
    client.force_login(people.veneto_member)
    assert SECRETS[0] in client.get(reverse("knowledge:library")).content.decode()


def test_a_restriction_on_the_library_page_covers_the_practices_below_it(client, library,
                                                                          make_practice):
    make_practice(title=SECRETS[0], summary="A cluster voucher scheme.")
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    assert SECRETS[0] not in channels(client)


def test_a_cached_library_answer_does_not_outlive_a_new_view_restriction(client, people,
                                                                         make_practice):
    practice = make_practice(title=SECRETS[0], summary="A cluster voucher scheme.")
    assert SECRETS[0] in client.get(reverse("knowledge:library")).content.decode()  # cached
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="letmein")
    assert SECRETS[0] not in client.get(reverse("knowledge:library")).content.decode()
    restriction.delete()
    assert SECRETS[0] in client.get(reverse("knowledge:library")).content.decode()


def test_cached_ids_are_checked_against_visibility_again_before_cards_are_built(
        people, make_practice):
    """As if another process had cached the ids before the restriction was saved."""
    open_practice = make_practice(title="Open cluster practice")
    practice = make_practice(title=SECRETS[0])
    PageViewRestriction.objects.create(page=practice, password="letmein",
                                       restriction_type=PageViewRestriction.PASSWORD)
    request = RequestFactory().get("/library/")
    request.user = people.veneto_member
    cards = practice_cards([practice.pk, open_practice.pk], request)
    assert [card.pk for card in cards] == [open_practice.pk]


def test_activity_about_a_restricted_practice_leaves_the_feeds(people, make_practice):
    practice = make_practice(title=SECRETS[0])
    item = activity_record(actor=people.cms_editor, verb="practice.published", target=practice,
                           partner=people.marche, visibility=Activity.Visibility.PUBLIC)
    assert activity_visible_to(people.veneto_member, item)
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.GROUPS)
    assert not activity_visible_to(people.veneto_member, item)
    assert activity_visible_to(people.platform_admin, item)  # admins pass group restrictions
