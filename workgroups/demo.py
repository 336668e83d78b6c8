"""Seed WGs, WPs, the matrix stages and the committees from workgroups/data/structure.json."""
from pathlib import Path

from django.contrib.auth import get_user_model

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN, load_data
from partners.demo import seed_documents
from partners.models import Partner

from .models import (
    Committee,
    OperationalStage,
    SteeringCommitteeSeat,
    WorkingGroup,
    WorkPackage,
)

DATA = Path(__file__).parent / "data" / "structure.json"


def seed(ctx):
    data = load_data(DATA)
    partners = {p.slug: p for p in Partner.objects.all()}
    for row in data["working_groups"]:
        wg, created = WorkingGroup.objects.get_or_create(code=row["code"], defaults={
            "title": row["title"], "description": row["description"],
            "lead_partner": partners.get(row["lead_partner"] or ""),
        })
        if created:
            wg.member_partners.set([partners[s] for s in row["member_partners"] if s in partners])
    for row in data["work_packages"]:
        WorkPackage.objects.get_or_create(code=row["code"], defaults={
            "title": row["title"], "lead_partner": partners.get(row["lead_partner"] or "")})
    for row in data["stages"]:
        OperationalStage.objects.get_or_create(number=row["number"], defaults=row)
    for row in data["committees"]:
        Committee.objects.get_or_create(kind=row["kind"], defaults=row)
    for partner in partners.values():
        SteeringCommitteeSeat.objects.get_or_create(partner=partner)
    if ctx.with_accounts:
        _assign_demo_roles()
        # partner documents are tagged with and shared to WGs, so they come after them
        seed_documents(ctx)


def _assign_demo_roles():
    users = {u.email.split("@")[0]: u for u in get_user_model().objects.filter(
        email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
    wg3 = WorkingGroup.objects.get(code="WG3")
    if "wg3.coordinator" in users:
        wg3.coordinators.add(users["wg3.coordinator"])
    marche_admin = users.get("marche.admin")
    if marche_admin:
        seat = SteeringCommitteeSeat.objects.get(partner=marche_admin.membership.partner)
        if seat.representative_id is None:
            seat.representative = marche_admin
            seat.save(update_fields=["representative"])
        Committee.objects.filter(kind=Committee.Kind.ADVISORY, coordinator=None).update(
            coordinator=marche_admin)
