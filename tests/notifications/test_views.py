"""The bell, the notification list (htmx), preferences and the unsubscribe link."""
import pytest
from django.core import signing
from django.urls import reverse

from clusterpolisee.core.models import Activity
from notifications.models import Channel, Notification, NotificationPreference
from notifications.services import unsubscribe_token
from tests.factories import PartnerFactory, staff

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def marche_items(people, record):
    return [record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
                   partner=people.marche) for _ in range(3)]


def test_bell_shows_the_unread_count(client, people, marche_items):
    client.force_login(people.marche_member)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'id="notification-bell"' in page
    assert '<span class="bell-count">3</span>' in page
    client.force_login(people.veneto_member)
    assert "bell-count" not in client.get(reverse("dashboard")).content.decode()


def test_list_shows_own_notifications_with_links_to_the_target(client, people, marche_items):
    client.force_login(people.marche_member)
    page = client.get(LIST).content.decode()
    assert page.count("started a discussion on") == 3
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    assert reverse("notifications:open", args=[notification.pk]) in page


def test_other_partner_sees_none_of_them(client, people, marche_items):
    client.force_login(people.veneto_member)
    page = client.get(LIST).content.decode()
    assert "started a discussion on" not in page and "No notifications yet" in page


def test_anonymous_visitor_is_sent_to_login(client):
    for url in (LIST, PREFERENCES):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(
            f"/accounts/login/?next={url}")
    assert client.post(reverse("notifications:read", args=[1])).status_code == 302


def test_mark_read_with_htmx_returns_the_item_and_the_bell(client, people, marche_items):
    client.force_login(people.marche_member)
    client.get(LIST)  # caches the unread count
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    response = client.post(reverse("notifications:read", args=[notification.pk]), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in body and "Mark as read" not in body
    assert 'hx-swap-oob="true"' in body and '<span class="bell-count">2</span>' in body
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_without_htmx_redirects_to_the_list(client, people, marche_items):
    client.force_login(people.marche_member)
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 302 and response.url == LIST


def test_someone_elses_notification_is_not_found(client, people, marche_items):
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    for persona in (people.veneto_member, people.stakeholder, people.marche_admin):
        client.force_login(persona)
        assert client.post(reverse("notifications:read", args=[notification.pk])).status_code \
            == 404
        assert client.get(reverse("notifications:open", args=[notification.pk])).status_code \
            == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, people, marche_items):
    client.force_login(people.marche_member)
    response = client.post(reverse("notifications:read_all"), **HTMX)
    assert response.status_code == 200
    assert "bell-count" not in response.content.decode()
    assert not Notification.objects.filter(recipient=people.marche_member,
                                           read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=people.marche_admin).count() == 0


def test_mark_read_needs_post(client, people, marche_items):
    client.force_login(people.marche_member)
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_open_marks_read_and_goes_to_the_target(client, people, marche_items):
    client.force_login(people.marche_member)
    notification = Notification.objects.filter(recipient=people.marche_member).first()
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == people.marche.get_absolute_url()
    notification.refresh_from_db()
    assert notification.is_read


def test_open_a_target_that_became_invisible_says_so(client, people, record):
    item = record(actor=people.marche_admin, verb="test.discussed", target=people.veneto,
                  visibility=Activity.Visibility.PARTNERS)
    people.veneto.is_active = False
    people.veneto.save()
    client.force_login(people.marche_member)
    notification = Notification.objects.get(recipient=people.marche_member, activity=item)
    response = client.get(reverse("notifications:open", args=[notification.pk]), follow=True)
    assert "no longer available" in response.content.decode()


def _grow(people, record, n):
    for _ in range(n):
        record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
               partner=people.marche)
        record(actor=people.bsmepa_member, verb="test.discussed", target=people.bsmepa,
               working_group=people.wg3, visibility=Activity.Visibility.WORKING_GROUP)
    for _ in range(n):
        staff(PartnerFactory(country=people.marche.country))


def test_list_query_count_is_the_same_for_few_and_many(client, people, record,
                                                      django_assert_num_queries):
    client.force_login(people.marche_member)
    _grow(people, record, 3)
    client.get(LIST)  # warm the content-type and unread caches
    with django_assert_num_queries(6):
        assert client.get(LIST).status_code == 200
    _grow(people, record, 30)
    client.get(LIST)
    with django_assert_num_queries(6):
        assert client.get(LIST).status_code == 200


def test_preferences_page_shows_defaults_and_saves(client, people):
    client.force_login(people.veneto_member)
    page = client.get(PREFERENCES).content.decode()
    assert "Working-group discussions" in page and "Daily digest" in page
    data = {"wg_discussions": "weekly", "documents": "off", "consultations": "daily",
            "matchmaking": "daily", "good_practices": "weekly", "governance": "immediate",
            "events": "weekly", "partners": "in_app", "public_news": ["good_practices"]}
    response = client.post(PREFERENCES, data, follow=True)
    assert "preferences are saved" in response.content.decode()
    saved = dict(NotificationPreference.objects.filter(user=people.veneto_member)
                 .values_list("category", "channel"))
    assert saved["wg_discussions"] == "weekly" and saved["documents"] == "off"
    assert set(NotificationPreference.objects.filter(public_news=True).values_list(
        "category", flat=True)) == {"good_practices"}
    assert 'value="good_practices" checked' in response.content.decode().replace(
        ' id="id_public_news_4"', "")


def test_preferences_reject_an_unknown_choice(client, people):
    client.force_login(people.veneto_member)
    response = client.post(PREFERENCES, {"wg_discussions": "carrier-pigeon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_link_changes_the_preference_and_says_what(client, people):
    token = unsubscribe_token(user=people.veneto_member,
                              categories=["wg_discussions", "consultations"], channel="daily")
    page = client.post(reverse("notifications:unsubscribe", args=[token])).content.decode()
    assert "Working-group discussions" in page and "Daily digest" in page
    assert "In the portal only" in page
    saved = dict(NotificationPreference.objects.filter(user=people.veneto_member)
                 .values_list("category", "channel"))
    assert saved == {"wg_discussions": Channel.IN_APP, "consultations": Channel.IN_APP}
    again = client.post(reverse("notifications:unsubscribe", args=[token])).content.decode()
    assert "already switched off" in again


def test_one_click_post_from_a_mail_client_works_without_csrf(people):
    from django.test import Client

    token = unsubscribe_token(user=people.veneto_member, categories=["documents"],
                              channel="immediate")
    response = Client(enforce_csrf_checks=True).post(
        reverse("notifications:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=people.veneto_member).channel == "in_app"


def test_tampered_unsubscribe_link_gives_a_clear_page(client, people):
    token = unsubscribe_token(user=people.veneto_member, categories=["documents"],
                              channel="immediate")
    response = client.get(reverse("notifications:unsubscribe", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert "incomplete or has been changed" in response.content.decode()
    forged = signing.dumps({"u": people.veneto_member.pk, "c": ["documents"], "ch": "immediate"},
                           salt="something-else")
    assert client.get(reverse("notifications:unsubscribe", args=[forged])).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_expired_unsubscribe_link_gives_a_clear_page(client, people, monkeypatch):
    token = unsubscribe_token(user=people.veneto_member, categories=["documents"],
                              channel="immediate")
    monkeypatch.setattr("notifications.services.UNSUBSCRIBE_MAX_AGE", -1)
    response = client.get(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("persona", ["stakeholder", "marche_member", "veneto_member",
                                     "marche_admin", "wg3_coordinator", "cms_editor",
                                     "platform_admin"])
def test_every_logged_in_role_sees_its_own_list_and_preferences(client, people, persona,
                                                               marche_items):
    user = getattr(people, persona)
    client.force_login(user)
    page = client.get(LIST)
    assert page.status_code == 200
    own = Notification.objects.filter(recipient=user).count()
    assert page.content.decode().count('<li id="notification-') == own
    assert client.get(PREFERENCES).status_code == 200


def test_anonymous_visitor_is_sent_to_login_from_the_digest_log(client):
    response = client.get("/django-admin/notifications/digestrun/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_opening_the_unsubscribe_link_only_asks_and_changes_nothing(client, people):
    """Mail scanners prefetch links: a GET shows a confirmation, the POST unsubscribes."""
    token = unsubscribe_token(user=people.veneto_member, categories=["documents"],
                              channel="immediate")
    url = reverse("notifications:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert not NotificationPreference.objects.filter(user=people.veneto_member).exists()
    client.post(url)
    assert NotificationPreference.objects.get(user=people.veneto_member).channel == "in_app"


def test_a_rotated_calendar_feed_address_answers_404(client, people):
    import re

    def feed_in_preferences():
        page = client.get(reverse("notifications:preferences")).content.decode()
        return re.search(r'value="http://testserver(/events/feed/[^"]+\.ics)"', page).group(1)

    client.force_login(people.marche_member)
    old = feed_in_preferences()
    assert client.get(old).status_code == 200
    response = client.post(reverse("workgroups:event_feed_rotate"))
    assert response.status_code == 302
    new = feed_in_preferences()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    client.post(reverse("workgroups:event_feed_rotate"))
    assert client.get(new).status_code == 404
    assert client.get(feed_in_preferences()).status_code == 200


def test_anonymous_visitor_cannot_rotate_a_calendar_feed(client, people):
    assert client.post(reverse("workgroups:event_feed_rotate")).status_code == 302
    from workgroups.models import CalendarFeedKey
    assert not CalendarFeedKey.objects.exists()
