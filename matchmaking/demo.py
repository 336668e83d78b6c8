"""Demo matchmaking data: profiles and opportunities from several countries, an approved
stakeholder cluster association with its own profile and offer, and B2B availability at the
demo matchmaking day in Sofia (created by workgroups/demo.py)."""
from datetime import timedelta
from importlib import import_module

from django.contrib.auth import get_user_model
from django.utils import timezone

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from clusterpolisee.users.models import StakeholderProfile
from clusterpolisee.users.services import stakeholder_profile_create
from partners.models import Country, Partner
from workgroups.models import Event

from .models import Opportunity, Profile, Sector, Slot
from .services import _update_search, opportunity_moderate

# an outside organisation from a partner region, approved into the user group
ASSOCIATION = {
    "key": "cluster.association", "full_name": "Milica Jovanović",
    "organisation": "Vojvodina Wood and Furniture Cluster Association (demo)", "country": "RS",
    "profile": {"size": "small", "regions": "Vojvodina", "languages": "Serbian, English",
                "offers": "Wood-processing and furniture SMEs; design and prototyping "
                          "workshops; joint trade-fair stands.",
                "seeks": "ICT partners for smart manufacturing and export partners in Italy.",
                "contact_persons": "Milica Jovanović, cluster manager (demo)"},
    "sectors": "C",
    "opportunity": ("offer", "partnership",
                    "Furniture cluster from Vojvodina offers joint design projects (demo)",
                    ["IT", "BG"],
                    "Our wood and furniture SMEs offer joint design and prototyping projects "
                    "and shared trade-fair stands to furniture districts in partner regions."),
}

PROFILES = [
    # partner slug, sectors, size, offers, seeks, languages, regions
    ("marche-region", "CJ", "large",
     "Furniture, footwear and home-appliance manufacturing districts; regional funding for "
     "cluster internationalisation.",
     "Digital-innovation services and ICT partners for smart manufacturing in SMEs.",
     "Italian, English", "Marche"),
    ("bsmepa", "CJM", "na",
     "Digital-innovation hub services, export promotion and B2B matchmaking for Bulgarian "
     "SME clusters.", "Partners for joint projects in smart manufacturing and ICT.",
     "Bulgarian, English", "Bulgaria"),
    ("corallia", "JM", "medium",
     "Microelectronics and space-technology clusters; Horizon project experience.",
     "Industrial partners for pilots of embedded systems.", "Greek, English", "Attica"),
    ("pannon-business-network", "CH", "medium",
     "Automotive and mechatronics supplier network in Western Transdanubia.",
     "Market access in Italy and the Adriatic.", "Hungarian, German, English",
     "Nyugat-Dunántúl"),
    ("istrian-development-agency", "IO", "small",
     "Tourism and agro-food clusters; business incubator.",
     "Peer learning on cluster policy for tourism.", "Croatian, Italian, English", "Istria"),
]

OPPORTUNITIES = [
    # partner slug, author key, direction, kind, title, sectors, targets, status, description
    ("marche-region", "marche.member", "request", "technology",
     "ICT partners for smart manufacturing in furniture districts (demo)", "CJ", ["BG", "HU"],
     "published",
     "Marche furniture and home-appliance clusters seek digital-innovation services and ICT "
     "partners to bring smart manufacturing, sensors and data platforms to their SMEs."),
    ("bsmepa", "bsmepa.member", "offer", "technology",
     "Digital-innovation hub services for manufacturing SME clusters (demo)", "CJ", ["IT"],
     "published",
     "BSMEPA's network of digital-innovation hubs offers smart manufacturing assessments, "
     "ICT pilots and data platforms to manufacturing clusters in partner regions."),
    ("pannon-business-network", None, "offer", "market",
     "Automotive supplier network opens to Italian clusters (demo)", "CH", ["IT"],
     "published",
     "Our automotive and mechatronics suppliers offer market access and joint bids to "
     "Italian manufacturing clusters."),
    ("corallia", None, "request", "project",
     "Partners for a joint Horizon project on embedded systems (demo)", "JM", [],
     "published",
     "Greek microelectronics clusters look for industrial partners to pilot embedded systems "
     "in a joint Horizon project."),
    ("istrian-development-agency", None, "request", "policy",
     "Peer visit on cluster policy for tourism (demo)", "IO", ["IT", "SI"], "published",
     "We would like to visit a region with an established tourism cluster policy and learn "
     "how it is funded and evaluated."),
    ("veneto-region", "veneto.member", "offer", "technology",
     "Agri-food traceability pilots (demo)", "AC", [], "submitted",
     "Veneto agri-food clusters offer traceability pilots using shared data platforms."),
]


def seed(ctx):
    partners = {p.slug: p for p in Partner.objects.select_related("country")}
    # the NACE sections come from a data migration; put them back if a flush removed them
    for code, name in import_module("matchmaking.migrations.0002_nace_sections").NACE:
        Sector.objects.get_or_create(code=code, defaults={"name": name})
    sectors = {s.code: s for s in Sector.objects.all()}
    countries = {c.iso_code: c for c in Country.objects.all()}
    users = {u.email.split("@")[0]: u for u in get_user_model().objects.filter(
        email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
    for slug, codes, size, offers, seeks, languages, regions in PROFILES:
        partner = partners.get(slug)
        if partner is None:
            continue
        profile, created = Profile.objects.get_or_create(partner=partner, defaults={
            "country": partner.country, "size": size, "offers": offers, "seeks": seeks,
            "languages": languages, "regions": regions,
            "contact_persons": f"International desk, {partner.label} (demo)"})
        if created:
            profile.sectors.set([sectors[c] for c in codes])
    for slug, key, direction, kind, title, codes, targets, status, text in OPPORTUNITIES:
        partner = partners.get(slug)
        if partner is None or Opportunity.objects.filter(title=title).exists():
            continue
        now = timezone.now()
        opportunity = Opportunity.objects.create(
            partner=partner, country=partner.country, created_by=users.get(key or ""),
            direction=direction, kind=kind, title=title, description=text, status=status,
            deadline=timezone.localdate() + timedelta(days=120),
            published_at=now if status == "published" else None)
        opportunity.sectors.set([sectors[c] for c in codes])
        opportunity.target_countries.set([countries[c] for c in targets if c in countries])
        _update_search(opportunity)
    if ctx.with_accounts:
        association = _seed_association(ctx, sectors, countries)
        users[ASSOCIATION["key"]] = association
        _seed_slots(users)


def _seed_association(ctx, sectors, countries):
    """The approved stakeholder, its organisation's profile and one published offer."""
    row = ASSOCIATION
    user = ctx.account(key=row["key"], full_name=row["full_name"],
                       role="Approved stakeholder, cluster association (matchmaking)",
                       job_title="Cluster manager")
    country = countries.get(row["country"]) or Country.objects.first()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if not hasattr(user, "stakeholder_profile"):
        profile = stakeholder_profile_create(user=user, organisation=row["organisation"],
                                             country=country,
                                             state=StakeholderProfile.State.APPROVED)
        profile.approved_by, profile.approved_at = admin, timezone.now()
        profile.save(update_fields=["approved_by", "approved_at"])
    organisation = user.stakeholder_profile.organisation
    profile, created = Profile.objects.get_or_create(
        partner=None, organisation_name=organisation, country=user.stakeholder_profile.country,
        defaults={"owner": user, **row["profile"]})
    if created:
        profile.sectors.set([sectors[c] for c in row["sectors"]])
    direction, kind, title, targets, text = row["opportunity"]
    if not Opportunity.objects.filter(title=title).exists():
        opportunity = Opportunity.objects.create(
            organisation_name=organisation, country=user.stakeholder_profile.country,
            created_by=user, direction=direction, kind=kind, title=title, description=text,
            deadline=timezone.localdate() + timedelta(days=90))
        opportunity.sectors.set([sectors[c] for c in row["sectors"]])
        opportunity.target_countries.set([countries[c] for c in targets if c in countries])
        _update_search(opportunity)
        moderator = (get_user_model().objects.filter(
            coordinated_working_groups__code="WG3").order_by("pk").first() or admin)
        if moderator is not None:  # published through the coordinators' service
            opportunity_moderate(user=moderator, opportunity=opportunity, decision="publish")
    return user


def _seed_slots(users):
    event = Event.objects.filter(title="WG3 matchmaking day in Sofia (demo)").first()
    if event is None:
        return
    plan = [("bsmepa.member", 1), ("bsmepa.member", 2), ("marche.member", 3),
            ("veneto.member", 2), (ASSOCIATION["key"], 4)]
    for key, half_hours in plan:
        user = users.get(key)
        if user is None:
            continue
        start = event.starts_at + timedelta(minutes=30 * half_hours)
        Slot.objects.get_or_create(participant=user, event=event, starts_at=start,
                                   defaults={"ends_at": start + timedelta(minutes=30)})
