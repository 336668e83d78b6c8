"""Render a consultation thread of 500 comments and report p95 and the query count.

    .venv/bin/python bench/consultation_thread.py [--comments 500] [--runs 60]

The thread is paged (20 top-level comments with their replies): it times the first page,
a later page asked for by htmx ("Load more comments", the fragment only) and a link to a
comment deep in the thread (``?comment=``, which finds its page).

Uses the test settings against PostgreSQL (DATABASE_URL), in a throw-away database
``bench_<name>`` that is created and dropped here. The issue's target: p95 < 100 ms.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolisee.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = f"bench_{db['NAME']}"
    # no setup_test_environment(): its template instrumentation would slow every render
    from django.test.utils import setup_databases, teardown_databases

    config = setup_databases(verbosity=0, interactive=False)
    try:
        run(args)
    finally:
        teardown_databases(config, verbosity=0)


def seed(n_comments):
    from consultations.models import Comment, Reaction
    from tests.factories import ConsultationFactory, Personas, UserFactory, stakeholder

    people = Personas()
    authors = [people.marche_member, people.veneto_member, people.bsmepa_member,
               *[stakeholder(email=f"s{i}@bench.example.org") for i in range(10)],
               *[UserFactory() for _ in range(3)]]
    consultation = ConsultationFactory(owner=people.wg3_coordinator, working_group=people.wg3,
                                       audience="stakeholders",
                                       rating_question="Clusters need a seat on the S3 board.")
    text = ("<p>Our region has tried <strong>cluster vouchers</strong> for three years; "
            "the uptake was good among SMEs, less so among research centres.</p>")
    comments, parents = [], {0: None, 1: None}
    for i in range(n_comments):
        depth = [0, 1, 2, 1, 2][i % 5]
        parent = parents.get(depth - 1) if depth else None
        comment = Comment.objects.create(
            consultation=consultation, author=authors[i % len(authors)], body=text,
            body_html=text, parent=parent, depth=depth if parent or depth == 0 else 0)
        parents[comment.depth] = comment
        comments.append(comment)
    Reaction.objects.bulk_create([
        Reaction(comment=c, user=authors[(i + j + 1) % len(authors)],
                 kind="agree" if j % 2 == 0 else "disagree")
        for i, c in enumerate(comments) for j in range(i % 3)])
    return consultation, authors[3]


def run(args):
    from django.db import connection
    from django.test import Client

    consultation, reader = seed(args.comments)
    client = Client()
    client.force_login(reader)
    url = consultation.get_absolute_url()
    last = consultation.comments.order_by("-created_at", "-id").first()
    requests = {"first page": ({}, {}), "page 3 by htmx": ({"page": 3}, {"HX-Request": "true"}),
                "link to the last comment": ({"comment": last.pk}, {})}
    for name, (params, headers) in requests.items():
        for _ in range(5):
            assert client.get(url, params, headers=headers).status_code == 200
        queries = []  # the test client's request_started resets connection.queries

        def count(run_sql, sql, *rest, queries=queries):
            queries.append(sql)
            return run_sql(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(url, params, headers=headers)
        shown = response.content.decode().count('class="comment ')
        timings, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url, params, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        timings.sort()
        cpu.sort()
        p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
        print(f"consultation thread, {name}: {args.comments} comments ({shown} rendered), "
              f"{len(response.content) // 1024} KiB of HTML, database {connection.vendor}")
        print(f"  queries per request: {len(queries)}")
        print(f"  runs: {args.runs}  p50: {statistics.median(timings):.1f} ms  "
              f"p95: {p95:.1f} ms  max: {timings[-1]:.1f} ms")
        cpu_p95 = cpu[max(0, int(round(0.95 * len(cpu))) - 1)]
        print(f"  Django process CPU per request: p50 {statistics.median(cpu):.1f} ms  "
              f"p95 {cpu_p95:.1f} ms (excludes PostgreSQL and time spent waiting for a CPU)")
        print("  target p95 < 100 ms:", "met" if p95 < 100 else "NOT met")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average (1, 5, 15 min) after measuring: {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
