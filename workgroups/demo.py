"""Seed WGs, WPs, the matrix stages and the committees from workgroups/data/structure.json."""
from pathlib import Path

from django.contrib.auth import get_user_model

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN, load_data
from clusterpolisee.core.permissions import partner_id_of
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


def ensure_decision_schedule():
    """The beat schedule of migration 0003, again where a flush removed it."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("workgroups.migrations.0003_decision_deadline_schedule")
    migration.create_schedule(apps, None)


def seed(ctx):
    ensure_decision_schedule()
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
        _seed_sc_representatives(ctx)
        # partner documents are tagged with and shared to WGs, so they come after them
        seed_documents(ctx)
        seed_governance(ctx)


# Fictional people who hold each partner's Steering Committee seat in the demo, so that the
# committee page reads like a real one (Marche's seat goes to its demo partner admin).
SC_REPRESENTATIVES = {
    "emilia-romagna-region": "Chiara Montanari", "veneto-region": "Davide Zanon",
    "dps-mise": "Francesca Greco", "aws": "Stefan Huber", "ecoplus": "Katharina Gruber",
    "bsmepa": "Nikolay Dimitrov", "hellenic-chambers": "Eleni Papadopoulou",
    "central-macedonia": "Giorgos Nikolaidis", "corallia": "Sofia Karagianni",
    "mag": "Zsófia Kovács", "pannon-business-network": "Gábor Nagy",
    "north-east-rda": "Andreea Popescu", "institute-economic-forecasting": "Mihai Ionescu",
    "ancs": "Elena Dumitru", "ro-ministry-economy": "Radu Constantinescu",
    "union-slovak-clusters": "Martin Horváth", "trnava-region": "Zuzana Kováčová",
    "sk-ministry-economy": "Peter Novák", "university-primorska": "Maja Novak",
    "maribor-development-agency": "Luka Kranjc", "aida": "Arben Hoxha",
    "istrian-development-agency": "Ivana Radić", "university-novi-sad": "Milan Petrović",
    "vojvodina-economy": "Jelena Jovanović",
}


def _seed_sc_representatives(ctx):
    """A named representative on every seat still without one (idempotent)."""
    from clusterpolisee.users.services import user_create
    from partners.models import Membership

    User = get_user_model()
    seats = SteeringCommitteeSeat.objects.filter(
        representative=None, partner__slug__in=SC_REPRESENTATIVES).select_related("partner")
    for seat in seats:
        email = f"sc.{seat.partner.slug}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.filter(email=email).first() or user_create(
            email=email, password=ctx.password, full_name=SC_REPRESENTATIVES[seat.partner.slug])
        Membership.objects.get_or_create(user=user, defaults={"partner": seat.partner})
        seat.representative = user
        seat.full_clean()
        seat.save(update_fields=["representative"])


def _assign_demo_roles():
    users = {u.email.split("@")[0]: u for u in get_user_model().objects.filter(
        email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
    wg3 = WorkingGroup.objects.get(code="WG3")
    if "wg3.coordinator" in users:
        wg3.coordinators.add(users["wg3.coordinator"])
    marche_admin = users.get("marche.admin")
    if marche_admin:
        seat = SteeringCommitteeSeat.objects.get(partner_id=partner_id_of(marche_admin))
        if seat.representative_id is None:
            seat.representative = marche_admin
            seat.save(update_fields=["representative"])
        Committee.objects.filter(kind=Committee.Kind.ADVISORY, coordinator=None).update(
            coordinator=marche_admin)


DELIVERABLES = [
    # code, WP, title, partner slug, due (ISO), status
    ("D1.1", "WP1", "Project management handbook", "marche-region", "2012-07-31", "approved"),
    ("D1.2", "WP1", "First progress report", "marche-region", "2013-01-31", "approved"),
    ("D3.1", "WP3", "Specification of the collaboration platform", "bsmepa", "2012-11-30",
     "approved"),
    ("D3.2", "WP3", "Collaboration platform online", "bsmepa", "2013-06-30", "submitted"),
    ("D4.1", "WP4", "Regional cluster policy assessments", "veneto-region", "2013-09-30",
     "in_progress"),
    ("D6.1", "WP6", "Joint Strategic Plan for SEE cluster policy", "marche-region",
     "2014-09-30", "in_progress"),
]


def seed_governance(ctx):
    """Deliverables, a pilot action, an open Steering Committee vote and upcoming events."""
    from datetime import date, timedelta

    from django.utils import timezone

    from clusterpolisee.users.models import User

    from . import services
    from .models import Decision, Deliverable, Event, PilotAction

    partners = {p.slug: p for p in Partner.objects.all()}
    for code, wp, title, slug, due, status in DELIVERABLES:
        Deliverable.objects.get_or_create(code=code, defaults={
            "work_package": WorkPackage.objects.get(code=wp), "title": title,
            "partner": partners[slug], "due_date": date.fromisoformat(due), "status": status})
    coordinator = User.objects.filter(email=f"wg3.coordinator@{DEMO_EMAIL_DOMAIN}").first()
    lead_admin = User.objects.filter(email=f"marche.admin@{DEMO_EMAIL_DOMAIN}").first()
    wg3 = WorkingGroup.objects.get(code="WG3")
    stage1 = OperationalStage.objects.get(number=1)
    if coordinator and not PilotAction.objects.filter(working_group=wg3).exists():
        services.pilot_create(
            wg=wg3, user=coordinator, stage=stage1,
            title="Transnational cluster exchange Sofia–Ancona (demo)",
            objectives="Test a peer-learning exchange between Bulgarian and Italian cluster "
                       "managers and measure new cooperation agreements. Demo content.",
            region="Yugozapaden (BG) and Marche (IT)", partner=partners["bsmepa"],
            indicators=[("Cluster managers taking part", "people", 0, 20),
                        ("Cooperation agreements signed", "agreements", 0, 3)])
    if lead_admin and not Decision.objects.exists():
        services.decision_create(
            user=lead_admin, title="Adopt the communication plan for 2013 (demo)",
            text="The Steering Committee is asked to adopt the communication plan prepared by "
                 "WP2. Demo content.", deadline=timezone.now() + timedelta(days=14))
    if coordinator and not Event.objects.exists():
        start = (timezone.now() + timedelta(days=30)).replace(hour=9, minute=0, second=0,
                                                              microsecond=0)
        services.event_save(user=coordinator, event=Event(
            title="WG3 matchmaking day in Sofia (demo)", kind=Event.Kind.MATCHMAKING,
            description="B2B meetings between cluster organisations of the partner regions. "
                        "Demo content.", starts_at=start, ends_at=start + timedelta(hours=8),
            timezone="Europe/Sofia", place="Sofia, Bulgaria", capacity=40),
            working_groups=[wg3])
        services.event_save(user=coordinator, event=Event(
            title="Peer-learning visit: smart specialisation in Emilia-Romagna (demo)",
            kind=Event.Kind.PEER_VISIT, description="Demo content.",
            starts_at=start + timedelta(days=20), ends_at=start + timedelta(days=21),
            timezone="Europe/Rome", place="Bologna, Italy", capacity=25),
            working_groups=WorkingGroup.objects.filter(code="WG5"))
