"""Celery tasks. They take IDs, re-read state and are safe to run twice.

``acks_late`` + ``reject_on_worker_lost``: a message is acknowledged only when its task
finished, so a worker killed mid-batch leaves it to be delivered again; the row locks in
``digests`` make the second delivery send only what the first did not.
"""
import datetime
import logging
import smtplib

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activity_visible_to

from . import digests
from .emails import immediate_message
from .models import BouncingAddress, Notification
from .services import notifications_create_for_activity

logger = logging.getLogger(__name__)

RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": 10 * 60,
    "time_limit": 11 * 60,
}
SMTP_RETRY = {
    "autoretry_for": (smtplib.SMTPException, ConnectionError),
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": digests.MAX_ATTEMPTS,
}


@shared_task(**RELIABLE)
def notify_activity(activity_id: int) -> int:
    activity = (Activity.objects.select_related("working_group", "partner", "target_type")
                .filter(pk=activity_id).first())
    if activity is None:
        return 0
    due = notifications_create_for_activity(activity=activity)
    if due:
        send_immediate_emails.delay_on_commit([n.pk for n in due])
    return len(due)


@shared_task(**RELIABLE, **SMTP_RETRY)
def send_immediate_emails(notification_ids: list[int]) -> int:
    """One e-mail per notification, at most once: ``emailed_at`` is set in the same
    transaction that holds the row lock while sending."""
    sent = 0
    retry = False
    connection = get_connection()
    try:
        for pk in notification_ids:
            with transaction.atomic():
                notification = (Notification.objects
                                .select_for_update(skip_locked=True, of=("self",))
                                .select_related("recipient", "recipient__membership",
                                                "activity", "activity__actor")
                                .filter(pk=pk, emailed_at__isnull=True).first())
                if notification is None:
                    continue
                user = notification.recipient
                if (not user.email or not user.is_active or BouncingAddress.objects.filter(
                        email=user.email.lower()).exists()):
                    logger.warning("immediate e-mail %s skipped: no usable address", pk)
                    continue
                if not activity_visible_to(user, notification.activity):
                    # access lost (or the target hidden) since the fan-out: say nothing
                    logger.info("immediate e-mail %s skipped: no longer visible", pk)
                    continue
                message = immediate_message(user=user, notification=notification)
                message.connection = connection
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused as exc:
                    BouncingAddress.objects.get_or_create(email=user.email.lower(),
                                                          defaults={"reason": str(exc)[:255]})
                    continue
                except (smtplib.SMTPException, OSError):
                    logger.warning("immediate e-mail %s: temporary error", pk, exc_info=True)
                    retry = True
                    continue
                Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())
                sent += 1
    finally:
        connection.close()
    if retry:
        raise smtplib.SMTPException("some e-mails hit a temporary error")
    return sent


@shared_task(**RELIABLE)
def start_digest_run(period: str, period_start: str) -> int:
    """Record the run and its digests, then queue a batch task per 200 waiting digests.

    Calling it again for the same period (a second beat, a re-run after a crash) queues
    only the digests still waiting.
    """
    run = digests.digest_run_prepare(period=period,
                                     period_start=datetime.date.fromisoformat(period_start))
    batches = digests.pending_batches(run)
    for batch in batches:
        send_digest_batch.delay_on_commit(batch)
    logger.info("%s: %s batches queued", run, len(batches))
    return run.pk


@shared_task(bind=True, **RELIABLE, **SMTP_RETRY)
def send_digest_batch(self, digest_ids: list[int]) -> dict:
    result = digests.digest_batch_send(digest_ids=digest_ids)
    if result.retry_later:
        # retried with exponential backoff; only the digests still waiting are sent again
        raise digests.TransientSendError(f"{len(result.retry_later)} digests to retry")
    return {"sent": result.sent, "skipped": result.skipped, "failed": result.failed}


@shared_task(**RELIABLE)
def send_due_digests(period: str) -> int:
    """What celery beat calls: the digest of the last complete day or week."""
    start = digests.last_complete_period(period)
    return start_digest_run(period, start.isoformat())
