"""Expressions of interest and the coordinator's brokering."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matchmaking import services
from matchmaking.models import Interest

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def test_interest_in_ones_own_partners_opportunity_is_refused(client, people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    client.force_login(people.marche_admin)
    response = client.post(f"/matchmaking/opportunities/{o.pk}/interest/", {"message": "me"},
                           follow=True)
    assert "your own organisation" in response.content.decode()
    assert not Interest.objects.exists()


def test_interest_in_an_unpublished_opportunity_is_refused(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    with pytest.raises(ValidationError, match="not published"):
        services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    assert not Interest.objects.exists()


def test_a_stakeholder_cannot_express_interest(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    with pytest.raises(PermissionDenied):
        services.interest_express(user=people.stakeholder, opportunity=o, message="Hi")


def test_interest_twice_is_refused(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    with pytest.raises(ValidationError, match="already"):
        services.interest_express(user=people.bsmepa_member, opportunity=o, message="Again")


def test_contacts_are_revealed_only_after_the_introduction(client, people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    client.force_login(people.bsmepa_member)
    response = client.post(f"/matchmaking/opportunities/{o.pk}/interest/",
                           {"message": "We run digital hubs."})
    interest = Interest.objects.get()
    assert response.url == interest.get_absolute_url()
    page = client.get(interest.get_absolute_url()).content.decode()
    assert people.marche_member.email not in page
    # the opportunity's side does not see it yet either
    client.force_login(people.marche_member)
    assert client.get(interest.get_absolute_url()).status_code == 404
    services.interest_move(user=people.wg3_coordinator, interest=interest,
                           to_state="under_review")
    services.interest_move(user=people.wg3_coordinator, interest=interest,
                           to_state="introduced")
    page = client.get(interest.get_absolute_url()).content.decode()
    assert people.bsmepa_member.email in page
    client.force_login(people.bsmepa_member)
    assert people.marche_member.email in client.get(interest.get_absolute_url()).content.decode()


def test_brokering_records_who_and_when_through_to_the_outcome(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    interest = services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    for state in ["introduced", "meeting_held", "agreement"]:
        services.interest_move(user=people.wg3_coordinator, interest=interest, to_state=state)
    states = list(interest.transitions.values_list("from_state", "to_state", "by"))
    coordinator = people.wg3_coordinator.pk
    assert states == [("", "expressed", people.bsmepa_member.pk),
                      ("expressed", "introduced", coordinator),
                      ("introduced", "meeting_held", coordinator),
                      ("meeting_held", "agreement", coordinator)]


def test_declining_needs_a_reason_and_a_skipped_state_is_refused(people, sectors):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    interest = services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    with pytest.raises(ValidationError, match="reason"):
        services.interest_move(user=people.wg3_coordinator, interest=interest,
                               to_state="declined")
    with pytest.raises(ValidationError, match="cannot go from"):
        services.interest_move(user=people.wg3_coordinator, interest=interest,
                               to_state="agreement")
    interest.refresh_from_db()
    assert interest.state == "expressed" and interest.transitions.count() == 1


def test_acting_as_coordinator_without_the_role_is_refused(client, people, sectors,
                                                          wg2_coordinator):
    o = make_opportunity(people.marche_member, [sectors["C"]])
    interest = services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    client.force_login(wg2_coordinator)
    response = client.post(f"/matchmaking/interests/{interest.pk}/move/",
                           {"to_state": "introduced"})
    assert response.status_code == 403
    interest.refresh_from_db()
    assert interest.state == "expressed"


def test_the_opportunitys_side_hears_of_the_interest_only_at_the_introduction(people, sectors):
    from clusterpolisee.core.selectors import activities_visible_to

    o = make_opportunity(people.marche_member, [sectors["C"]])
    interest = services.interest_express(user=people.bsmepa_member, opportunity=o, message="Hi")
    verbs = {"matchmaking.interest_expressed", "matchmaking.interest_moved"}
    assert not activities_visible_to(people.marche_member).filter(verb__in=verbs).exists()
    services.interest_move(user=people.wg3_coordinator, interest=interest, to_state="introduced")
    seen = activities_visible_to(people.marche_member).filter(verb__in=verbs)
    assert [a.detail for a in seen] == ["Introduced"]
