"""Daily and weekly digests, sent exactly once per user and period.

1. ``digest_run_prepare`` records the run and one ``Digest`` row per recipient *before*
   anything is sent. The unique constraint on (user, period, period_start) means a second
   run of the same period, or two beat schedulers firing at once, cannot add a second row.
2. ``digest_batch_send`` handles a batch of rows. It builds every digest of the batch with
   a fixed number of queries, then, per digest and in one transaction, claims the row if it
   is still waiting and marks it sent (one ``UPDATE`` over ``SELECT ... FOR UPDATE SKIP
   LOCKED``), hands the e-mail over, and commits. A concurrent worker skips a row that is
   being sent and finds it sent afterwards; an SMTP error, or a worker killed mid-send,
   rolls the claim back, so the row waits again and the redelivered task (``acks_late``)
   sends it once.
"""
import datetime
import logging
import smtplib
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.users.zones import in_locale_of

from .emails import digest_message
from .models import BouncingAddress, Digest, DigestRun, Notification, Period
from .preferences import channels_for_users

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ATTEMPTS = 5


class TransientSendError(smtplib.SMTPException):
    """Some digests of a batch hit a temporary SMTP error; the task retries the batch."""


def period_bounds(period: str, start: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes in the platform's time zone, [start, end)."""
    days = 7 if period == Period.WEEKLY else 1
    tz = timezone.get_default_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(start + datetime.timedelta(days=days), datetime.time.min,
                                    tzinfo=tz)
    return begin, end


def last_complete_period(period: str, now: datetime.datetime | None = None) -> datetime.date:
    """Yesterday for daily digests; the Monday of last week for weekly ones."""
    today = timezone.localdate(now or timezone.now())
    if period == Period.WEEKLY:
        this_monday = today - datetime.timedelta(days=today.weekday())
        return this_monday - datetime.timedelta(days=7)
    return today - datetime.timedelta(days=1)


def period_label(period: str) -> str:
    return str(Period(period).label).lower()


def digest_candidates(*, period: str, period_start: datetime.date) -> dict[int, int]:
    """{user_id: number of items} for users with unread items of this period's channel."""
    begin, end = period_bounds(period, period_start)
    rows = (Notification.objects
            .filter(created_at__gte=begin, created_at__lt=end, read_at__isnull=True)
            .values_list("recipient_id", "category").annotate(n=Count("id")).order_by())
    per_user = defaultdict(list)
    for user_id, category, n in rows:
        per_user[user_id].append((category, n))
    channels = channels_for_users(per_user)
    candidates = {}
    for user_id, items in per_user.items():
        total = sum(n for category, n in items if channels[user_id][category] == period)
        if total:
            candidates[user_id] = total
    return candidates


def digest_run_prepare(*, period: str, period_start: datetime.date) -> DigestRun:
    """Record the run and a waiting ``Digest`` for every recipient; safe to call again."""
    if period not in Period.values:
        raise ValueError(f"Unknown digest period {period!r}.")
    run, _ = DigestRun.objects.get_or_create(period=period, period_start=period_start)
    candidates = digest_candidates(period=period, period_start=period_start)
    Digest.objects.bulk_create(
        [Digest(run=run, user_id=user_id, period=period, period_start=period_start,
                item_count=n) for user_id, n in candidates.items()],
        ignore_conflicts=True, batch_size=2000,
    )
    if run.prepared_at is None:
        DigestRun.objects.filter(pk=run.pk, prepared_at__isnull=True).update(
            prepared_at=timezone.now())
    return run


def pending_batches(run: DigestRun, size: int = BATCH_SIZE) -> list[list[int]]:
    ids = list(run.digests.filter(status=Digest.Status.PENDING).order_by("pk")
               .values_list("pk", flat=True))
    return [ids[i:i + size] for i in range(0, len(ids), size)]


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a digest: what happened, and the category it is filed under."""

    activity: Activity
    category: str


@dataclass
class BatchResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retry_later: list[int] = field(default_factory=list)

    def add(self, other: "BatchResult"):
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed += other.failed
        self.retry_later += other.retry_later


def _load_batch(digest_ids):
    """Everything the batch needs, in a fixed number of queries whatever its size."""
    digests = list(Digest.objects.filter(pk__in=digest_ids, status=Digest.Status.PENDING)
                   .select_related("user", "user__membership__partner__country",
                                   "user__stakeholder_profile__country").order_by("pk"))
    if not digests:
        return [], {}, {}, set()
    users = {d.user_id: d.user for d in digests}
    channels = channels_for_users(users)
    emails = [u.email.lower() for u in users.values() if u.email]
    bouncing = set(BouncingAddress.objects.filter(email__in=emails)
                   .values_list("email", flat=True))
    windows = defaultdict(list)
    for digest in digests:
        windows[(digest.period, digest.period_start)].append(digest.user_id)
    condition = Q()
    for (period, start), user_ids in windows.items():
        begin, end = period_bounds(period, start)
        condition |= Q(recipient_id__in=user_ids, created_at__gte=begin, created_at__lt=end)
    # plain tuples for the many rows, model instances only for the few distinct activities
    rows = list(Notification.objects.filter(condition, read_at__isnull=True)
                .order_by("recipient_id", "created_at", "id")
                .values_list("recipient_id", "activity_id", "category"))
    activities = Activity.objects.select_related("actor", "working_group", "target_type") \
        .in_bulk({activity_id for _user, activity_id, _category in rows})
    items = defaultdict(list)
    for user_id, activity_id, category in rows:
        items[user_id].append(Item(activities[activity_id], category))
    return digests, channels, items, bouncing


def _finish(digest: Digest, status: str, reason: str = "", **extra) -> bool:
    """Record how a waiting digest ended; False if another worker already finished it."""
    return bool(Digest.objects.filter(pk=digest.pk, status=Digest.Status.PENDING)
                .update(status=status, reason=reason[:255], **extra))


# Claim a waiting digest and mark it sent in one statement. The row lock it takes is held
# until the transaction ends, i.e. until the e-mail has been handed over; a row another
# worker is sending is skipped (SKIP LOCKED), and a rollback leaves it waiting.
CLAIM_SQL = """
    UPDATE notifications_digest
       SET status = %s, sent_at = %s, attempts = attempts + 1, item_count = %s, reason = ''
     WHERE id = (SELECT id FROM notifications_digest
                  WHERE id = %s AND status = %s
                    {lock})
    RETURNING attempts
"""


def _claim_sql() -> str:
    # SQLite (`make run`) has no row locks: it lets one writer in at a time anyway
    skip_locked = db_connection.features.has_select_for_update_skip_locked
    return CLAIM_SQL.format(lock="FOR UPDATE SKIP LOCKED" if skip_locked else "")


def digest_batch_send(*, digest_ids, pause: float | None = None,
                      on_progress: Callable[[int], None] | None = None) -> BatchResult:
    """Send the waiting digests among ``digest_ids``; see the module docstring."""
    pause = getattr(settings, "NOTIFICATIONS_DIGEST_PAUSE", 0) if pause is None else pause
    result = BatchResult()
    digests, channels, items, bouncing = _load_batch(digest_ids)
    connection = get_connection(fail_silently=False)
    try:
        for digest in digests:
            _send_one(digest, channels, items, bouncing, connection, pause, result)
            if on_progress:
                on_progress(1)
    finally:
        connection.close()
    return result


class _SendFailed(Exception):
    """Raised inside the claim transaction to roll the claim back."""

    def __init__(self, error, attempts):
        self.error, self.attempts = error, attempts


def _skip(digest, result, reason, **extra):
    if _finish(digest, Digest.Status.SKIPPED, reason, **extra):
        result.skipped += 1


def _send_one(digest, channels, items, bouncing, connection, pause, result):
    user = digest.user
    if not user.is_active or not user.email:
        logger.warning("digest %s skipped: user %s has no usable e-mail", digest.pk, user.pk)
        return _skip(digest, result, "no e-mail address")
    if user.email.lower() in bouncing:
        logger.warning("digest %s skipped: %s is bouncing", digest.pk, user.email)
        return _skip(digest, result, "address is bouncing")
    wanted = [n for n in items.get(user.pk, ())
              if channels[user.pk].get(n.category) == digest.period]
    if wanted:
        # access is checked again at delivery, not at fan-out: one query per digest
        visible = set(activities_visible_to(user).filter(
            pk__in={n.activity.pk for n in wanted}).values_list("pk", flat=True))
        wanted = [n for n in wanted if n.activity.pk in visible]
    if not wanted:
        return _skip(digest, result, "nothing to send", item_count=0)
    try:
        with in_locale_of(user):
            label = period_label(digest.period)
        message = digest_message(user=user, period=digest.period,
                                 period_start=digest.period_start, period_label=label,
                                 notifications=wanted,
                                 categories=sorted({n.category for n in wanted}))
    except Exception as exc:  # a broken template must not stop the other digests
        logger.exception("digest %s could not be rendered", digest.pk)
        if _finish(digest, Digest.Status.FAILED, f"rendering failed: {exc}",
                   attempts=F("attempts") + 1):
            result.failed += 1
        return
    message.connection = connection
    try:
        with transaction.atomic(), db_connection.cursor() as cursor:
            cursor.execute(_claim_sql(), [Digest.Status.SENT, timezone.now(), len(wanted),
                                       digest.pk, Digest.Status.PENDING])
            claimed = cursor.fetchone()
            if claimed is None:
                return  # being sent by another worker, or already done
            if pause:
                time.sleep(pause)  # tests widen the window in which a worker can be killed
            try:
                message.send()
            except (smtplib.SMTPException, OSError) as exc:
                raise _SendFailed(exc, claimed[0]) from exc
    except _SendFailed as failure:
        _record_send_failure(digest, user, failure.error, failure.attempts, result)
        return
    result.sent += 1


def _record_send_failure(digest, user, exc, attempts, result):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        logger.warning("digest %s: %s refused, marked as bouncing", digest.pk, user.email)
        BouncingAddress.objects.get_or_create(email=user.email.lower(),
                                              defaults={"reason": str(exc)[:255]})
        if _finish(digest, Digest.Status.SKIPPED, "address refused", attempts=attempts):
            result.skipped += 1
    elif attempts >= MAX_ATTEMPTS:
        logger.error("digest %s failed after %s attempts: %s", digest.pk, attempts, exc)
        if _finish(digest, Digest.Status.FAILED, f"sending failed: {exc}", attempts=attempts):
            result.failed += 1
    else:
        logger.warning("digest %s: temporary error, will retry: %s", digest.pk, exc)
        Digest.objects.filter(pk=digest.pk, status=Digest.Status.PENDING).update(
            attempts=attempts, reason=str(exc)[:255])
        result.retry_later.append(digest.pk)


def digest_run_counts(run: DigestRun) -> dict[str, int]:
    counts = dict(run.digests.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in Digest.Status.values}
