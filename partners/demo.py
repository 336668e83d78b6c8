"""Seed the partnership from partners/data/partnership.json, and partner staff accounts."""
from pathlib import Path

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN, load_data

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


DEMO_DOCUMENTS = [
    # partner slug, uploader key, title, description, visibility, WG shares, WG tags
    ("marche-region", "marche.member", "Marche cluster policy review 2007-2012 (demo)",
     "Review of past cluster-support actions in the Marche region: what was funded, what "
     "worked, and the gaps found. Demo content.", "shared", ["WG3"], ["WG1", "WG3"]),
    ("marche-region", "marche.admin", "Internal budget notes for the SC meeting (demo)",
     "Private working notes of the Marche team. Demo content.", "private", [], []),
    ("bsmepa", "wg3.coordinator", "WG3 matchmaking guidelines (demo)",
     "How WG3 brokers transnational cluster matchmaking: steps, roles and timelines. Demo "
     "content.", "partners", [], ["WG3"]),
]


def seed_documents(ctx):
    """Called by the working groups' seed once the WGs exist (the documents are tagged with
    and shared to them; partners/sharing.py gives the groups)."""
    from django.core.files.base import ContentFile

    from clusterpolisee.core.pdf import simple_pdf
    from clusterpolisee.users.models import User

    from . import services
    from .models import Document
    from .sharing import share_groups

    for slug, key, title, description, visibility, shares, tags in DEMO_DOCUMENTS:
        partner = Partner.objects.get(slug=slug)
        if Document.objects.filter(partner=partner, title=title).exists():
            continue
        user = User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")
        upload = ContentFile(simple_pdf(title), name=f"{slug}-{len(title)}.pdf")
        document = services.document_create(
            partner=partner, user=user, title=title, description=description, upload=upload,
            working_groups=share_groups().filter(code__in=tags))
        if visibility != "private":
            services.document_share(document=document, user=user, visibility=visibility,
                                    working_groups=share_groups().filter(code__in=shares))
