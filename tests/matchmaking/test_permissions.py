"""docs/permissions.md, matchmaking: one test per role x action cell.

Roles: the WG3 coordinator (BSMEPA), a coordinator of another WG (WG2, Veneto staff: no
brokering rights), a member of a partner (Marche, whose opportunity it is, or another partner
for "other partner" cells), an approved stakeholder (Danube Cluster Network, Serbia), a
stakeholder awaiting approval, a stakeholder whose approval was withdrawn, and an anonymous
visitor.
"""
from datetime import timedelta

import pytest
from django.utils import timezone

from matchmaking import services
from matchmaking.models import Interest, Opportunity
from workgroups.models import Event

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db

LOGIN = "login"
ROLES = ["wg3_coordinator", "wg2_coordinator", "member", "approved_stakeholder",
         "pending_stakeholder", "withdrawn_stakeholder", "anonymous"]


@pytest.fixture
def cast(people, wg2_coordinator, approved_stakeholder, pending_stakeholder,
         withdrawn_stakeholder):
    return {"wg3_coordinator": people.wg3_coordinator, "wg2_coordinator": wg2_coordinator,
            "member": people.marche_member, "approved_stakeholder": approved_stakeholder,
            "pending_stakeholder": pending_stakeholder,
            "withdrawn_stakeholder": withdrawn_stakeholder, "anonymous": None}


def status_for(client, cast, role, url, method="get", data=None):
    user = cast[role]
    if user:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response.url.startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


def cells(*expected):
    return pytest.mark.parametrize("role,expected", list(zip(ROLES, expected, strict=True)))


@cells(200, 200, 200, 200, 404, 404, LOGIN)
@pytest.mark.parametrize("url", ["/matchmaking/profiles/", "/matchmaking/interests/",
                                 "/matchmaking/opportunities/new/", "/matchmaking/profile/"])
def test_matchmaking_pages(client, people, cast, role, expected, url):
    assert status_for(client, cast, role, url) == expected


@cells(200, 200, 200, 200, 403, 404, LOGIN)
def test_matchmaking_index(client, people, cast, role, expected):
    assert status_for(client, cast, role, "/matchmaking/") == expected


def test_a_stakeholder_awaiting_approval_is_told_so(client, pending_stakeholder):
    client.force_login(pending_stakeholder)
    response = client.get("/matchmaking/")
    assert response.status_code == 403
    assert "Your registration is awaiting approval" in response.content.decode()


@cells(200, 200, 200, 200, 404, 404, LOGIN)
def test_view_a_published_opportunity(client, people, sectors, cast, role, expected):
    o = make_opportunity(people.bsmepa_member, [sectors["C"]])
    assert status_for(client, cast, role, o.get_absolute_url()) == expected


@cells(200, 404, 404, 404, 404, 404, LOGIN)
def test_view_another_partners_submitted_opportunity(client, people, sectors, cast, role,
                                                     expected):
    o = make_opportunity(people.bsmepa_member, [sectors["C"]], status="submitted")
    assert status_for(client, cast, role, o.get_absolute_url()) == expected


@cells(302, 403, 403, 403, 404, 404, LOGIN)
def test_moderate_an_opportunity(client, people, sectors, cast, role, expected):
    o = make_opportunity(people.veneto_member, [sectors["C"]], status="submitted")
    url = f"/matchmaking/opportunities/{o.pk}/moderate/"
    assert status_for(client, cast, role, url, "post",
                      {"decision": "publish"}) == expected
    o.refresh_from_db()
    assert (o.status == Opportunity.Status.PUBLISHED) is (expected == 302)


@cells(302, 403, 403, 403, 404, 404, LOGIN)
@pytest.mark.parametrize("action", ["tags", "merge"])
def test_edit_tags_and_merge(client, people, sectors, cast, role, expected, action):
    o = make_opportunity(people.veneto_member, [sectors["C"]])
    other = make_opportunity(people.veneto_member, [sectors["C"]], title="Other")
    data = {"kind": "market", "sectors": [sectors["J"].pk]} if action == "tags" else {
        "into": other.pk}
    url = f"/matchmaking/opportunities/{o.pk}/{action}/"
    assert status_for(client, cast, role, url, "post", data) == expected


@cells(302, 302, 302, 302, 404, 404, LOGIN)
def test_express_interest(client, people, sectors, cast, role, expected):
    o = make_opportunity(people.bsmepa_member if role != "wg3_coordinator"
                         else people.veneto_member, [sectors["C"]])
    url = f"/matchmaking/opportunities/{o.pk}/interest/"
    assert status_for(client, cast, role, url, "post",
                      {"message": "Interested"}) == expected
    assert Interest.objects.exists() is (expected == 302)


@cells(200, 404, 404, 404, 404, 404, LOGIN)
def test_view_someone_elses_expression_of_interest(client, people, sectors, cast, role,
                                                   expected, greek_member):
    o = make_opportunity(people.bsmepa_member, [sectors["C"]])
    interest = services.interest_express(user=greek_member, opportunity=o, message="Hi")
    assert status_for(client, cast, role,
                      interest.get_absolute_url()) == expected


@cells(302, 403, 403, 403, 404, 404, LOGIN)
def test_broker_an_expression_of_interest(client, people, sectors, cast, role, expected,
                                          greek_member):
    o = make_opportunity(people.bsmepa_member, [sectors["C"]])
    interest = services.interest_express(user=greek_member, opportunity=o, message="Hi")
    url = f"/matchmaking/interests/{interest.pk}/move/"
    assert status_for(client, cast, role, url, "post",
                      {"to_state": "introduced"}) == expected
    interest.refresh_from_db()
    assert (interest.state == "introduced") is (expected == 302)


@cells(200, 403, 403, 403, 404, 404, LOGIN)
@pytest.mark.parametrize("url", ["/matchmaking/coordinate/",
                                 "/matchmaking/coordinate/export.csv"])
def test_coordinator_dashboard_and_export(client, people, cast, role, expected,
                                          url):
    assert status_for(client, cast, role, url) == expected


@cells(200, 200, 200, 200, 404, 404, LOGIN)
def test_b2b_page_of_a_matchmaking_event(client, people, cast, role, expected):
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(title="Day", kind=Event.Kind.MATCHMAKING, starts_at=start,
                                 ends_at=start + timedelta(hours=4))
    assert status_for(client, cast, role,
                      f"/matchmaking/events/{event.pk}/") == expected


def test_a_member_cannot_change_another_partners_opportunity(client, people, sectors):
    o = make_opportunity(people.bsmepa_member, [sectors["C"]], status="returned")
    client.force_login(people.marche_member)
    assert client.get(f"/matchmaking/opportunities/{o.pk}/edit/").status_code == 404


def test_a_member_cannot_answer_a_meeting_request_for_someone_elses_slot(client, people):
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(title="Day", kind=Event.Kind.MATCHMAKING, starts_at=start,
                                 ends_at=start + timedelta(hours=4))
    slot = services.slot_publish(user=people.bsmepa_member, event=event, starts_at=start,
                                 minutes=30)
    meeting = services.meeting_request(user=people.marche_member, slot=slot)
    client.force_login(people.veneto_member)
    assert client.post(f"/matchmaking/meetings/{meeting.pk}/answer/",
                       {"answer": "accept"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_the_nav_link_is_for_partner_staff_and_approved_stakeholders(
        client, people, approved_stakeholder, pending_stakeholder, withdrawn_stakeholder):
    for user, shown in [(people.marche_member, True), (approved_stakeholder, True),
                        (pending_stakeholder, False), (withdrawn_stakeholder, False),
                        (people.stakeholder, False)]:
        client.force_login(user)
        assert ('href="/matchmaking/"' in client.get("/dashboard/").content.decode()) is shown


def test_a_stakeholder_without_a_registration_gets_404(client, people):
    client.force_login(people.stakeholder)
    assert client.get("/matchmaking/").status_code == 404
    assert client.get("/matchmaking/opportunities/new/").status_code == 404

