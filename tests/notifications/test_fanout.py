"""Who gets a notification when an activity is recorded."""
import pytest
from django.core import mail

from clusterpolisee.core.models import Activity
from notifications.models import Channel, Notification, NotificationPreference
from notifications.services import notifications_create_for_activity

pytestmark = pytest.mark.django_db


def recipients(activity):
    return set(Notification.objects.filter(activity=activity)
               .values_list("recipient__email", flat=True))


def test_private_partner_item_reaches_only_that_partners_staff_and_not_the_actor(people, record):
    item = record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
                  partner=people.marche)
    assert recipients(item) == {"member@marche.example.org"}
    for outsider in (people.veneto_member, people.bsmepa_member, people.stakeholder,
                     people.wg3_coordinator, people.platform_admin, people.cms_editor):
        titles = Notification.objects.filter(recipient=outsider).values_list(
            "activity__target_label", flat=True)
        assert "Marche Region" not in list(titles)


def test_working_group_item_reaches_member_partners_and_coordinators(people, record):
    item = record(actor=people.bsmepa_member, verb="test.discussed", target=people.bsmepa,
                  working_group=people.wg3, visibility=Activity.Visibility.WORKING_GROUP)
    assert recipients(item) == {"admin@marche.example.org", "member@marche.example.org",
                                "wg3@bsmepa.example.org"}


def test_partners_item_reaches_every_partner_staff_but_no_stakeholder(people, record):
    item = record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
                  visibility=Activity.Visibility.PARTNERS)
    assert recipients(item) == {"member@marche.example.org", "member@veneto.example.org",
                                "member@bsmepa.example.org", "wg3@bsmepa.example.org"}


def test_public_item_reaches_only_people_who_opted_in(people, record):
    NotificationPreference.objects.create(user=people.stakeholder, category="good_practices",
                                          channel=Channel.WEEKLY, public_news=True)
    NotificationPreference.objects.create(user=people.veneto_member, category="good_practices",
                                          channel=Channel.OFF, public_news=True)
    NotificationPreference.objects.create(user=people.marche_member, category="good_practices",
                                          channel=Channel.WEEKLY)
    item = record(actor=people.cms_editor, verb="test.published", target=people.marche,
                  visibility=Activity.Visibility.PUBLIC)
    assert recipients(item) == {"someone@cluster.example.org"}


def test_preference_off_means_no_notification(people, record):
    NotificationPreference.objects.create(user=people.marche_member, category="wg_discussions",
                                          channel=Channel.OFF)
    item = record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
                  partner=people.marche)
    assert recipients(item) == set()


def test_target_the_user_may_not_see_is_not_notified(people, record):
    people.veneto.is_active = False  # archived partners are visible to platform admins only
    people.veneto.save()
    item = record(actor=people.marche_admin, verb="partner.profile_updated",
                  target=people.veneto, visibility=Activity.Visibility.PARTNERS)
    assert recipients(item) == set()


def test_fan_out_twice_adds_nothing(people, record):
    item = record(actor=people.bsmepa_member, verb="test.discussed", target=people.bsmepa,
                  working_group=people.wg3, visibility=Activity.Visibility.WORKING_GROUP)
    notifications_create_for_activity(activity=item)
    assert Notification.objects.filter(activity=item).count() == 3


def test_immediate_category_sends_one_email_with_an_unsubscribe_link(people, record):
    item = record(actor=people.marche_admin, verb="test.shared", target=people.marche,
                  partner=people.marche)
    assert [m.to for m in mail.outbox] == [["member@marche.example.org"]]
    message = mail.outbox[0]
    assert "shared the document" in message.subject
    assert "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/notifications/unsubscribe/" in message.alternatives[0][0]
    from notifications.tasks import send_immediate_emails

    send_immediate_emails([n.pk for n in Notification.objects.filter(activity=item)])
    assert len(mail.outbox) == 1


def test_no_email_before_commit_and_none_for_in_app_only(people, record):
    record(actor=people.marche_admin, verb="partner.profile_updated", target=people.marche,
           partner=people.marche)
    assert Notification.objects.count() == 1
    assert mail.outbox == []
