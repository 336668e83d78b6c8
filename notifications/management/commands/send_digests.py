"""Send (or, with --dry-run, list) the daily or weekly digests of a period.

Runs in this process, so it works with eager Celery (`make run`) and from cron alike; the
digest rows make it safe to run again or next to celery beat.
"""
import datetime

from django.core.management.base import BaseCommand, CommandError

from notifications import digests
from notifications.models import Period


class ProgressBar:
    def __init__(self, total: int, stream, width: int = 40):
        self.total, self.stream, self.width, self.done = total, stream, width, 0

    def __call__(self, step: int = 1):
        self.done += step
        filled = int(self.width * self.done / self.total) if self.total else self.width
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{self.done}/{self.total}", ending="")
        self.stream.flush()

    def close(self):
        self.stream.write("")


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests of the last complete period."

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=Period.values, required=True)
        parser.add_argument("--date", help="First day of the period (YYYY-MM-DD); default: "
                                           "yesterday, or Monday of last week.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Show who would get a digest; change and send nothing.")
        parser.add_argument("--batch-size", type=int, default=digests.BATCH_SIZE)

    def handle(self, *args, period, date, dry_run, batch_size, **options):
        try:
            start = (datetime.date.fromisoformat(date) if date
                     else digests.last_complete_period(period))
        except ValueError as exc:
            raise CommandError(f"--date must look like 2026-11-20: {exc}") from exc
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if dry_run:
            return self._dry_run(period, start)
        run = digests.digest_run_prepare(period=period, period_start=start)
        batches = digests.pending_batches(run, batch_size)
        total = sum(len(batch) for batch in batches)
        self.stdout.write(f"{run}: {total} digests to send")
        progress = ProgressBar(total, self.stderr)
        result = digests.BatchResult()
        for batch in batches:
            result.add(digests.digest_batch_send(digest_ids=batch, on_progress=progress))
        progress.close()
        self.stdout.write(self.style.SUCCESS(
            f"sent {result.sent}, skipped {result.skipped}, failed {result.failed}, "
            f"to retry {len(result.retry_later)}"))

    def _dry_run(self, period, start):
        from django.contrib.auth import get_user_model

        candidates = digests.digest_candidates(period=period, period_start=start)
        already = set(digests.Digest.objects.filter(period=period, period_start=start)
                      .exclude(status=digests.Digest.Status.PENDING)
                      .values_list("user_id", flat=True))
        users = get_user_model().objects.in_bulk(list(candidates))
        todo = [pk for pk in candidates if pk not in already]
        self.stdout.write(f"Dry run: {period} digest from {start:%Y-%m-%d} would go to "
                          f"{len(todo)} people ({len(already)} already handled).")
        for pk in sorted(todo, key=lambda pk: users[pk].email):
            self.stdout.write(f"  {users[pk].email}: {candidates[pk]} items")
