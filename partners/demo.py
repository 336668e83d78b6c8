"""Seed the partnership from partners/data/partnership.json, and partner staff accounts."""
from pathlib import Path

from clusterpolisee.core.demo import load_data

from .models import Country, Membership, Partner

DATA = Path(__file__).parent / "data" / "partnership.json"

STAFF = [
    # key, partner slug, role, full name, description
    ("marche.admin", "marche-region", Membership.Role.ADMIN, "Marco Rossi",
     "Partner admin, Marche Region"),
    ("marche.member", "marche-region", Membership.Role.MEMBER, "Giulia Bianchi",
     "Member, Marche Region"),
    ("veneto.member", "veneto-region", Membership.Role.MEMBER, "Luca Ferrari",
     "Member, Veneto Region"),
    ("bsmepa.member", "bsmepa", Membership.Role.MEMBER, "Petar Ivanov", "Member, BSMEPA"),
    ("wg3.coordinator", "bsmepa", Membership.Role.ADMIN, "Maria Georgieva",
     "WG3 coordinator and partner admin, BSMEPA"),
]


def seed(ctx):
    data = load_data(DATA)
    countries = {}
    for row in data["countries"]:
        countries[row["iso_code"]], _ = Country.objects.get_or_create(
            iso_code=row["iso_code"], defaults={"name": row["name"]})
    for row in data["partners"]:
        row = dict(row)
        country = countries[row.pop("country")]
        slug = row.pop("slug")
        Partner.objects.get_or_create(slug=slug, defaults={**row, "country": country})
    if not ctx.with_accounts:
        return
    for key, slug, role, full_name, description in STAFF:
        user = ctx.account(key=key, role=description, full_name=full_name)
        Membership.objects.get_or_create(user=user, defaults={
            "partner": Partner.objects.get(slug=slug), "role": role})
