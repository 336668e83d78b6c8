"""Steering Committee votes stay secret while open, and decisions close at their deadline
by a beat task, exactly once, with the same activity and notifications as a close on
opening the page."""
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from clusterpolisee.core.models import Activity
from notifications.models import Notification
from workgroups import services
from workgroups.models import Decision
from workgroups.tasks import close_decisions_past_deadline

pytestmark = pytest.mark.django_db


def open_decision(people, title="Adopt the plan"):
    return services.decision_create(user=people.marche_admin, title=title, text="Adopt it.",
                                    deadline=timezone.now() + timedelta(days=3))


def past_deadline(decision):
    Decision.objects.filter(pk=decision.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    decision.refresh_from_db()


def closed_items(decision):
    return Activity.objects.filter(verb="sc.decision_closed", target_id=str(decision.pk))


def test_an_open_decision_shows_how_many_and_which_partners_voted_but_never_the_tally(
        client, people):
    decision = open_decision(people)
    services.vote_cast(decision=decision, user=people.marche_admin, choice="no")
    assert services.decision_outcome(decision)["counts"] is None
    client.force_login(people.veneto_member)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "1 of 3 partners has voted" in page
    assert "abstentions" not in page and "0 yes" not in page and "1 no" not in page
    marche_row = page[page.index("<td>Marche Region</td>"):]
    assert marche_row[:60].count("voted") == 1
    past_deadline(decision)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "0 yes, 1 no, 0 abstentions" in page


def test_the_beat_task_closes_a_decision_at_its_deadline_once(people):
    due = open_decision(people, "Due")
    running = open_decision(people, "Running")
    past_deadline(due)
    assert close_decisions_past_deadline.delay().get() == [due.pk]
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.closed_at == due.deadline and running.closed_at is None
    assert closed_items(due).count() == 1 and not closed_items(running).exists()
    assert close_decisions_past_deadline() == []  # a second run closes nothing more
    assert closed_items(due).count() == 1


def test_the_beat_task_tells_whom_a_close_on_opening_the_page_tells(
        client, people, django_capture_on_commit_callbacks):
    by_page = open_decision(people, "Closed when opened")
    by_task = open_decision(people, "Closed by the task")
    past_deadline(by_page)
    past_deadline(by_task)
    client.force_login(people.veneto_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(by_page.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        close_decisions_past_deadline()

    def told(decision):
        return set(Notification.objects.filter(activity__in=closed_items(decision))
                   .values_list("recipient_id", flat=True))

    page_item, task_item = closed_items(by_page).get(), closed_items(by_task).get()
    assert (page_item.visibility, page_item.detail) == (task_item.visibility, task_item.detail)
    assert told(by_task) == told(by_page) and people.bsmepa_member.pk in told(by_task)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_of_the_beat_task_close_a_decision_once(people):
    if connection.vendor != "postgresql":
        pytest.fail("this test needs PostgreSQL (make test uses it when reachable)")
    decision = open_decision(people, "Race to close")
    past_deadline(decision)
    barrier = threading.Barrier(2)
    results = []

    def run():
        from django.db import connections

        try:
            barrier.wait()
            results.append(services.decisions_close_past_deadline())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [[], [decision.pk]]
    assert closed_items(decision).count() == 1


def test_the_decision_deadline_schedule_is_registered_with_celery_beat_and_restored():
    from django_celery_beat.models import PeriodicTask

    from workgroups.demo import ensure_decision_schedule

    PeriodicTask.objects.filter(task="workgroups.tasks.close_decisions_past_deadline").delete()
    ensure_decision_schedule()
    ensure_decision_schedule()
    task = PeriodicTask.objects.get(task="workgroups.tasks.close_decisions_past_deadline")
    assert task.enabled and task.crontab.minute == "*/5"
