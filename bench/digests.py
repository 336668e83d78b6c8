"""Bench: build and send the daily digest for 10,000 users with 50 events each.

Creates a throwaway PostgreSQL database (``bench_<your database>``), seeds it with
bulk_create, then times ``digest_run_prepare`` plus every batch of ``digest_batch_send``
with the locmem e-mail backend, counting the database queries. The database is dropped at
the end. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clusterpolisee \
        .venv/bin/python bench/digests.py [--users 10000] [--events 50]
"""
import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "clusterpolisee.settings.test"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--activities", type=int, default=500,
                        help="distinct activity items the events point at")
    parser.add_argument("--workers", type=int, default=2,
                        help="processes sending batches in parallel (like worker concurrency)")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The bench needs PostgreSQL: set DATABASE_URL.")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATIONS_DIGEST_PAUSE = 0
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = f"bench_{db['NAME']}"

    from django.db import connection

    print(f"creating database {db['TEST']['NAME']} ...", flush=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run_bench(args)
    finally:
        connection.creation.destroy_test_db(db["TEST"]["NAME"], verbosity=0)


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run_bench(args):
    import datetime
    from zoneinfo import ZoneInfo

    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.db import connection

    from clusterpolisee.core.models import Activity, Category, register_activity_verb
    from clusterpolisee.users.models import User
    from notifications import digests
    from notifications.models import Notification
    from partners.models import Country, Membership, Partner
    from workgroups.models import WorkingGroup

    verbs = [("bench.discussed", "started a discussion on", Category.WG_DISCUSSIONS),
             ("bench.consulted", "commented on the consultation", Category.CONSULTATIONS),
             ("bench.matched", "expressed interest in", Category.MATCHMAKING)]
    for verb, label, category in verbs:
        register_activity_verb(verb, label, category)
    day = datetime.date(2026, 11, 20)
    noon = datetime.datetime(2026, 11, 20, 12, tzinfo=ZoneInfo("Europe/Sofia"))

    started = time.perf_counter()
    country = Country.objects.create(iso_code="BG", name="Bulgaria")
    partners = Partner.objects.bulk_create(
        [Partner(name=f"Partner {n}", slug=f"partner-{n}", country=country) for n in range(25)])
    wgs = WorkingGroup.objects.bulk_create(
        [WorkingGroup(code=f"WG{n}", title=f"Theme {n}") for n in range(1, 7)])
    users = User.objects.bulk_create(
        [User(email=f"bench{n}@example.org", full_name=f"Person {n}",
              password=UNUSABLE_PASSWORD_PREFIX, language="bg" if n % 5 == 0 else "en")
         for n in range(args.users)],
        batch_size=5000)
    Membership.objects.bulk_create(
        [Membership(user=u, partner=partners[i % len(partners)]) for i, u in enumerate(users)],
        batch_size=5000)
    activities = Activity.objects.bulk_create([
        Activity(actor=users[n % len(users)], verb=verbs[n % 3][0],
                 working_group=wgs[n % 6] if n % 2 else None,
                 partner=partners[n % len(partners)],
                 visibility=Activity.Visibility.WORKING_GROUP if n % 2 else "partner",
                 target_label=f"Discussion thread number {n}",
                 target_url=f"/workgroups/thread/{n}/", created_at=noon)
        for n in range(args.activities)], batch_size=5000)
    step = max(1, args.activities // args.events)
    batch = []
    for i, user in enumerate(users):
        for k in range(args.events):
            activity = activities[(i + k * step) % len(activities)]
            batch.append(Notification(recipient=user, activity=activity,
                                      category=activity.category, created_at=noon))
        if len(batch) >= 50_000:
            Notification.objects.bulk_create(batch, batch_size=10_000)
            batch = []
    Notification.objects.bulk_create(batch, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seeded = time.perf_counter() - started
    total = Notification.objects.count()
    print(f"seeded {len(users):,} users, {len(activities):,} activities, "
          f"{total:,} notifications in {seeded:.1f} s", flush=True)

    load = os.getloadavg()
    started = time.perf_counter()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        run = digests.digest_run_prepare(period="daily", period_start=day)
    prepared = time.perf_counter() - started
    batches = digests.pending_batches(run)
    # one process per worker, as `celery worker --concurrency N` would run them
    if args.workers == 1:
        results = [send_batches(batches)]
    else:
        connection.close()
        chunks = [batches[i::args.workers] for i in range(args.workers)]
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            results = pool.map(send_batches, chunks)
    elapsed = time.perf_counter() - started
    sent = sum(r["sent"] for r in results)
    queries = counter.count + sum(r["queries"] for r in results)
    size, per_batch = results[0]["first_batch"]
    print(f"daily digest: {sent:,} e-mails built and sent (locmem) in {elapsed:.1f} s "
          f"with {args.workers} worker processes (prepare: {prepared:.1f} s, "
          f"{counter.count} queries)")
    print(f"queries: {queries:,} in total; a batch of {size} digests: {per_batch} "
          f"(5 to build the batch whatever its size + 1 per digest: claim and mark sent)")
    cpu = sum(r["cpu"] for r in results)
    print(f"CPU time of the sending processes: {cpu:.1f} s ({cpu / max(sent, 1) * 1000:.2f} ms "
          f"per digest; PostgreSQL's own time not included); load average before the run: "
          f"{load[0]:.1f}")
    print(f"throughput: {sent / elapsed:,.0f} digests/s, "
          f"{sent * args.events / elapsed:,.0f} items/s on {os.cpu_count()} cores")
    print("target <= 60 s:", "met" if elapsed <= 60 else "NOT met")


def send_batches(batches):
    from django.core import mail
    from django.db import connection

    from notifications import digests

    counter = QueryCounter()
    sent, first = 0, None
    cpu = time.process_time()
    with connection.execute_wrapper(counter):
        for ids in batches:
            before = counter.count
            sent += digests.digest_batch_send(digest_ids=ids).sent
            first = first or (len(ids), counter.count - before)
            mail.outbox.clear()  # keep memory flat; the count is in the result
    connection.close()
    return {"sent": sent, "queries": counter.count, "first_batch": first,
            "cpu": time.process_time() - cpu}


if __name__ == "__main__":
    main()
