"""Exactly once with a real Celery worker on the local Redis (not eager).

Each test starts ``celery -A clusterpolisee worker`` as a subprocess on its own Redis DB
and queue, pointed at the test database, with the file-based e-mail backend writing into a
temporary directory (the locmem outbox would live in the worker's memory). The tests then
count the e-mails each person got.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

from clusterpolisee.core.models import Activity
from notifications.models import Digest, Notification
from tests.factories import PartnerFactory, staff

from .conftest import DAY, IN_DAY

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
BROKER = os.environ.get("CELERY_WORKER_TEST_BROKER_URL", "redis://127.0.0.1:6379/9")
CELERY = str(Path(sys.executable).with_name("celery"))
START_RUN = "notifications.tasks.start_digest_run"


class Worker:
    def __init__(self, *, queue, mail_dir, log_path, concurrency=2, pause=0.0):
        db = settings.DATABASES["default"]
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clusterpolisee.settings.test",
            "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:"
                            f"{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TEST_BROKER_URL": BROKER,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            # a killed worker's unacknowledged messages come back after 3 s, not an hour
            "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps({
                "visibility_timeout": 3, "unacked_restore_interval": 1,
                "unacked_restore_throttle": 1}),
            "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "TEST_EMAIL_FILE_PATH": str(mail_dir),
            "NOTIFICATIONS_DIGEST_PAUSE": str(pause),
        }
        self.log_path = log_path
        self.log = open(log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [CELERY, "-A", "clusterpolisee", "worker", "-Q", queue, "-c", str(concurrency),
             "-n", f"{queue}-{uuid.uuid4().hex[:6]}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "INFO"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: " ready." in log_path.read_text(), 60, "the worker to start")

    def kill(self):
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if not self.log.closed:
            self.log.close()

    def count(self, pattern):
        return len(re.findall(pattern, self.log_path.read_text()))


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def mails_per_person(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in mail_dir.glob("*.log"):
        for address in re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE):
            counts[address] = counts.get(address, 0) + 1
    return counts


@pytest.fixture
def queue():
    name = f"cps-notifications-test-{uuid.uuid4().hex[:8]}"
    yield name
    # not the current app: shared tasks called later in this process must stay eager
    client = Celery(broker=BROKER, set_as_current=False)
    with client.connection_for_write() as connection:
        connection.default_channel.client.delete(name)


@pytest.fixture
def sender(queue):
    # not the current app: shared tasks called later in this process must stay eager
    client = Celery(broker=BROKER, set_as_current=False)

    def send(period="daily", start=DAY):
        client.send_task(START_RUN, args=[period, start.isoformat()], queue=queue)
    yield send
    client.close()


@pytest.fixture
def workers(tmp_path, queue):
    started = []

    def start(**kwargs):
        worker = Worker(queue=queue, mail_dir=tmp_path / "mail", log_path=tmp_path /
                        f"worker-{len(started)}.log", **kwargs)
        started.append(worker)
        return worker
    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def recipients(db):
    """Six partner staff, each with two unread items of the day in a daily category."""
    partner = PartnerFactory()
    people = [staff(partner, email=f"worker-test-{n}@example.org") for n in range(6)]
    actor = staff(partner, email="actor@example.org")
    for n in range(2):
        activity = Activity.objects.create(actor=actor, verb="test.discussed", partner=partner,
                                           target_label=f"Item {n}", created_at=IN_DAY)
        Notification.objects.bulk_create(
            [Notification(recipient=user, activity=activity, category="wg_discussions",
                          created_at=IN_DAY) for user in people], ignore_conflicts=True)
    return [user.email for user in people]


def all_sent(emails):
    return Digest.objects.filter(user__email__in=emails, status="sent").count() == len(emails)


def test_real_worker_running_the_same_period_twice_sends_one_mail(
        tmp_path, workers, sender, recipients):
    worker = workers()
    sender()
    wait_for(lambda: all_sent(recipients), 30, "the first run")
    sender()
    wait_for(lambda: worker.count(r"start_digest_run\[[^\]]+\] succeeded") == 2, 20,
             "the second run")
    time.sleep(0.5)
    assert mails_per_person(tmp_path / "mail") == dict.fromkeys(recipients, 1)


def test_real_worker_two_runs_at_once_send_one_mail_per_person(
        tmp_path, workers, sender, recipients):
    worker = workers(concurrency=2, pause=0.2)
    sender()
    sender()  # two beat schedulers firing at the same moment
    wait_for(lambda: all_sent(recipients), 30, "the digests")
    wait_for(lambda: worker.count(r"start_digest_run\[[^\]]+\] succeeded") == 2, 20,
             "both runs")
    # every batch task either run queued has finished (each run queues the rows it found
    # waiting, so usually both queue the same batch and race for its rows)
    wait_for(lambda: worker.count(r"send_digest_batch\[[^\]]+\] succeeded")
             == worker.count(r"send_digest_batch\[[^\]]+\] received"), 20, "the batch tasks")
    assert mails_per_person(tmp_path / "mail") == dict.fromkeys(recipients, 1)


def test_real_worker_killed_mid_batch_and_restarted_sends_each_person_once(
        tmp_path, workers, sender, recipients):
    first = workers(concurrency=1, pause=1.0)
    sender()
    wait_for(lambda: sum(mails_per_person(tmp_path / "mail").values()) >= 2, 30,
             "the first mails")
    first.kill()
    sent_before = Digest.objects.filter(user__email__in=recipients, status="sent").count()
    assert 2 <= sent_before < len(recipients), "the worker should die mid-batch"
    workers(concurrency=1)  # restarted: the unacknowledged batch is delivered again
    wait_for(lambda: all_sent(recipients), 40, "the rest after the restart")
    time.sleep(0.5)
    assert mails_per_person(tmp_path / "mail") == dict.fromkeys(recipients, 1)
