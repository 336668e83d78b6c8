"""Daily and weekly digests: content, language, privacy, exactly once, bad input."""
import datetime
import logging
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import ngettext

from clusterpolisee.core.models import Activity, Category
from notifications import digests
from notifications.models import (
    BouncingAddress,
    Channel,
    Digest,
    DigestRun,
    Notification,
    NotificationPreference,
)
from notifications.tasks import send_digest_batch, send_due_digests, start_digest_run
from tests.factories import WorkPackageFactory, staff

from .conftest import DAY, IN_DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_items(people, record):
    """A day of activity: a private Marche item, a WG3 discussion, a consultation."""
    private = record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
                     partner=people.marche)
    wg = record(actor=people.bsmepa_member, verb="test.discussed", target=people.bsmepa,
                working_group=people.wg3, visibility=Activity.Visibility.WORKING_GROUP)
    consultation = record(actor=people.bsmepa_member, verb="test.consulted",
                          target=people.veneto, visibility=Activity.Visibility.PARTNERS)
    Activity.objects.update(created_at=IN_DAY)
    Notification.objects.update(created_at=IN_DAY)
    return {"private": private, "wg": wg, "consultation": consultation}


def send_daily():
    run = digests.digest_run_prepare(period="daily", period_start=DAY)
    result = digests.BatchResult()
    for batch in digests.pending_batches(run):
        result.add(digests.digest_batch_send(digest_ids=batch))
    return result


def mail_to(email):
    return [m for m in mail.outbox if m.to == [email]]


def test_daily_digest_groups_per_working_group_and_category(people, day_items):
    send_daily()
    [message] = mail_to("member@marche.example.org")
    assert "daily" in message.subject and "3 new items" in message.subject
    body = message.body
    assert body.index("WG3: International cluster cooperation") < body.index(
        "Across the project")
    assert "-- Working-group discussions --" in body and "-- Consultations --" in body
    assert "Maria" not in body  # the coordinator is not the actor of anything here
    assert "Petar Ivanov started a discussion on Executive Agency" in body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "<h2" in html and "WG3: International cluster cooperation" in html
    assert "/notifications/unsubscribe/" in html and "/notifications/unsubscribe/" in body


def test_work_package_targets_are_grouped_under_the_work_package(people, record):
    wp = WorkPackageFactory(code="WP4", title="Policy learning")
    record(actor=people.marche_admin, verb="test.discussed", target=wp, partner=people.marche)
    Notification.objects.update(created_at=IN_DAY)
    send_daily()
    [message] = mail_to("member@marche.example.org")
    assert "== WP4: Policy learning ==" in message.body


def test_private_items_never_appear_in_another_partners_digest(people, day_items):
    send_daily()
    for email in ("member@veneto.example.org", "member@bsmepa.example.org",
                  "wg3@bsmepa.example.org"):
        for message in mail_to(email):
            assert "Marche Region" not in message.body
            assert "Marche Region" not in message.alternatives[0][0]
    [own] = mail_to("member@marche.example.org")
    assert "Marco Rossi started a discussion on Marche Region" in own.body


def test_running_the_same_period_twice_sends_one_mail(people, day_items):
    first = send_daily()
    count = len(mail.outbox)
    assert first.sent == count >= 3
    second = send_daily()
    assert second.sent == 0 and len(mail.outbox) == count
    assert DigestRun.objects.count() == 1
    assert Digest.objects.filter(status="sent").count() == count


def test_celery_tasks_run_twice_send_one_mail(people, day_items,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_digest_run.delay("daily", DAY.isoformat())
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        start_digest_run.delay("daily", DAY.isoformat())
        for digest in Digest.objects.all():
            send_digest_batch.delay([digest.pk])
    assert len(mail.outbox) == count > 0


def test_beat_task_sends_the_digest_of_yesterday(people, day_items,
                                                django_capture_on_commit_callbacks):
    yesterday = digests.last_complete_period("daily")
    Notification.objects.update(created_at=digests.period_bounds("daily", yesterday)[0]
                                + datetime.timedelta(hours=9))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests("daily")
    assert DigestRun.objects.get().period_start == yesterday
    assert mail_to("member@marche.example.org")


def test_periods_are_local_days_and_monday_weeks():
    now = datetime.datetime(2026, 11, 25, 0, 30, tzinfo=datetime.UTC)  # Wed 02:30 in Sofia
    assert digests.last_complete_period("daily", now) == datetime.date(2026, 11, 24)
    assert digests.last_complete_period("weekly", now) == datetime.date(2026, 11, 16)
    begin, end = digests.period_bounds("weekly", datetime.date(2026, 11, 16))
    assert (end - begin).days == 7 and begin.utcoffset() == datetime.timedelta(hours=2)


def test_preference_off_means_no_mail(people, day_items):
    NotificationPreference.objects.create(user=people.marche_member,
                                          category="wg_discussions", channel=Channel.OFF)
    NotificationPreference.objects.create(user=people.marche_member,
                                          category="consultations", channel=Channel.OFF)
    send_daily()
    assert mail_to("member@marche.example.org") == []


def test_preference_switched_off_after_the_run_was_prepared_sends_nothing(people, day_items):
    run = digests.digest_run_prepare(period="daily", period_start=DAY)
    for category in ("wg_discussions", "consultations"):
        NotificationPreference.objects.create(user=people.marche_member, category=category,
                                              channel=Channel.OFF)
    for batch in digests.pending_batches(run):
        digests.digest_batch_send(digest_ids=batch)
    assert mail_to("member@marche.example.org") == []
    assert Digest.objects.get(user=people.marche_member).status == "skipped"


def test_weekly_preference_moves_items_to_the_weekly_digest(people, day_items):
    NotificationPreference.objects.create(user=people.veneto_member, category="consultations",
                                          channel=Channel.WEEKLY)
    send_daily()
    assert mail_to("member@veneto.example.org") == []
    monday = DAY - datetime.timedelta(days=DAY.weekday())
    run = digests.digest_run_prepare(period="weekly", period_start=monday)
    for batch in digests.pending_batches(run):
        digests.digest_batch_send(digest_ids=batch)
    [message] = mail_to("member@veneto.example.org")
    assert "weekly" in message.subject and "opened the consultation" in message.body


def test_read_items_and_empty_digests_send_nothing(people, day_items):
    Notification.objects.filter(recipient=people.veneto_member).update(read_at=IN_DAY)
    send_daily()
    assert mail_to("member@veneto.example.org") == []
    assert not Digest.objects.filter(user=people.veneto_member).exists()


def test_bulgarian_user_gets_a_bulgarian_digest(people, day_items):
    people.wg3_coordinator.language = "bg"
    people.wg3_coordinator.save()
    send_daily()
    [message] = mail_to("wg3@bsmepa.example.org")
    assert message.subject.startswith("Ежедневен бюлетин на ClusterPoliSEE: 2 новини")
    assert "Здравейте" in message.body and "съдържа 2 новини" in message.body
    assert "Дискусии в работните групи" in message.body  # the category
    assert "Консултации" in message.body
    assert "Daily" not in message.body and "Hello" not in message.body
    assert "Здравейте" in message.alternatives[0][0] and 'lang="bg"' in message.alternatives[0][0]
    [english] = mail_to("member@marche.example.org")
    assert "Hello" in english.body


def test_users_without_email_or_with_a_bouncing_address_are_skipped_and_logged(
        people, day_items, caplog):
    BouncingAddress.objects.create(email="member@veneto.example.org", reason="550 no such user")
    type(people.marche_member).objects.filter(pk=people.marche_member.pk).update(email="")
    with caplog.at_level(logging.WARNING, logger="notifications.digests"):
        result = send_daily()
    assert mail_to("member@veneto.example.org") == [] and result.skipped == 2
    reasons = dict(Digest.objects.values_list("user__email", "reason"))
    assert reasons["member@veneto.example.org"] == "address is bouncing"
    assert reasons[""] == "no e-mail address"
    assert "bouncing" in caplog.text and "no usable e-mail" in caplog.text
    assert send_daily().skipped == 0  # not tried again


def test_a_template_error_in_one_digest_does_not_stop_the_others(people, day_items,
                                                                 monkeypatch):
    real = digests.digest_message

    def broken_for_veneto(*, user, **kwargs):
        if user.email == "member@veneto.example.org":
            raise ValueError("template exploded")
        return real(user=user, **kwargs)

    monkeypatch.setattr(digests, "digest_message", broken_for_veneto)
    result = send_daily()
    assert result.failed == 1 and result.sent >= 3
    failed = Digest.objects.get(status="failed")
    assert failed.user == people.veneto_member and "template exploded" in failed.reason
    assert mail_to("member@marche.example.org")


class FlakySMTP:
    """An e-mail backend that refuses one address and has a temporary outage for another."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            if message.to == ["member@veneto.example.org"]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
            if message.to == ["wg3@bsmepa.example.org"]:
                raise smtplib.SMTPServerDisconnected("connection lost")
            mail.outbox.append(message)
        return len(messages)


def test_smtp_errors_refused_address_bounces_temporary_error_retries(people, day_items,
                                                                    monkeypatch):
    monkeypatch.setattr(digests, "get_connection", lambda **kw: FlakySMTP())
    result = send_daily()
    assert BouncingAddress.objects.filter(email="member@veneto.example.org").exists()
    waiting = Digest.objects.get(user=people.wg3_coordinator)
    assert result.retry_later == [waiting.pk]
    assert waiting.status == "pending" and waiting.attempts == 1
    with pytest.raises(smtplib.SMTPException):  # Celery's autoretry then backs off
        send_digest_batch.run([waiting.pk])
    for _ in range(digests.MAX_ATTEMPTS):
        digests.digest_batch_send(digest_ids=[waiting.pk])
    waiting.refresh_from_db()
    assert waiting.status == "failed" and waiting.attempts == digests.MAX_ATTEMPTS


def test_digest_tasks_are_configured_for_exactly_once():
    for task in (send_digest_batch, start_digest_run):
        assert task.acks_late and task.reject_on_worker_lost
        assert task.time_limit and task.soft_time_limit
    assert smtplib.SMTPException in send_digest_batch.autoretry_for
    assert send_digest_batch.retry_backoff


def test_digest_rows_are_unique_per_user_and_period(people, day_items):
    from django.db import IntegrityError

    run = digests.digest_run_prepare(period="daily", period_start=DAY)
    with pytest.raises(IntegrityError):
        Digest.objects.create(run=run, user=people.marche_member, period="daily",
                              period_start=DAY)


def test_building_a_batch_takes_the_same_queries_for_few_and_many(people, record):
    def batch_queries():
        run = digests.digest_run_prepare(period="daily", period_start=DAY)
        ids = [pk for batch in digests.pending_batches(run) for pk in batch]
        with CaptureQueriesContext(connection) as context:
            digests._load_batch(ids)
        return len(context.captured_queries), len(ids)

    record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
           visibility=Activity.Visibility.PARTNERS)
    Notification.objects.update(created_at=IN_DAY)
    few, n_few = batch_queries()
    Digest.objects.all().delete()
    for _ in range(20):
        staff(people.veneto)
    for _ in range(5):
        record(actor=people.marche_admin, verb="test.discussed", target=people.marche,
               visibility=Activity.Visibility.PARTNERS)
    Notification.objects.update(created_at=IN_DAY)
    many, n_many = batch_queries()
    assert n_many > 5 * n_few and few == many == 5


def test_send_digests_command_dry_run_shows_and_changes_nothing(people, day_items, capsys):
    call_command("send_digests", "--period", "daily", "--date", DAY.isoformat(), "--dry-run")
    out = capsys.readouterr().out
    assert "would go to 4 people" in out and "member@marche.example.org: 3 items" in out
    assert mail.outbox == [] and not DigestRun.objects.exists()


def test_send_digests_command_sends_with_a_progress_bar(people, day_items, capsys):
    call_command("send_digests", "--period", "daily", "--date", DAY.isoformat())
    captured = capsys.readouterr()
    assert "sent 4, skipped 0, failed 0" in captured.out
    assert "4/4" in captured.err
    assert len(mail.outbox) == 4
    call_command("send_digests", "--period", "daily", "--date", DAY.isoformat())
    assert "sent 0" in capsys.readouterr().out and len(mail.outbox) == 4


def test_send_digests_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date"):
        call_command("send_digests", "--period", "daily", "--date", "yesterday")


def test_beat_schedules_exist_and_are_editable_in_admin():
    from django_celery_beat.models import PeriodicTask

    from notifications.demo import ensure_digest_schedules

    # the data migration made them; a transactional test may have flushed the table since
    ensure_digest_schedules()
    ensure_digest_schedules()
    assert PeriodicTask.objects.filter(task="notifications.tasks.send_due_digests").count() == 2
    tasks = {t.name: t for t in PeriodicTask.objects.filter(
        task="notifications.tasks.send_due_digests")}
    assert tasks["Daily notification digest"].args == '["daily"]'
    assert tasks["Weekly notification digest"].crontab.day_of_week == "1"


def test_admin_digest_log_shows_counts_per_period(client, people, day_items):
    BouncingAddress.objects.create(email="member@veneto.example.org")
    send_daily()
    client.force_login(people.platform_admin)
    page = client.get("/django-admin/notifications/digestrun/").content.decode()
    assert "Daily 2026-11-20" in page
    assert '<td class="field-sent">3</td>' in page
    assert '<td class="field-skipped">1</td>' in page
    assert '<td class="field-failed">0</td>' in page
    for persona in (people.marche_admin, people.cms_editor):
        client.force_login(persona)
        assert client.get("/django-admin/notifications/digestrun/").status_code == 403


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_one_digest_in_each_language_has_its_subject_and_headings(people, day_items,
                                                                  language):
    people.wg3_coordinator.language = language
    people.wg3_coordinator.save()
    send_daily()
    [message] = mail_to("wg3@bsmepa.example.org")
    html = message.alternatives[0][0]
    with translation.override(language):
        subject = capfirst(ngettext("ClusterPoliSEE %(period)s digest: %(count)d new item",
                                    "ClusterPoliSEE %(period)s digest: %(count)d new items",
                                    2) % {"period": digests.period_label("daily"), "count": 2})
        headings = [str(Category.WG_DISCUSSIONS.label), str(Category.CONSULTATIONS.label)]
        hello = translation.gettext("Hello %(name)s,") % {
            "name": people.wg3_coordinator.get_short_name()}
    assert message.subject == subject
    for heading in headings:
        assert f">{heading}</h3>" in html and heading in message.body
    assert hello in message.body and f'lang="{language}"' in html
    if language != "en":
        assert "digest: 2 new items" not in message.subject
        assert "Working-group discussions" not in message.body and "Hello " not in message.body
