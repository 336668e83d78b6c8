"""docs/permissions.md, WG spaces and governance: one test per role x action cell.

Roles: the WG3 coordinator (BSMEPA), staff of a WG3 member partner (Marche member), staff of
another partner (Veneto, not in WG3), a stakeholder and an anonymous visitor.
"""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = {"coordinator": "wg3_coordinator", "wg_member": "marche_member",
         "other_partner": "veneto_member", "stakeholder": "stakeholder", "anonymous": None}
LOGIN = "login"


def status_for(client, people, role, url, method="get", data=None):
    persona = ROLES[role]
    if persona:
        client.force_login(getattr(people, persona))
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response.url.startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 200), ("other_partner", 200), ("stakeholder", 404),
    ("anonymous", LOGIN)])
@pytest.mark.parametrize("url", ["/wg/", "/wg/WG3/", "/wg/matrix/", "/wg/pilots/", "/sc/"])
def test_viewing_partnership_pages(client, people, stages, role, expected, url):
    assert status_for(client, people, role, url) == expected


@pytest.mark.parametrize("role,sees_board", [
    ("coordinator", True), ("wg_member", True), ("other_partner", False)])
def test_discussion_board_is_for_wg_members(client, people, role, sees_board):
    client.force_login(getattr(people, ROLES[role]))
    page = client.get("/wg/WG3/").content.decode()
    assert ("Discussion board" in page) is sees_board
    assert ("Not a member" in page) is not sees_board


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 200), ("other_partner", 404), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_reading_a_topic(client, people, role, expected):
    from workgroups import services

    topic = services.topic_create(wg=people.wg3, user=people.marche_member, title="Plans",
                                  body="<p>Hello</p>")
    assert status_for(client, people, role, topic.get_absolute_url()) == expected


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 302), ("wg_member", 302), ("other_partner", 404), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_posting_a_topic(client, people, role, expected):
    from workgroups.models import Topic

    url = reverse("workgroups:topic_create", args=["WG3"])
    assert status_for(client, people, role, url, "post",
                      {"title": "New", "body": "Text"}) == expected
    assert Topic.objects.exists() is (expected == 302)


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 403), ("other_partner", 403), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_creating_a_pilot_action(client, people, stages, role, expected):
    url = reverse("workgroups:pilot_create", args=["WG3"])
    assert status_for(client, people, role, url) == expected


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 302), ("wg_member", 403), ("other_partner", 403), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_moving_a_pilot_action_on(client, people, pilot, role, expected):
    url = reverse("workgroups:pilot_transition", args=[pilot.pk])
    assert status_for(client, people, role, url, "post", {"to_status": "approved"}) == expected
    pilot.refresh_from_db()
    assert (pilot.status == "approved") is (expected == 302)


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 403), ("other_partner", 403), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_evaluating_a_pilot_action(client, people, pilot, role, expected):
    url = reverse("workgroups:pilot_evaluate", args=[pilot.pk])
    assert status_for(client, people, role, url) == expected


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 302), ("wg_member", 403), ("other_partner", 403), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_answering_a_join_request(client, people, role, expected):
    from tests.factories import staff
    from workgroups import services

    veneto_admin = staff(people.veneto, role="admin")
    request = services.join_request_create(wg=people.wg3, user=veneto_admin)
    url = reverse("workgroups:decide", args=["WG3", request.pk])
    assert status_for(client, people, role, url, "post", {"decision": "accept"}) == expected
    assert people.wg3.member_partners.filter(pk=people.veneto.pk).exists() is (expected == 302)


def test_only_a_partner_admin_outside_the_group_can_ask_to_join(client, people):
    from tests.factories import staff
    from workgroups.models import JoinRequest

    client.force_login(people.veneto_member)
    client.post(reverse("workgroups:join", args=["WG3"]))
    assert not JoinRequest.objects.exists()
    client.force_login(staff(people.veneto, role="admin"))
    client.post(reverse("workgroups:join", args=["WG3"]), {"message": "We run a cluster."})
    assert JoinRequest.objects.get().partner == people.veneto
    again = client.post(reverse("workgroups:join", args=["WG3"]), follow=True)
    assert "already asked to join" in again.content.decode()


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 200), ("other_partner", 200), ("stakeholder", 404),
    ("anonymous", LOGIN)])
def test_work_package_page(client, people, role, expected):
    from tests.factories import WorkPackageFactory

    WorkPackageFactory(code="WP3", title="Creation of the web platform")
    assert status_for(client, people, role, "/wp/WP3/") == expected


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 200), ("other_partner", 200), ("stakeholder", 200),
    ("anonymous", LOGIN)])
def test_events_are_for_logged_in_users(client, people, role, expected):
    assert status_for(client, people, role, "/events/") == expected


@pytest.mark.parametrize("role,expected", [
    ("coordinator", 200), ("wg_member", 403), ("other_partner", 403), ("stakeholder", 403),
    ("anonymous", LOGIN)])
def test_creating_events(client, people, role, expected):
    assert status_for(client, people, role, "/events/new/") == expected


def test_a_request_to_join_a_group_without_coordinators_goes_to_the_platform_admins(
        client, people):
    from clusterpolisee.core.models import Activity
    from notifications.models import Notification
    from notifications.services import notifications_create_for_activity

    assert not people.wg2.coordinators.exists()
    client.force_login(people.marche_admin)
    space = client.get(reverse("workgroups:detail", args=["WG2"])).content.decode()
    assert "the platform admins answer requests to join" in space
    answer = client.post(reverse("workgroups:join", args=["WG2"]), follow=True)
    assert "sent to the platform admins" in answer.content.decode()
    activity = Activity.objects.get(verb="wg.join_requested")
    notifications_create_for_activity(activity=activity)
    assert Notification.objects.filter(activity=activity,
                                       recipient=people.platform_admin).exists()
    client.force_login(people.platform_admin)
    space = client.get(reverse("workgroups:detail", args=["WG2"])).content.decode()
    assert "Requests to join" in space and "Marche Region" in space
    request = people.marche.wg_join_requests.get()
    client.post(reverse("workgroups:decide", args=["WG2", request.pk]), {"decision": "accept"})
    assert people.wg2.member_partners.filter(pk=people.marche.pk).exists()
