"""Steering Committee votes, pilot-action lifecycle, events and deliverables; bad input."""
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clusterpolisee.core.models import Activity
from workgroups import services
from workgroups.models import (
    Decision,
    Deliverable,
    Event,
    Indicator,
    PilotAction,
    PilotTransition,
    Registration,
    SteeringCommitteeSeat,
    Vote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(people):
    return services.decision_create(user=people.marche_admin, title="Adopt the plan",
                                    text="Adopt it.", deadline=timezone.now() + timedelta(days=3))


# --- Steering Committee -----------------------------------------------------------------------

def test_quorum_defaults_to_more_than_half_of_the_partners(decision):
    assert decision.electorate == 3 and decision.quorum == 2


def test_partner_admin_votes_when_no_representative_is_named(people, decision):
    vote = services.vote_cast(decision=decision, user=people.marche_admin, choice="yes")
    assert vote.partner == people.marche
    with pytest.raises(PermissionDenied):
        services.vote_cast(decision=decision, user=people.marche_member, choice="no")


def test_named_representative_votes_and_the_admin_no_longer_does(people, decision):
    SteeringCommitteeSeat.objects.create(partner=people.marche,
                                         representative=people.marche_member)
    with pytest.raises(PermissionDenied):
        services.vote_cast(decision=decision, user=people.marche_admin, choice="yes")
    assert services.vote_cast(decision=decision, user=people.marche_member,
                              choice="no").partner == people.marche


def test_a_partner_cannot_vote_twice(people, decision):
    services.vote_cast(decision=decision, user=people.marche_admin, choice="yes")
    with pytest.raises(ValidationError, match="already voted"):
        services.vote_cast(decision=decision, user=people.marche_admin, choice="no")
    assert Vote.objects.get().choice == "yes"


def test_a_vote_after_the_deadline_is_refused(client, people, decision):
    Decision.objects.filter(pk=decision.pk).update(deadline=timezone.now() - timedelta(hours=1))
    decision.refresh_from_db()
    client.force_login(people.marche_admin)
    response = client.post(decision.get_absolute_url(), {"choice": "yes"}, follow=True)
    assert "Voting on this decision has closed" in response.content.decode()
    assert not Vote.objects.exists()


def test_decision_closes_when_every_partner_has_voted(people, decision):
    services.vote_cast(decision=decision, user=people.marche_admin, choice="yes")
    services.vote_cast(decision=decision, user=people.wg3_coordinator, choice="yes")
    from tests.factories import staff

    services.vote_cast(decision=decision, user=staff(people.veneto, role="admin"), choice="no")
    decision.refresh_from_db()
    assert decision.closed_at is not None
    assert services.decision_outcome(decision)["label"] == "Adopted"


def test_outcome_without_quorum(people, decision):
    services.vote_cast(decision=decision, user=people.marche_admin, choice="yes")
    Decision.objects.filter(pk=decision.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    decision.refresh_from_db()
    services.decision_close_if_due(decision)
    assert "No quorum" in str(services.decision_outcome(decision)["label"])


def test_per_partner_record_is_hidden_until_closing(client, people, decision):
    services.vote_cast(decision=decision, user=people.marche_admin, choice="no")
    client.force_login(people.veneto_member)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "voted" in page and ">No<" not in page
    Decision.objects.filter(pk=decision.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    page = client.get(decision.get_absolute_url()).content.decode()
    assert ">No<" in page and "No quorum" in page


def test_decision_deadline_in_the_past_is_refused(people):
    with pytest.raises(ValidationError):
        services.decision_create(user=people.marche_admin, title="Late", text="x",
                                 deadline=timezone.now() - timedelta(days=1))


def test_only_lead_partner_admins_put_decisions_to_the_vote(people):
    with pytest.raises(PermissionDenied):
        services.decision_create(user=people.veneto_member, title="X", text="x",
                                 deadline=timezone.now() + timedelta(days=1))


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_votes_for_one_partner_end_with_one_vote(people):
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL (make test uses it when reachable)")
    decision = services.decision_create(user=people.marche_admin, title="Race", text="x",
                                        deadline=timezone.now() + timedelta(days=1))
    from tests.factories import staff

    second_admin = staff(people.marche, role="admin")
    barrier = threading.Barrier(2)
    outcomes = []

    def vote(user, choice):
        from django.db import connections

        try:
            barrier.wait()
            services.vote_cast(decision=decision, user=user, choice=choice)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(people.marche_admin, "yes")),
               threading.Thread(target=vote, args=(second_admin, "no"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Vote.objects.filter(decision=decision, partner=people.marche).count() == 1


# --- pilot actions ------------------------------------------------------------------------------

def test_pilot_lifecycle_is_recorded_and_cannot_skip_a_state(people, pilot):
    with pytest.raises(ValidationError, match="can only move to approved"):
        services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="running")
    services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="approved",
                              comment="Budget agreed")
    services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="running")
    with pytest.raises(ValidationError, match="Record the evaluation"):
        services.pilot_transition(pilot=pilot, user=people.wg3_coordinator,
                                  to_status="evaluated")
    indicator = pilot.indicators.get()
    services.pilot_evaluate(pilot=pilot, user=people.wg3_coordinator, method="Survey",
                            findings="Worked", lessons="Start earlier",
                            results={indicator.pk: (Decimal("18"), 4)})
    services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="evaluated")
    services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="closed")
    assert list(PilotTransition.objects.filter(pilot_action=pilot).values_list(
        "to_status", flat=True)) == ["approved", "running", "evaluated", "closed"]
    assert PilotTransition.objects.first().comment == "Budget agreed"
    indicator.refresh_from_db()
    assert indicator.achieved == Decimal("18") and indicator.score == 4
    assert Activity.objects.filter(verb="pilot.transitioned", working_group=people.wg3).count() == 4


def test_indicator_value_that_is_not_a_number_is_refused(client, people, stages):
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:pilot_create", args=["WG3"]), {
        "title": "Pilot", "stage": stages[0].pk, "region": "Sofia", "partner": people.bsmepa.pk,
        "objectives": "x", "indicators-TOTAL_FORMS": "1", "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Jobs", "indicators-0-baseline": "ten", "indicators-0-target": "20"})
    assert response.status_code == 400
    assert "Enter a number" in response.content.decode()
    assert not PilotAction.objects.exists() and not Indicator.objects.exists()


def test_coordinator_of_another_wg_cannot_manage_wg3_pilots(people, pilot):
    from tests.factories import staff

    other = staff(people.veneto)
    people.wg2.coordinators.add(other)
    with pytest.raises(PermissionDenied):
        services.pilot_transition(pilot=pilot, user=other, to_status="approved")


def test_pilot_list_filters(client, people, pilot, stages):
    client.force_login(people.veneto_member)
    url = reverse("workgroups:pilots")
    assert "Cluster exchange" in client.get(url, {"working_group": "WG3"}).content.decode()
    assert "Cluster exchange" not in client.get(url, {"working_group": "WG2"}).content.decode()
    assert "Cluster exchange" in client.get(url, {"country": "IT"}).content.decode()
    assert "Cluster exchange" not in client.get(url, {"country": "BG"}).content.decode()
    assert "Cluster exchange" not in client.get(url, {"stage": "2"}).content.decode()
    assert "Cluster exchange" not in client.get(url, {"status": "running"}).content.decode()


# --- discussion ---------------------------------------------------------------------------------

def test_topic_html_is_sanitised_and_empty_replies_refused(client, people):
    topic = services.topic_create(wg=people.wg3, user=people.marche_member, title="T",
                                  body='<p>Hi<script>alert(1)</script></p>')
    assert "<script" not in topic.body
    client.force_login(people.bsmepa_member)
    response = client.post(topic.get_absolute_url(), {"body": "<script>x</script>"})
    assert response.status_code == 200 and "Write something first" in response.content.decode()
    assert not topic.replies.exists()


# --- events ---------------------------------------------------------------------------------------

def event_data(**overrides):
    data = {"title": "Peer visit", "kind": "peer_visit", "timezone": "Europe/Rome",
            "starts_at": "2030-03-10T09:00", "ends_at": "2030-03-10T17:00", "place": "Ancona",
            "capacity": "2", "working_groups": []}
    data.update(overrides)
    return data


def test_event_times_are_in_the_events_time_zone(client, people):
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:event_create"), event_data())
    assert response.status_code == 302
    event = Event.objects.get()
    # 09:00 in Rome on 10 March 2030 (CET, UTC+1) is 08:00 UTC, whatever the viewer's zone
    assert event.starts_at == datetime(2030, 3, 10, 8, 0, tzinfo=UTC)
    assert event.timezone == "Europe/Rome"


def test_event_ending_before_it_starts_is_refused(client, people):
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:event_create"),
                           event_data(ends_at="2030-03-10T08:00"))
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert not Event.objects.exists()


def test_capacity_is_enforced_and_cannot_drop_below_registrations(client, people):
    event = services.event_save(user=people.wg3_coordinator, event=Event(
        title="Training", starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=3), capacity=1))
    services.event_register(event=event, user=people.marche_member)
    with pytest.raises(ValidationError, match="full"):
        services.event_register(event=event, user=people.veneto_member)
    with pytest.raises(ValidationError, match="already registered"):
        services.event_register(event=event, user=people.marche_member)
    client.force_login(people.wg3_coordinator)
    event.capacity = 2
    services.event_save(user=people.wg3_coordinator, event=event)
    services.event_register(event=event, user=people.veneto_member)
    response = client.post(reverse("workgroups:event_edit", args=[event.pk]), event_data(
        capacity="1", starts_at="2030-01-01T10:00", ends_at="2030-01-01T12:00"))
    assert response.status_code == 400
    assert "cannot be lower" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 2 and Registration.objects.filter(event=event).count() == 2


def test_ics_export_and_personal_feed(client, people):
    event = services.event_save(user=people.wg3_coordinator, event=Event(
        title="Matchmaking day", starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=8), timezone="Europe/Sofia",
        place="Sofia"))
    client.force_login(people.marche_member)
    ics = client.get(reverse("workgroups:event_ics", args=[event.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Matchmaking day" in body
    assert "TZID=Europe/Sofia" in body
    services.event_register(event=event, user=people.marche_member)
    from workgroups.event_views import feed_token

    client.logout()
    feed = client.get(reverse("workgroups:event_feed", args=[feed_token(people.marche_member)]))
    assert feed.status_code == 200 and "Matchmaking day" in feed.content.decode()
    other = client.get(reverse("workgroups:event_feed", args=[feed_token(people.veneto_member)]))
    assert "Matchmaking day" not in other.content.decode()
    assert client.get(reverse("workgroups:event_feed", args=["forged:token"])).status_code == 404


# --- deliverables ---------------------------------------------------------------------------------

def test_overdue_deliverables_are_highlighted_for_the_responsible_partner(client, people):
    from tests.factories import WorkPackageFactory

    wp = WorkPackageFactory(code="WP4", title="Policy learning")
    Deliverable.objects.create(work_package=wp, code="D4.1", title="Assessments",
                               partner=people.marche, due_date=date(2013, 9, 30))
    Deliverable.objects.create(work_package=wp, code="D4.2", title="Done already",
                               partner=people.marche, due_date=date(2013, 9, 30),
                               status="approved")
    client.force_login(people.marche_member)
    page = client.get(reverse("dashboard")).content.decode()
    # the dashboard's "Needs you" list carries them, marked overdue
    assert "overdue since" in page and "D4.1" in page and "D4.2" not in page
    client.force_login(people.veneto_member)
    assert "D4.1" not in client.get(reverse("dashboard")).content.decode()
    client.force_login(people.marche_member)
    wp_page = client.get(reverse("workgroups:wp", args=["WP4"])).content.decode()
    assert "overdue" in wp_page


def test_moved_pilot_action_lines_say_the_new_state(client, people, pilot):
    services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status="approved")
    from clusterpolisee.core.models import Activity

    item = Activity.objects.get(verb="pilot.transitioned")
    assert item.detail == "Approved"
    client.force_login(people.marche_member)
    assert "(Approved)" in client.get(reverse("dashboard")).content.decode()


def test_move_to_evaluated_is_offered_only_once_an_evaluation_exists(client, people, pilot):
    for status in ("approved", "running"):
        services.pilot_transition(pilot=pilot, user=people.wg3_coordinator, to_status=status)
    client.force_login(people.wg3_coordinator)
    url = reverse("workgroups:pilot", args=[pilot.pk])
    page = client.get(url).content.decode()
    assert "Move to “Evaluated”" not in page and "Record the evaluation first" in page
    services.pilot_evaluate(pilot=pilot, user=people.wg3_coordinator, method="Survey",
                            findings="Worked", lessons="Start earlier",
                            results={pilot.indicators.get().pk: (Decimal("18"), 4)})
    assert "Move to “Evaluated”" in client.get(url).content.decode()


def test_an_indicator_error_is_shown_above_its_row_not_inside_the_grid(client, people, stages):
    client.force_login(people.wg3_coordinator)
    response = client.post(reverse("workgroups:pilot_create", args=["WG3"]), {
        "title": "Exchange", "stage": stages[0].pk, "region": "Marche",
        "partner": people.marche.pk, "objectives": "Learn.",
        "indicators-TOTAL_FORMS": "3", "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Managers trained"})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<div class="indicator-errors"><ul class="errorlist nonfield">' in page
    rows = page.split('<div class="indicator-row">')[1:]
    assert len(rows) == 3 and all("errorlist nonfield" not in row.split("</div>")[0]
                                  for row in rows)
