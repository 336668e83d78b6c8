"""The beat task that makes stored states follow the closing dates."""
from datetime import timedelta

import pytest
from django.utils import timezone

from clusterpolisee.core.models import Activity
from consultations import services
from consultations.models import Consultation
from consultations.tasks import close_past_deadline
from notifications.models import Notification

pytestmark = pytest.mark.django_db

PAST = {"opens_at": timezone.now() - timedelta(days=10),
        "closes_at": timezone.now() - timedelta(minutes=1)}


def closed_activities(consultation):
    return Activity.objects.filter(verb="consultation.closed", target_id=str(consultation.pk))


def test_the_task_closes_an_open_consultation_past_its_deadline_once(cast, make_consultation):
    due = make_consultation(title="Due", audience="public", **PAST)
    running = make_consultation(title="Running", audience="public")
    draft = make_consultation(title="Draft", audience="public", state="draft", **PAST)
    summarised = make_consultation(title="Done", audience="public", state="summarised", **PAST)

    assert close_past_deadline.delay().get() == [due.pk]
    due.refresh_from_db()
    assert due.state == Consultation.State.CLOSED
    assert closed_activities(due).count() == 1
    activity = closed_activities(due).get()
    assert activity.actor is None and activity.target_url == due.get_absolute_url()
    for untouched, state in ((running, "open"), (draft, "draft"), (summarised, "summarised")):
        untouched.refresh_from_db()
        assert untouched.state == state
        assert not closed_activities(untouched).exists()

    # the second run finds nothing to do and records nothing
    assert close_past_deadline() == []
    assert closed_activities(due).count() == 1


def test_the_automatic_close_reaches_whom_a_manual_close_reaches_and_the_owner(
        cast, make_consultation, django_capture_on_commit_callbacks):
    manual = make_consultation(title="Closed by hand", audience="partners")
    due = make_consultation(title="Due", audience="partners", **PAST)
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_close(consultation=manual, user=cast.wg3_coordinator)
        close_past_deadline()

    def told(consultation):
        return set(Notification.objects.filter(activity__in=closed_activities(consultation))
                   .values_list("recipient_id", flat=True))

    assert cast.bsmepa_member.pk in told(manual)  # staff of a WG3 partner
    # the owner did not press the button this time, so they hear of it as well
    assert told(due) == told(manual) | {cast.wg3_coordinator.pk}
    assert cast.veneto_member.pk not in told(due)  # outside the audience


def test_the_task_leaves_a_consultation_its_owner_closed_by_hand(cast, make_consultation):
    c = make_consultation(audience="public")
    services.consultation_close(consultation=c, user=cast.wg3_coordinator)
    Consultation.objects.filter(pk=c.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    assert close_past_deadline() == []
    assert closed_activities(c).count() == 1  # the manual one


def test_the_deadline_schedule_is_registered_with_celery_beat():
    from django_celery_beat.models import PeriodicTask

    from consultations.demo import ensure_deadline_schedule

    ensure_deadline_schedule()
    ensure_deadline_schedule()
    task = PeriodicTask.objects.get(task="consultations.tasks.close_past_deadline")
    assert task.enabled and task.crontab.minute == "*/5"
