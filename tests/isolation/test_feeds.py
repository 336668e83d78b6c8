"""Feeds show only what the reader may see now, and access lost is not access kept.

Each test reproduces a leak found on the old main: the dashboard, a WG space's activity
panel, /notifications/, the bell, immediate e-mails and digests now all ask the one
selector (``core.selectors.activities_visible_to``) about the item's scope *and* its
target's current visibility."""
import pytest
from django.core import mail
from django.urls import reverse

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to, activity_visible_to
from clusterpolisee.core.services import activity_record
from consultations import services as consultation_services
from knowledge.models import GoodPracticePage
from matchmaking import services as matchmaking_services
from matchmaking.models import Opportunity, Sector
from notifications import digests
from notifications.models import Notification
from notifications.services import cached_unread_count
from notifications.tasks import send_immediate_emails
from partners.services import membership_remove
from tests.factories import WorkPackageFactory, staff
from tests.matchmaking.conftest import make_opportunity
from tests.notifications.conftest import DAY, IN_DAY
from workgroups import services as wg_services

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_pending_stakeholder_and_a_cms_editor_do_not_see_the_title_of_a_consultation_for_partners_and_approved_stakeholders(  # noqa: E501
        client, cast, make_consultation):
    consultation = make_consultation(title="Stakeholder-only tariff consultation",
                                     audience="stakeholders", state="draft")
    consultation_services.consultation_open(consultation=consultation, user=cast.wg3_coordinator)
    item = Activity.objects.get(verb="consultation.opened")
    # recorded with the public scope (audience_scope has no "approved stakeholders" one):
    # the target's visibility is what keeps it from the wrong readers
    assert item.visibility == Activity.Visibility.PUBLIC
    for outsider in (cast.pending_stakeholder, cast.cms_editor):
        assert not activity_visible_to(outsider, item)
        assert "Stakeholder-only tariff consultation" not in dashboard(client, outsider)
    for reader in (cast.approved_stakeholder, cast.veneto_member):
        assert activity_visible_to(reader, item)
    assert "Stakeholder-only tariff consultation" in dashboard(client, cast.approved_stakeholder)


def test_practices_switched_to_partners_only_keep_no_public_published_lines(
        client, people, make_practice):
    from tests.factories import stakeholder

    outsider = stakeholder(email="reader@cluster.example.org")
    practice = make_practice(title="Vouchers soon for partners only")
    item = activity_record(actor=people.cms_editor, verb="practice.published", target=practice,
                           partner=people.marche, visibility=Activity.Visibility.PUBLIC)
    assert activity_visible_to(outsider, item)
    practice.visibility = GoodPracticePage.Visibility.PARTNERS
    practice.save_revision().publish()
    assert not activities_visible_to(outsider).filter(target_id=str(practice.pk)).exists()
    assert "Vouchers soon for partners only" not in dashboard(client, outsider)
    assert "Vouchers soon for partners only" in dashboard(client, people.veneto_member)


def test_a_partner_only_declined_request_to_join_wg2_shows_only_to_the_partner_that_asked(
        client, people):
    request = wg_services.join_request_create(wg=people.wg2, user=people.marche_admin,
                                              message="We would like to take part.")
    wg_services.join_request_decide(join_request=request, user=people.platform_admin,
                                    accept=False, comment="Not this year.")
    client.force_login(people.veneto_member)  # staff of a WG2 member partner
    space = client.get(reverse("workgroups:detail", args=["WG2"])).content.decode()
    assert "declined a request to join" not in space
    assert "declined a request to join" in dashboard(client, people.marche_member)
    assert "declined a request to join" not in dashboard(client, people.veneto_member)


def test_merging_matchmaking_opportunities_does_not_write_an_unmoderated_title_into_partner_feeds(  # noqa: E501
        client, people):
    sector, _ = Sector.objects.get_or_create(code="C", defaults={"name": "Manufacturing"})
    keep = make_opportunity(people.marche_member, [sector], title="Smart factories offer")
    duplicate = make_opportunity(people.veneto_member, [sector],
                                 status=Opportunity.Status.SUBMITTED,
                                 title="Unmoderated Veneto robotics idea")
    matchmaking_services.opportunity_merge(user=people.wg3_coordinator, duplicate=duplicate,
                                           into=keep)
    merged = Activity.objects.get(verb="matchmaking.merged")
    assert "Unmoderated Veneto robotics idea" not in merged.detail
    assert activity_visible_to(people.marche_member, merged)
    assert "Unmoderated Veneto robotics idea" not in dashboard(client, people.marche_member)


# --- access lost is not access kept -------------------------------------------------------

@pytest.fixture
def marche_private(people, record):
    """A private Marche item, told to the Marche staff (not its actor) as a notification."""
    people.marche_colleague = staff(people.marche, email="colleague@marche.example.org")
    item = record(actor=people.marche_admin, verb="test.discussed",
                  target=WorkPackageFactory(code="WP9", title="Marche budget line 7"),
                  partner=people.marche)
    Activity.objects.filter(pk=item.pk).update(created_at=IN_DAY)
    Notification.objects.filter(activity=item).update(created_at=IN_DAY)
    assert Notification.objects.filter(activity=item, recipient=people.marche_member).exists()
    return item


def test_a_member_removed_from_marche_no_longer_reads_its_private_items_in_notifications(
        client, people, marche_private):
    client.force_login(people.marche_member)
    assert cached_unread_count(people.marche_member) == 1  # cached, as the bell reads it
    membership_remove(membership=people.marche_member.membership, user=people.marche_admin)
    people.marche_member.refresh_from_db()
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Marche budget line 7" not in page
    assert cached_unread_count(people.marche_member) == 0


def test_a_member_removed_from_marche_gets_no_marche_private_items_in_the_next_daily_digest(
        people, marche_private):
    membership_remove(membership=people.marche_member.membership, user=people.marche_admin)
    mail.outbox.clear()
    run = digests.digest_run_prepare(period="daily", period_start=DAY)
    for batch in digests.pending_batches(run):
        digests.digest_batch_send(digest_ids=batch)
    assert [m for m in mail.outbox if "member@marche.example.org" in m.to] == []
    # the colleague who is still at Marche gets it
    [kept] = [m for m in mail.outbox if "colleague@marche.example.org" in m.to]
    assert "Marche budget line 7" in kept.body


def test_an_immediate_e_mail_is_not_sent_to_someone_who_lost_access_since_the_fan_out(people):
    item = activity_record(actor=people.bsmepa_member, verb="test.shared", target=people.marche,
                           partner=people.marche, detail="Marche tender draft")
    lost, kept = (Notification.objects.create(recipient=user, activity=item,
                                              category=item.category,
                                              created_at=item.created_at)
                  for user in (people.marche_member, people.marche_admin))
    membership_remove(membership=people.marche_member.membership, user=people.marche_admin)
    mail.outbox.clear()
    assert send_immediate_emails([lost.pk, kept.pk]) == 1
    assert [m.to for m in mail.outbox] == [["admin@marche.example.org"]]
