"""Library search speed: p95 of /library/ full-text searches with facets over 10,000
practices on PostgreSQL (target <= 50 ms; aim for 40 ms on a busy machine).

    DATABASE_URL=postgres://... .venv/bin/python bench/library_search.py [--practices N]

Creates its own throw-away database (``bench_<name>``), loads N practices in bulk (which
fills their full-text column, see knowledge.fulltext), then times the library view (the
whole request through Django's test client: the search on the GIN-indexed tsvector, one
query for the count and the five facets, the ranked page of 20, rendering) for a mix of
queries and facets (the client without the test environment's template instrumentation,
which production does not have). It prints the wall time, the process's own CPU time per
request (the part that does not wait for PostgreSQL; less sensitive to other work on the
machine) and the load average before and after, to judge how busy the machine was.
"""
import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolisee.settings.test")
# Its own cache keys: Wagtail caches site root paths, which must not leak into a test run
# sharing the same Redis.
os.environ["CACHE_KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "cps") + "-bench"

import django  # noqa: E402

WORDS = ["cluster", "innovation", "voucher", "export", "network", "energy", "skills",
         "finance", "tourism", "automotive", "furniture", "food", "university", "laboratory",
         "training", "guarantee", "region", "strategy", "specialisation", "green", "digital",
         "mentoring", "brokerage", "incubator"]
QUERIES = [{"q": "innovation"}, {"q": "voucher laboratory"}, {"q": "energy", "wg": "WG2"},
           {"q": "cluster", "sort": "date"}, {"q": "training", "country": "IT"},
           {"q": "finance guarantee", "theme": "access-to-finance"}, {"wg": "WG3"},
           {"q": "network", "instrument": "network"}, {}]


def load(count):
    from knowledge.bulk import bulk_create_practices
    from knowledge.models import InstrumentType, Theme
    from knowledge.site import ensure_site_tree
    from partners.models import Country, Partner
    from workgroups.models import OperationalStage, WorkingGroup

    _home, library = ensure_site_tree()
    countries = [Country.objects.get_or_create(iso_code=code, defaults={"name": name})[0]
                 for code, name in [("IT", "Italy"), ("BG", "Bulgaria"), ("GR", "Greece"),
                                    ("RO", "Romania"), ("SI", "Slovenia"), ("AT", "Austria")]]
    partners = [Partner.objects.get_or_create(slug=f"bench-{n}", defaults={
        "name": f"Bench partner {n}", "country": countries[n % len(countries)]})[0]
        for n in range(12)]
    wgs = [WorkingGroup.objects.get_or_create(code=f"WG{n}", defaults={"title": f"WG {n}"})[0]
           for n in range(1, 7)]
    stages = [OperationalStage.objects.get_or_create(number=n, defaults={"title": f"S{n}"})[0]
              for n in (1, 2)]
    themes = [Theme.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
              for slug in ("access-to-finance", "green-economy", "internationalisation",
                           "skills", "smart-specialisation")]
    instruments = [InstrumentType.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
                   for slug in ("grant", "network", "voucher", "advisory")]
    rng = random.Random(42)
    # Realistic text: mostly words from a large vocabulary, a few domain words each.
    filler = [f"w{n:04d}x" for n in range(5000)]
    batch = []
    for n in range(count):
        partner = partners[n % len(partners)]
        words = " ".join(rng.choice(WORDS) if rng.random() < 0.05 else rng.choice(filler)
                         for _ in range(80))
        batch.append({
            "title": f"Practice {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
            "slug": f"bench-practice-{n}",
            "summary": words[:400], "description": words,
            "visibility": "partners" if n % 7 == 0 else "public",
            "partner": partner, "country": partner.country,
            "stage": stages[n % 2], "instrument_type": instruments[n % 4],
            "working_groups": rng.sample(wgs, 2), "themes": rng.sample(themes, 2),
        })
        if len(batch) == 1000:
            bulk_create_practices(library, batch)
            batch = []
    if batch:
        bulk_create_practices(library, batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(rounds, *, cold):
    """Each query of QUERIES ``rounds`` times; ``cold`` clears the library's cache of
    answers before every request, so each one computes its count, page and facets."""
    from django.test import Client

    from knowledge.library_cache import library_cache_clear

    client = Client()
    timings, cpu, by_query = [], [], {}
    for _ in range(2):  # warm caches and connections
        client.get("/library/", {"q": "cluster"})
    for _ in range(rounds):
        for params in QUERIES:
            if cold:
                library_cache_clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get("/library/", params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            by_query.setdefault(str(params), []).append(timings[-1])
            assert response.status_code == 200, response.status_code
    return timings, cpu, by_query


def p95(values):
    return sorted(values)[int(len(values) * 0.95) - 1]


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL (set DATABASE_URL).")
    connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    # No setup_test_environment(): it makes every template render send a signal that
    # the test client answers by copying the whole context, a test-only cost that was a
    # third of the process's CPU time per request here. DEBUG is off in these settings.
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        load(args.practices)
        print(f"loaded and indexed {args.practices} practices in "
              f"{time.perf_counter() - started:.1f} s")
        load_before = load_average()
        for cold, title in ((True, "computed: the library's answer cache cleared before "
                                   "every request"),
                            (False, "repeated: the same questions again, answers from the "
                                    "library's cache")):
            timings, cpu, by_query = measure(args.rounds, cold=cold)
            print(f"{len(timings)} library searches (full text + facets) over "
                  f"{args.practices} practices, {title}")
            print(f"  median {statistics.median(timings):.1f} ms, p95 {p95(timings):.1f} ms, "
                  f"max {max(timings):.1f} ms (target p95 <= 50 ms)")
            print(f"  process CPU per request: median {statistics.median(cpu):.1f} ms, "
                  f"p95 {p95(cpu):.1f} ms")
            for params, values in sorted(by_query.items(), key=lambda item: -p95(item[1])):
                print(f"    {params}: median {statistics.median(values):.1f} ms, "
                      f"p95 {p95(values):.1f} ms")
        print(f"load average (1, 5, 15 min) before {load_before}, after {load_average()} "
              f"on {os.cpu_count()} CPUs")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
