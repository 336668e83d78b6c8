"""Add N times the demo data to a seeded database, for bench/pages.py --scale N.

    DJANGO_SETTINGS_MODULE=... python bench/scale_data.py --factor 10

With factor 10: 250 partners (each with an admin and a member), 1,000 practices, 20,000
comments spread over the consultations, and 50,000 activity items of every visibility.
Bulk inserts; deterministic (a fixed random seed).
"""
import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from clusterpolisee.core.models import Activity
    from consultations.models import Comment, Consultation
    from knowledge.bulk import bulk_create_practices
    from knowledge.models import GoodPracticePage, InstrumentType, Theme
    from knowledge.site import ensure_site_tree
    from partners.models import Country, Membership, Partner
    from workgroups.models import OperationalStage, WorkingGroup

    rng = random.Random(42)
    factor = args.factor
    User = get_user_model()
    countries = list(Country.objects.all())
    wgs = list(WorkingGroup.objects.all())
    with transaction.atomic():
        existing = Partner.objects.count()
        new_partners = [Partner(name=f"Scale partner {n}", slug=f"scale-partner-{n}",
                                country=countries[n % len(countries)])
                        for n in range(existing * (factor - 1))]
        Partner.objects.bulk_create(new_partners)
        partners = list(Partner.objects.all())
        users = [User(email=f"scale{n}@bench.example.org", password="!")
                 for n in range(len(new_partners) * 2)]
        User.objects.bulk_create(users)
        users = list(User.objects.filter(email__endswith="@bench.example.org").order_by("pk"))
        Membership.objects.bulk_create([
            Membership(user=user, partner=new_partners[i // 2],
                       role=Membership.Role.ADMIN if i % 2 == 0 else Membership.Role.MEMBER)
            for i, user in enumerate(users)])

        _home, library = ensure_site_tree()
        stages = list(OperationalStage.objects.all())
        themes = list(Theme.objects.all())
        instruments = list(InstrumentType.objects.all())
        have = GoodPracticePage.objects.count()
        target = max(100, have) * factor
        rows = []
        for n in range(target - have):
            partner = partners[n % len(partners)]
            rows.append({
                "title": f"Scaled practice {n}: cluster vouchers and networks",
                "slug": f"scaled-practice-{n}",
                "summary": "A cluster programme that worked for SMEs in the region.",
                "description": "Cluster vouchers, innovation networks and skills. " * 20,
                "visibility": "partners" if n % 7 == 0 else "public",
                "partner": partner, "country": partner.country,
                "stage": stages[n % len(stages)] if stages else None,
                "instrument_type": instruments[n % len(instruments)] if instruments else None,
                "working_groups": rng.sample(wgs, min(2, len(wgs))),
                "themes": rng.sample(themes, min(2, len(themes))),
            })
            if len(rows) == 500:
                bulk_create_practices(library, rows)
                rows = []
        if rows:
            bulk_create_practices(library, rows)

        consultations = list(Consultation.objects.all())
        authors = users[:200] + list(User.objects.exclude(email__endswith="bench.example.org"))
        now = timezone.now()
        comments = [Comment(consultation=consultations[n % len(consultations)],
                            author=authors[n % len(authors)], depth=0,
                            body="We tried this in our region.",
                            body_html="<p>We tried this in our region.</p>", created_at=now)
                    for n in range(2000 * factor)]
        Comment.objects.bulk_create(comments, batch_size=2000)

        visibilities = [choice for choice, _label in Activity.Visibility.choices]
        activities = [Activity(actor=authors[n % len(authors)], verb="document.shared",
                               target_label=f"Scaled item {n}",
                               partner=partners[n % len(partners)],
                               working_group=wgs[n % len(wgs)],
                               visibility=visibilities[n % len(visibilities)],
                               created_at=now)
                      for n in range(5000 * factor)]
        Activity.objects.bulk_create(activities, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"scaled x{factor}: {Partner.objects.count()} partners, "
          f"{GoodPracticePage.objects.count()} practices, {Comment.objects.count()} comments, "
          f"{Activity.objects.count()} activity items")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolisee.settings.production")
    main()
