"""Demo consultations: an open WG5 one for partners and stakeholders, a partners-only WG4
one, and a closed WG3 one with its summary; the demo stakeholder is approved; the beat
schedule that closes consultations at their deadline."""
import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from clusterpolisee.core.html import render_markdown
from clusterpolisee.users.models import StakeholderProfile, User
from partners.models import Country
from workgroups.models import WorkingGroup, WorkPackage

from .models import Comment, Consultation

CONSULTATIONS = [
    {
        "title": "Smart specialisation priorities for SEE regions",
        "wg": "WG5", "wp": "WP5", "owner": "marche.admin",
        "audience": Consultation.Audience.STAKEHOLDERS, "state": Consultation.State.OPEN,
        "opened_days_ago": 7, "days_left": 21,
        "background": (
            "<p>Regions of South East Europe are drafting their smart-specialisation "
            "strategies. Which <strong>economic domains</strong> should a region prioritise, "
            "and how should clusters take part in the entrepreneurial discovery process?</p>"
            "<ul><li>Which domains are realistic for your region?</li>"
            "<li>How do clusters reach policy makers today?</li></ul>"),
        "rating_question": "Clusters should have a formal seat in the regional S3 governance.",
        "comments": [
            ("veneto.member", "In Veneto the cluster networks already sit on the S3 board; "
                              "the difficulty is keeping SMEs engaged after the first round."),
            ("stakeholder", "From the cluster side: we need data on regional value chains "
                            "before we can argue for a domain."),
        ],
    },
    {
        "title": "Financing instruments for cluster organisations",
        "wg": "WG4", "wp": "WP4", "owner": "wg3.coordinator",
        "audience": Consultation.Audience.PARTNERS, "state": Consultation.State.OPEN,
        "opened_days_ago": 3, "days_left": 14,
        "background": (
            "<p>Before the financial framework report, WG4 asks the partners: which "
            "instruments (grants, vouchers, guarantee funds, ERDF operational programmes) "
            "have financed cluster organisations in your country, and with what results?</p>"),
        "rating_question": "",
        "comments": [
            ("bsmepa.member", "Bulgaria used ERDF calls for cluster development in 2011; "
                              "co-financing was the main barrier for young clusters."),
        ],
    },
    {
        "title": "Themes for the transnational matchmaking event",
        "wg": "WG3", "wp": "WP6", "owner": "wg3.coordinator",
        "audience": Consultation.Audience.PUBLIC, "state": Consultation.State.SUMMARISED,
        "opened_days_ago": 60, "days_left": -30,
        "background": "<p>Which themes should the first matchmaking event between clusters "
                      "of SEE countries cover?</p>",
        "rating_question": "",
        "summary": (
            "<p>Thirty-one comments asked for three themes: <strong>agri-food</strong>, "
            "<strong>ICT services</strong> and <strong>renewable energy</strong>. The event "
            "will run one table per theme; WG3 will publish the agenda.</p>"),
        "comments": [
            ("marche.member", "Agri-food is where Marche clusters look for partners."),
            ("stakeholder", "Renewable energy, please: our members export to the Balkans."),
        ],
    },
]


def _user(key):
    return User.objects.filter(email=f"{key}@{DEMO_EMAIL_DOMAIN}").first()


def ensure_deadline_schedule():
    """The beat schedule of migration 0002, again where a flush removed it."""
    migration = importlib.import_module("consultations.migrations.0002_deadline_schedule")
    migration.create_schedule(apps, None)


def seed(ctx):
    ensure_deadline_schedule()
    if not ctx.with_accounts:
        return
    stakeholder = _user("stakeholder")
    if stakeholder and not hasattr(stakeholder, "stakeholder_profile"):
        profile = StakeholderProfile.objects.create(
            user=stakeholder, organisation="Danube Cluster Network",
            country=Country.objects.filter(iso_code="RS").first() or Country.objects.first(),
            terms_accepted_at=timezone.now(), state=StakeholderProfile.State.APPROVED,
            approved_by=_user("admin"), approved_at=timezone.now())
        profile.interests.set(WorkingGroup.objects.filter(code__in=["WG3", "WG5"]))
    now = timezone.now()
    for row in CONSULTATIONS:
        owner = _user(row["owner"])
        if owner is None:
            continue
        opens_at = now - timedelta(days=row["opened_days_ago"])
        consultation, created = Consultation.objects.get_or_create(title=row["title"], defaults={
            "background": render_markdown(row["background"]), "owner": owner,
            "working_group": WorkingGroup.objects.filter(code=row["wg"]).first(),
            "work_package": WorkPackage.objects.filter(code=row["wp"]).first(),
            "audience": row["audience"], "state": row["state"], "opens_at": opens_at,
            "closes_at": now + timedelta(days=row["days_left"]),
            "rating_question": row["rating_question"],
            "summary": render_markdown(row.get("summary", "")),
            "summary_published_at": now if row.get("summary") else None,
        })
        if not created:
            continue
        for n, (key, text) in enumerate(row["comments"]):
            author = _user(key)
            if author:
                Comment.objects.create(consultation=consultation, author=author, body=text,
                                       body_html=render_markdown(text),
                                       created_at=opens_at + timedelta(hours=5 * (n + 1)))
