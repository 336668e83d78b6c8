"""The dashboard after login: the user's partner, WGs, WPs and the activity they may see."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusterpolisee.core import page_cache
from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.core.services import activity_record
from tests.factories import PartnerFactory, WorkingGroupFactory, WorkPackageFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def test_dashboard_shows_the_members_partner_and_working_groups(client, people):
    WorkPackageFactory(code="WP1", title="Project and financial management",
                       lead_partner=people.marche)
    client.force_login(people.marche_member)
    page = client.get(DASHBOARD).content.decode()
    assert "Marche Region" in page
    assert "WG3" in page and "WG2" not in page
    assert "Project and financial management" in page


def test_dashboard_marks_the_coordinator(client, people):
    client.force_login(people.wg3_coordinator)
    page = client.get(DASHBOARD).content.decode()
    assert "coordinator" in page and "WG3" in page


def test_stakeholder_dashboard_says_they_have_no_partner(client, people):
    client.force_login(people.stakeholder)
    page = client.get(DASHBOARD).content.decode()
    assert "stakeholder" in page
    assert "Marche Region" not in page


def test_each_role_sees_only_the_dashboard_boxes_that_apply_to_it(client, people):
    client.force_login(people.platform_admin)
    page = client.get(DASHBOARD).content.decode()
    assert "platform administrator" in page and "as a stakeholder" not in page
    client.force_login(people.stakeholder)
    page = client.get(DASHBOARD).content.decode()
    assert "Work packages you lead" not in page and "Your working groups" not in page
    assert "as a stakeholder" in page and "in your partner or working groups" not in page


def test_partner_activity_is_shown_to_that_partner_only(client, people):
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    client.force_login(people.marche_member)
    assert "updated the partner profile of" in client.get(DASHBOARD).content.decode()
    client.force_login(people.veneto_member)
    assert "updated the partner profile of" not in client.get(DASHBOARD).content.decode()


def test_working_group_activity_reaches_member_partners_and_coordinators(people):
    item = activity_record(actor=people.bsmepa_member, verb="partner.profile_updated",
                           target=people.bsmepa, working_group=people.wg3,
                           visibility=Activity.Visibility.WORKING_GROUP)
    assert item in activities_visible_to(people.marche_member)
    assert item in activities_visible_to(people.wg3_coordinator)
    assert item not in activities_visible_to(people.veneto_member)
    assert item not in activities_visible_to(people.stakeholder)
    assert item in activities_visible_to(people.platform_admin)


def test_partners_and_public_activity_scopes(people):
    from django.contrib.auth.models import AnonymousUser

    for_partners = activity_record(actor=people.marche_admin, verb="x", target=people.marche,
                                   visibility=Activity.Visibility.PARTNERS)
    public = activity_record(actor=people.marche_admin, verb="y", target=people.marche,
                             visibility=Activity.Visibility.PUBLIC)
    assert set(activities_visible_to(people.veneto_member)) >= {for_partners, public}
    assert list(activities_visible_to(people.stakeholder)) == [public]
    assert list(activities_visible_to(AnonymousUser())) == [public]


def test_activity_must_say_whom_it_concerns(people):
    with pytest.raises(ValidationError):
        activity_record(actor=people.marche_admin, verb="x", target=people.marche)
    with pytest.raises(ValidationError):
        activity_record(actor=people.marche_admin, verb="x", target=people.marche,
                        visibility=Activity.Visibility.WORKING_GROUP)
    assert not Activity.objects.exists()


def test_activity_keeps_the_target_label_after_deletion(people):
    wg = WorkingGroupFactory(code="WG9", title="Temporary")
    item = activity_record(actor=people.marche_admin, verb="x", target=wg, partner=people.marche)
    wg.delete()
    item.refresh_from_db()
    assert item.target_label == "WG9: Temporary"


def _grow(people, partners, activities):
    for _ in range(partners):
        partner = PartnerFactory(country=people.marche.country)
        people.wg3.member_partners.add(partner)
    for _ in range(activities):
        activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                        target=people.marche, partner=people.marche)
        activity_record(actor=people.bsmepa_member, verb="partner.profile_updated",
                        target=people.bsmepa, working_group=people.wg3,
                        visibility=Activity.Visibility.WORKING_GROUP)


@pytest.mark.parametrize("persona", ["marche_admin", "wg3_coordinator", "stakeholder"])
def test_dashboard_query_count_is_the_same_for_25_and_250_partners(
        client, people, django_assert_num_queries, persona):
    client.force_login(getattr(people, persona))
    _grow(people, partners=22, activities=5)
    client.get(DASHBOARD)  # warm the content-type cache
    # includes one query for "does the user sit on the advisory board?", the opinion
    # requests for those who do, and one or two per kind of "needs you" item (votes,
    # closing consultations, deliverables, meetings, interests, returned submissions,
    # join requests, stakeholder approvals, flagged comments; see tests/portal), and (partner staff
    # only) the learning pairs of the assessments section
    # computed: after a write, when the per-user fragment is stale
    expected = {"marche_admin": 23, "wg3_coordinator": 24, "stakeholder": 14}[persona]
    # served: the "needs you", activity and learning-pair fragments from the cache
    cached = {"marche_admin": 9, "wg3_coordinator": 8, "stakeholder": 5}[persona]
    for grow in ({"partners": 0, "activities": 0}, {"partners": 225, "activities": 40}):
        _grow(people, **grow)
        page_cache.bump()
        with django_assert_num_queries(expected):
            assert client.get(DASHBOARD).status_code == 200
        with django_assert_num_queries(cached):
            assert client.get(DASHBOARD).status_code == 200


def test_activity_target_visibility_uses_the_registered_selector(people):
    from clusterpolisee.core.visibility import target_visible_to

    item = activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                           target=people.veneto, partner=people.veneto)
    assert item.category == "partners"
    assert target_visible_to(people.veneto_member, item)
    people.veneto.is_active = False
    people.veneto.save()
    assert not target_visible_to(people.veneto_member, item)
    assert target_visible_to(people.platform_admin, item)


def test_the_cached_feed_shows_the_next_item_and_never_another_users(
        client, people, django_assert_max_num_queries):
    """The needs and activity fragment is cached per user until the next write."""
    client.force_login(people.marche_member)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(10):  # the fragment's own queries are skipped
        assert "updated the partner profile of" not in client.get(DASHBOARD).content.decode()
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    assert "updated the partner profile of" in client.get(DASHBOARD).content.decode()
    client.force_login(people.veneto_member)
    assert "updated the partner profile of" not in client.get(DASHBOARD).content.decode()


def test_a_membership_ending_empties_the_cached_feed_at_once(client, people):
    activity_record(actor=people.marche_admin, verb="partner.profile_updated",
                    target=people.marche, partner=people.marche)
    member = people.marche_member
    client.force_login(member)
    assert "updated the partner profile of" in client.get(DASHBOARD).content.decode()
    member.membership.delete()
    assert "updated the partner profile of" not in client.get(DASHBOARD).content.decode()
