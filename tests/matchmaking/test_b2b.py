"""B2B meetings at a matchmaking event: slots, requests, no double-booking, agenda .ics."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from matchmaking import services
from matchmaking.models import MeetingRequest
from workgroups.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(people):
    start = (timezone.now() + timedelta(days=10)).replace(minute=0, second=0, microsecond=0)
    return Event.objects.create(title="Matchmaking day", kind=Event.Kind.MATCHMAKING,
                                starts_at=start, ends_at=start + timedelta(hours=8),
                                timezone="Europe/Sofia", place="Sofia")


def test_a_meeting_is_requested_accepted_and_in_both_agendas(client, people, event):
    slot = services.slot_publish(user=people.bsmepa_member, event=event,
                                 starts_at=event.starts_at + timedelta(hours=1), minutes=30)
    client.force_login(people.marche_member)
    client.post(f"/matchmaking/slots/{slot.pk}/request/", {"message": "Furniture"})
    meeting = MeetingRequest.objects.get()
    client.force_login(people.bsmepa_member)
    client.post(f"/matchmaking/meetings/{meeting.pk}/answer/", {"answer": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == "accepted"
    for user, other in [(people.bsmepa_member, "Giulia Bianchi"),
                        (people.marche_member, "Petar Ivanov")]:
        client.force_login(user)
        ics = client.get(f"/matchmaking/events/{event.pk}/agenda.ics")
        assert ics["Content-Type"].startswith("text/calendar")
        body = ics.content.decode()
        assert f"B2B meeting with {other}" in body and "LOCATION:Sofia" in body


def test_requesting_a_slot_already_taken_is_refused(client, people, event):
    slot = services.slot_publish(user=people.bsmepa_member, event=event,
                                 starts_at=event.starts_at, minutes=30)
    first = services.meeting_request(user=people.marche_member, slot=slot)
    services.meeting_respond(user=people.bsmepa_member, meeting=first, accept=True)
    client.force_login(people.veneto_member)
    response = client.post(f"/matchmaking/slots/{slot.pk}/request/", follow=True)
    assert "This slot is already taken." in response.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_a_second_acceptance_for_the_same_slot_is_refused(people, event):
    slot = services.slot_publish(user=people.bsmepa_member, event=event,
                                 starts_at=event.starts_at, minutes=30)
    a = services.meeting_request(user=people.marche_member, slot=slot)
    b = services.meeting_request(user=people.veneto_member, slot=slot)
    services.meeting_respond(user=people.bsmepa_member, meeting=a, accept=True)
    with pytest.raises(ValidationError, match="already taken"):
        services.meeting_respond(user=people.bsmepa_member, meeting=b, accept=True)
    b.refresh_from_db()
    assert b.status == "requested"


def test_the_database_refuses_double_booking(people, event):
    slot = services.slot_publish(user=people.bsmepa_member, event=event,
                                 starts_at=event.starts_at, minutes=30)
    MeetingRequest.objects.create(slot=slot, requester=people.marche_member,
                                  starts_at=slot.starts_at, status="accepted")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(slot=slot, requester=people.veneto_member,
                                      starts_at=slot.starts_at, status="accepted")


def test_the_requester_cannot_be_booked_twice_at_the_same_time(people, event):
    at = event.starts_at
    s1 = services.slot_publish(user=people.bsmepa_member, event=event, starts_at=at, minutes=30)
    s2 = services.slot_publish(user=people.veneto_member, event=event, starts_at=at, minutes=30)
    m1 = services.meeting_request(user=people.marche_member, slot=s1)
    m2 = services.meeting_request(user=people.marche_member, slot=s2)
    services.meeting_respond(user=people.bsmepa_member, meeting=m1, accept=True)
    with pytest.raises(ValidationError, match="another meeting"):
        services.meeting_respond(user=people.veneto_member, meeting=m2, accept=True)


def test_slots_outside_the_event_or_overlapping_are_refused(people, event):
    with pytest.raises(ValidationError, match="within the event"):
        services.slot_publish(user=people.bsmepa_member, event=event,
                              starts_at=event.starts_at - timedelta(hours=1), minutes=30)
    services.slot_publish(user=people.bsmepa_member, event=event, starts_at=event.starts_at,
                          minutes=30)
    with pytest.raises(ValidationError, match="already have a slot"):
        services.slot_publish(user=people.bsmepa_member, event=event,
                              starts_at=event.starts_at + timedelta(minutes=15), minutes=30)


def test_the_slot_form_reads_the_events_local_time(client, people, event):
    client.force_login(people.bsmepa_member)
    local = event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Sofia"))
    client.post(f"/matchmaking/events/{event.pk}/slots/",
                {"starts_at": local.strftime("%Y-%m-%dT%H:%M"), "minutes": 30})
    assert people.bsmepa_member.b2b_slots.get().starts_at == event.starts_at


def test_only_matchmaking_events_have_b2b_pages(client, people, event):
    event.kind = Event.Kind.MEETING
    event.save()
    client.force_login(people.marche_member)
    assert client.get(f"/matchmaking/events/{event.pk}/").status_code == 404
