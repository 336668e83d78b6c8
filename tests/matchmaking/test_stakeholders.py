"""Approved stakeholder organisations in matchmaking: their profile, opportunities moderated
like partners' ones, interest, introductions, B2B meetings, and what they never see."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.users.services import stakeholder_decide
from matchmaking import selectors, services
from matchmaking.models import Interest, Opportunity, Profile
from tests.factories import CountryFactory, stakeholder
from workgroups.models import Event

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def save_profile(user, sectors, **fields):
    profile = selectors.profile_of(user) or Profile()
    for name, value in {"offers": "Wood-processing cluster services",
                        "contact_persons": "Milica, +381 11 000 000", **fields}.items():
        setattr(profile, name, value)
    return services.profile_save(user=user, profile=profile, sectors=sectors, countries=[])


def test_an_approved_stakeholder_keeps_a_profile_named_after_their_organisation(
        client, approved_stakeholder, sectors):
    client.force_login(approved_stakeholder)
    response = client.post("/matchmaking/profile/", {
        "sectors": [sectors["C"].pk], "size": "small", "offers": "Furniture design",
        "seeks": "ICT partners", "contact_persons": "Milica Jovanovic"})
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert profile.partner is None
    assert profile.organisation_name == "Danube Cluster Network"
    assert profile.country.iso_code == "RS"
    assert profile.owner == approved_stakeholder
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Milica Jovanovic" in page  # the keeper sees the contact persons
    assert "Edit our profile" in page


def test_a_colleague_of_the_same_organisation_is_sent_to_the_kept_profile(
        client, approved_stakeholder, sectors):
    profile = save_profile(approved_stakeholder, [sectors["C"]])
    colleague = stakeholder(email="colleague@danube.example.org",
                            organisation="danube cluster network ",
                            country=profile.country)
    client.force_login(colleague)
    response = client.get("/matchmaking/profile/", follow=True)
    assert response.redirect_chain[-1][0] == profile.get_absolute_url()
    assert "kept by Milica Jovanovic" in response.content.decode()
    assert "+381 11 000 000" not in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.profile_save(user=colleague, profile=profile, sectors=[sectors["C"]],
                              countries=[])
    with pytest.raises(ValidationError, match="already has a matchmaking profile"):
        services.profile_save(user=colleague, profile=Profile(offers="x"),
                              sectors=[sectors["C"]], countries=[])
    assert Profile.objects.count() == 1


def test_stakeholder_a_cannot_change_stakeholder_b_s_profile_or_opportunity(
        client, approved_stakeholder, sectors):
    other = stakeholder(email="b@morava.example.org", organisation="Morava Wood Cluster")
    profile = save_profile(other, [sectors["C"]])
    returned = make_opportunity(other, [sectors["C"]], status="returned")
    submitted = make_opportunity(other, [sectors["C"]], status="submitted", title="Hidden")
    with pytest.raises(PermissionDenied):
        services.profile_save(user=approved_stakeholder, profile=profile,
                              sectors=[sectors["J"]], countries=[])
    with pytest.raises(PermissionDenied):
        services.opportunity_submit(user=approved_stakeholder, opportunity=returned,
                                    sectors=[sectors["J"]], target_countries=[])
    client.force_login(approved_stakeholder)
    assert client.get(f"/matchmaking/opportunities/{returned.pk}/edit/").status_code == 404
    assert client.get(submitted.get_absolute_url()).status_code == 404
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Edit our profile" not in page
    assert "+381 11 000 000" not in page


def test_a_stakeholder_opportunity_is_moderated_before_partners_see_it(
        client, people, approved_stakeholder, sectors):
    client.force_login(approved_stakeholder)
    response = client.post("/matchmaking/opportunities/new/", {
        "direction": "offer", "kind": "technology", "title": "Wood-cluster design services",
        "description": "Design services for furniture clusters.",
        "sectors": [sectors["C"].pk], "deadline": ""})
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert (opportunity.organisation_name, opportunity.partner) == ("Danube Cluster Network",
                                                                    None)
    assert opportunity.status == Opportunity.Status.SUBMITTED
    assert opportunity in selectors.moderation_queue()
    client.force_login(people.marche_member)
    assert client.get(opportunity.get_absolute_url()).status_code == 404
    # nothing unmoderated reaches a partner's feed
    assert not activities_visible_to(people.marche_member).filter(
        target_id=str(opportunity.pk)).exists()
    services.opportunity_moderate(user=people.wg3_coordinator, opportunity=opportunity,
                                  decision="publish")
    assert client.get(opportunity.get_absolute_url()).status_code == 200
    assert "Wood-cluster design services" in client.get("/matchmaking/").content.decode()


def test_a_stakeholder_cannot_express_interest_in_their_own_organisations_opportunity(
        client, approved_stakeholder, sectors):
    own = make_opportunity(approved_stakeholder, [sectors["C"]])
    with pytest.raises(ValidationError, match="your own organisation"):
        services.interest_express(user=approved_stakeholder, opportunity=own, message="Hi")
    colleague = stakeholder(email="c2@danube.example.org", organisation="Danube Cluster Network",
                            country=own.country)
    with pytest.raises(ValidationError, match="your own organisation"):
        services.interest_express(user=colleague, opportunity=own, message="Hi")
    client.force_login(approved_stakeholder)
    response = client.post(f"/matchmaking/opportunities/{own.pk}/interest/",
                           {"message": "Hi"}, follow=True)
    assert "your own organisation" in response.content.decode()
    assert not Interest.objects.exists()


def test_a_stakeholder_cannot_express_interest_in_an_unpublished_opportunity_nor_twice(
        people, approved_stakeholder, sectors):
    submitted = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    with pytest.raises(ValidationError, match="not published"):
        services.interest_express(user=approved_stakeholder, opportunity=submitted,
                                  message="Hi")
    published = make_opportunity(people.marche_member, [sectors["C"]], title="Published")
    with pytest.raises(ValidationError, match="short message"):
        services.interest_express(user=approved_stakeholder, opportunity=published,
                                  message="  ")
    services.interest_express(user=approved_stakeholder, opportunity=published, message="Hi")
    with pytest.raises(ValidationError, match="already expressed"):
        services.interest_express(user=approved_stakeholder, opportunity=published,
                                  message="Again")
    assert Interest.objects.count() == 1


def test_unapproved_and_withdrawn_stakeholders_cannot_act(people, pending_stakeholder,
                                                          withdrawn_stakeholder, sectors):
    published = make_opportunity(people.marche_member, [sectors["C"]])
    for user in (pending_stakeholder, withdrawn_stakeholder):
        with pytest.raises(PermissionDenied):
            services.opportunity_submit(user=user, opportunity=Opportunity(
                direction="offer", kind="market", title="x", description="y"),
                sectors=[sectors["C"]], target_countries=[])
        with pytest.raises(PermissionDenied):
            services.profile_save(user=user, profile=Profile(), sectors=[], countries=[])
        with pytest.raises(PermissionDenied):
            services.interest_express(user=user, opportunity=published, message="Hi")
    assert not Interest.objects.exists()
    assert Opportunity.objects.count() == 1


def test_a_stakeholder_cannot_moderate_or_broker(people, approved_stakeholder, sectors):
    submitted = make_opportunity(people.marche_member, [sectors["C"]], status="submitted")
    with pytest.raises(PermissionDenied):
        services.opportunity_moderate(user=approved_stakeholder, opportunity=submitted,
                                      decision="publish")
    published = make_opportunity(people.bsmepa_member, [sectors["C"]], title="Offer")
    interest = services.interest_express(user=people.marche_member, opportunity=published,
                                         message="Hi")
    with pytest.raises(PermissionDenied):
        services.interest_move(user=approved_stakeholder, interest=interest,
                               to_state="introduced")
    # even when someone made them a WG3 coordinator by mistake
    people.wg3.coordinators.add(approved_stakeholder)
    approved_stakeholder.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.interest_move(user=approved_stakeholder, interest=interest,
                               to_state="introduced")
    submitted.refresh_from_db()
    interest.refresh_from_db()
    assert (submitted.status, interest.state) == ("submitted", "expressed")


def test_contact_details_of_both_sides_appear_only_with_the_introduction(
        client, people, approved_stakeholder, sectors):
    save_profile(approved_stakeholder, [sectors["C"]])
    Profile.objects.create(partner=people.marche, country=people.marche.country,
                           contact_persons="Marche international desk +39 071 000")
    offer = make_opportunity(people.marche_member, [sectors["C"]])
    interest = services.interest_express(user=approved_stakeholder, opportunity=offer,
                                         message="We would like to meet.")
    # the opportunity's side does not hear of it before the introduction
    assert not activities_visible_to(people.marche_member).filter(
        verb="matchmaking.interest_expressed").exists()
    client.force_login(approved_stakeholder)
    page = client.get(interest.get_absolute_url()).content.decode()
    assert people.marche_member.email not in page
    assert "+39 071 000" not in page
    client.force_login(people.marche_member)
    assert client.get(interest.get_absolute_url()).status_code == 404
    services.interest_move(user=people.wg3_coordinator, interest=interest, to_state="introduced")
    assert activities_visible_to(people.marche_member).filter(
        verb="matchmaking.interest_moved", partner=people.marche).exists()
    page = client.get(interest.get_absolute_url()).content.decode()
    assert approved_stakeholder.email in page and "+381 11 000 000" in page
    assert "Danube Cluster Network" in page
    client.force_login(approved_stakeholder)
    page = client.get(interest.get_absolute_url()).content.decode()
    assert people.marche_member.email in page and "+39 071 000" in page


def test_interests_in_a_stakeholder_opportunity_are_introduced_to_its_author(
        client, people, approved_stakeholder, sectors):
    offer = make_opportunity(approved_stakeholder, [sectors["C"]])
    interest = services.interest_express(user=people.marche_member, opportunity=offer,
                                         message="Hi")
    client.force_login(approved_stakeholder)
    assert client.get(interest.get_absolute_url()).status_code == 404
    assert "Giulia Bianchi" not in client.get("/matchmaking/interests/").content.decode()
    services.interest_move(user=people.wg3_coordinator, interest=interest, to_state="introduced")
    assert client.get(interest.get_absolute_url()).status_code == 200
    assert "Giulia Bianchi" in client.get("/matchmaking/interests/").content.decode()
    # introductions concerning only a stakeholder organisation stay out of partner feeds
    assert not Activity.objects.filter(visibility=Activity.Visibility.PARTNERS,
                                       verb="matchmaking.interest_moved").exists()


def test_the_stakeholder_author_is_notified_of_an_introduction(
        people, approved_stakeholder, sectors):
    from notifications.models import Notification
    from notifications.services import notifications_create_for_activity

    offer = make_opportunity(approved_stakeholder, [sectors["C"]])
    interest = services.interest_express(user=people.marche_member, opportunity=offer,
                                         message="Hi")
    services.interest_move(user=people.wg3_coordinator, interest=interest, to_state="introduced")
    for item in Activity.objects.filter(verb="matchmaking.interest_moved"):
        notifications_create_for_activity(activity=item)
    told = Notification.objects.filter(activity__verb="matchmaking.interest_moved")
    assert told.filter(recipient=approved_stakeholder).count() == 1
    assert told.filter(recipient=people.marche_member).exists()
    assert not told.filter(recipient=people.veneto_member).exists()


def test_suggestions_are_transnational_for_stakeholder_organisations_too(
        people, approved_stakeholder, sectors):
    serbian = make_opportunity(approved_stakeholder, [sectors["J"]], direction="offer",
                               title="ICT cluster services from Novi Sad")
    save_profile(approved_stakeholder, [sectors["J"]])
    marche_request = make_opportunity(people.marche_member, [sectors["J"]], direction="request",
                                      title="ICT partners wanted")
    same_country = stakeholder(email="rs2@example.org", organisation="Belgrade ICT Cluster",
                               country=serbian.country)
    serbian_request = make_opportunity(same_country, [sectors["J"]], direction="request",
                                       title="ICT partners wanted in Serbia")
    for_marche = selectors.suggested_opportunities(marche_request)
    assert [s.item for s in for_marche][:2] == [serbian, serbian_request]
    assert "they offer what you seek" in for_marche[0].reasons
    assert [s.item.organisation_name for s in selectors.suggested_profiles(marche_request)] == [
        "Danube Cluster Network"]
    for_serbian = [s.item for s in selectors.suggested_opportunities(serbian)]
    assert marche_request in for_serbian and serbian_request not in for_serbian


def test_a_withdrawn_approval_takes_the_organisation_out_of_lists_and_suggestions(
        client, people, approved_stakeholder, sectors):
    offer = make_opportunity(approved_stakeholder, [sectors["J"]], title="Serbian ICT offer")
    profile = save_profile(approved_stakeholder, [sectors["J"]])
    request = make_opportunity(people.marche_member, [sectors["J"]], direction="request")
    assert [s.item for s in selectors.suggested_opportunities(request)] == [offer]
    stakeholder_decide(profile=approved_stakeholder.stakeholder_profile,
                       user=people.wg3_coordinator, approve=False)
    assert selectors.suggested_opportunities(request) == []
    assert selectors.suggested_profiles(request) == []
    client.force_login(people.marche_member)
    assert "Serbian ICT offer" not in client.get("/matchmaking/").content.decode()
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.force_login(approved_stakeholder)
    assert client.get("/matchmaking/").status_code == 404


def test_a_stakeholder_sees_suggestions_of_their_own_opportunity_but_not_of_others(
        client, people, approved_stakeholder, sectors):
    own = make_opportunity(approved_stakeholder, [sectors["J"]], direction="offer")
    other = make_opportunity(people.marche_member, [sectors["J"]], direction="request",
                             title="ICT partners")
    client.force_login(approved_stakeholder)
    page = client.get(own.get_absolute_url()).content.decode()
    assert "Suggested matches from other countries" in page and "ICT partners" in page
    assert "Suggested matches" not in client.get(other.get_absolute_url()).content.decode()
    # partner-only tools never show: no moderation, no list of who is interested
    assert "Coordinator&#x27;s tools" not in page and "Coordinator's tools" not in page
    assert 'href="/matchmaking/coordinate/"' not in client.get("/matchmaking/").content.decode()


def test_a_stakeholder_takes_part_in_b2b_meetings(client, people, approved_stakeholder):
    start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    event = Event.objects.create(title="Matchmaking day", kind=Event.Kind.MATCHMAKING,
                                 starts_at=start, ends_at=start + timedelta(hours=4))
    slot = services.slot_publish(user=approved_stakeholder, event=event, starts_at=start,
                                 minutes=30)
    meeting = services.meeting_request(user=people.marche_member, slot=slot, message="Hello")
    client.force_login(approved_stakeholder)
    page = client.get(f"/matchmaking/events/{event.pk}/").content.decode()
    assert "Giulia Bianchi (Marche)" in page
    assert client.post(f"/matchmaking/meetings/{meeting.pk}/answer/",
                       {"answer": "accept"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "accepted"
    body = client.get(f"/matchmaking/events/{event.pk}/agenda.ics").content.decode()
    assert "SUMMARY:B2B meeting with Giulia Bianchi" in body
    client.force_login(people.marche_member)
    page = client.get(f"/matchmaking/events/{event.pk}/").content.decode()
    assert "Milica Jovanovic (Danube Cluster Network)" in page
    with pytest.raises(ValidationError, match="already taken"):
        services.meeting_request(user=people.bsmepa_member, slot=slot)


def test_a_stakeholder_deadline_in_the_past_is_refused_and_nothing_saved(
        client, approved_stakeholder, sectors):
    client.force_login(approved_stakeholder)
    response = client.post("/matchmaking/opportunities/new/", {
        "direction": "offer", "kind": "market", "title": "Late", "description": "Too late",
        "sectors": [sectors["C"].pk],
        "deadline": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert "The deadline is in the past." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_profiles_list_shows_stakeholder_organisations(client, people, approved_stakeholder,
                                                       sectors):
    save_profile(approved_stakeholder, [sectors["C"]])
    client.force_login(people.marche_member)
    page = client.get("/matchmaking/profiles/").content.decode()
    assert "Danube Cluster Network" in page
    assert "+381 11 000 000" not in page
    assert CountryFactory(iso_code="RS").display_name in page
