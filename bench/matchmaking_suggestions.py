"""Suggestions for one opportunity among 5,000: p95 must stay under 200 ms.

Run: .venv/bin/python bench/matchmaking_suggestions.py  (PostgreSQL, from DATABASE_URL)

It creates a throw-away database ``bench_<name>`` next to the configured one, migrates it,
seeds 5,000 published opportunities from 25 partners in 11 countries and from 40 stakeholder
organisations (a tenth of them, a few withdrawn from the user group; random sectors, target
countries and text), then times ``suggested_opportunities`` + ``suggested_profiles`` for
random opportunities, and drops the database.
"""
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolisee.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

N_OPPORTUNITIES = int(os.environ.get("BENCH_OPPORTUNITIES", 5000))
N_RUNS = int(os.environ.get("BENCH_RUNS", 200))
VOCABULARY = ("cluster smart manufacturing furniture robotics sensors data platform tourism "
         "agri-food traceability wine olive automotive mechatronics logistics port energy "
         "renewable solar biomass textile fashion design ICT software cloud cybersecurity "
         "health biotech pharmaceutical medical devices export market access internationalisation "
         "training skills incubator accelerator funding Horizon Interreg pilot policy peer visit "
         "innovation voucher SMEs digital hub microelectronics space materials packaging "
         "circular economy water waste construction wood creative industries")
WORDS = VOCABULARY.split()


def seed(rng):
    from matchmaking.models import Opportunity, Profile, Sector
    from partners.models import Country, Partner

    countries = [Country.objects.create(iso_code=code, name=f"Country {code}")
                 for code in ["IT", "AT", "BG", "GR", "HU", "RO", "SK", "SI", "AL", "HR", "RS"]]
    partners = [Partner.objects.create(name=f"Partner {i}", slug=f"partner-{i}",
                                       country=countries[i % len(countries)])
                for i in range(25)]
    from clusterpolisee.users.models import StakeholderProfile, User

    sectors = list(Sector.objects.all())
    for partner in partners:
        profile = Profile.objects.create(partner=partner, country=partner.country,
                                         offers=" ".join(rng.sample(WORDS, 12)),
                                         seeks=" ".join(rng.sample(WORDS, 12)))
        profile.sectors.set(rng.sample(sectors, 3))
    # stakeholder organisations: (user, organisation, country); every eighth one withdrawn
    outsiders = []
    for i in range(40):
        user = User.objects.create(email=f"stakeholder{i}@bench.example.org")
        country = countries[i % len(countries)]
        StakeholderProfile.objects.create(
            user=user, organisation=f"Cluster association {i}", country=country,
            terms_accepted_at=timezone.now(),
            state="declined" if i % 8 == 7 else "approved")
        profile = Profile.objects.create(organisation_name=f"Cluster association {i}",
                                         country=country, owner=user,
                                         offers=" ".join(rng.sample(WORDS, 12)),
                                         seeks=" ".join(rng.sample(WORDS, 12)))
        profile.sectors.set(rng.sample(sectors, 2))
        outsiders.append((user, profile.organisation_name, country))
    now = timezone.now()
    rows = []
    for n in range(N_OPPORTUNITIES):
        if n % 10 == 9:
            user, organisation, country = rng.choice(outsiders)
            owner = {"organisation_name": organisation, "country_id": country.pk,
                     "created_by": user}
        else:
            partner = rng.choice(partners)
            owner = {"partner": partner, "country_id": partner.country_id}
        rows.append(Opportunity(
            **owner, status="published",
            direction=rng.choice(["offer", "request"]),
            kind=rng.choice(Opportunity.Kind.values), title=" ".join(rng.sample(WORDS, 5)),
            description=" ".join(rng.choices(WORDS, k=60)), published_at=now))
    opportunities = Opportunity.objects.bulk_create(rows, batch_size=1000)
    sector_links, country_links = [], []
    for o in opportunities:
        for s in rng.sample(sectors, rng.randint(1, 3)):
            sector_links.append(Opportunity.sectors.through(opportunity_id=o.pk, sector_id=s.pk))
        for c in rng.sample(countries, rng.randint(0, 3)):
            country_links.append(Opportunity.target_countries.through(opportunity_id=o.pk,
                                                                      country_id=c.pk))
    Opportunity.sectors.through.objects.bulk_create(sector_links, batch_size=5000)
    Opportunity.target_countries.through.objects.bulk_create(country_links, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE matchmaking_opportunity SET search = "
                       "setweight(to_tsvector('english', title), 'A') || "
                       "setweight(to_tsvector('english', description), 'B')")
        cursor.execute("ANALYZE")
    return opportunities


def main():
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL (set DATABASE_URL).")
    from matchmaking import selectors
    from matchmaking.models import Opportunity

    name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"]["TEST"]["NAME"] = f"bench_{name}"
    keep = os.environ.get("BENCH_KEEPDB") == "1"  # re-use the seeded database between runs
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        rng = random.Random(8)
        started = time.perf_counter()
        opportunities = list(Opportunity.objects.all()) if keep and Opportunity.objects.exists(
        ) else seed(rng)
        print(f"seeded {Opportunity.objects.count()} opportunities in "
              f"{time.perf_counter() - started:.1f} s")
        samples = []
        for _ in range(N_RUNS):
            source = Opportunity.objects.get(pk=rng.choice(opportunities).pk)
            t0 = time.perf_counter()
            found = selectors.suggested_opportunities(source)
            profiles = selectors.suggested_profiles(source)
            samples.append((time.perf_counter() - t0) * 1000)
            assert found and all(s.item.country_id != source.country_id for s in found)
            assert all(p.item.country_id != source.country_id for p in profiles)
        samples.sort()
        p95 = samples[int(len(samples) * 0.95) - 1]
        print(f"suggestions for one opportunity among {N_OPPORTUNITIES} ({N_RUNS} runs): "
              f"p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, "
              f"max {samples[-1]:.1f} ms (target p95 < 200 ms)")
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("PASS" if p95 < 200 else "FAIL")
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
