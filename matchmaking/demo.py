"""Demo matchmaking data: profiles and opportunities from several countries, and B2B
availability at the demo matchmaking day in Sofia (created by workgroups/demo.py)."""
from datetime import timedelta
from importlib import import_module

from django.contrib.auth import get_user_model
from django.utils import timezone

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN
from partners.models import Country, Partner
from workgroups.models import Event

from .models import Opportunity, Profile, Sector, Slot
from .services import _update_search

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
        _seed_slots(users)


def _seed_slots(users):
    event = Event.objects.filter(title="WG3 matchmaking day in Sofia (demo)").first()
    if event is None:
        return
    plan = [("bsmepa.member", 1), ("bsmepa.member", 2), ("marche.member", 3),
            ("veneto.member", 2)]
    for key, half_hours in plan:
        user = users.get(key)
        if user is None:
            continue
        start = event.starts_at + timedelta(minutes=30 * half_hours)
        Slot.objects.get_or_create(participant=user, event=event, starts_at=start,
                                   defaults={"ends_at": start + timedelta(minutes=30)})
