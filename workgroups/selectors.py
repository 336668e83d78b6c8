"""Read-side queries for working groups, work packages and committees."""
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from partners.models import Partner

from .models import Committee, WorkingGroup, WorkPackage


def working_groups_of(user) -> QuerySet[WorkingGroup]:
    """The WGs a user takes part in, through their partner or as coordinator.

    Each carries ``n_partners`` and ``is_coordinator``.
    """
    if not user.is_authenticated:
        return WorkingGroup.objects.none()
    partner_id = getattr(getattr(user, "membership", None), "partner_id", None)
    condition = Q(coordinators=user)
    if partner_id:
        condition |= Q(member_partners=partner_id)
    # a subquery rather than a join, so the count below sees every member partner
    ids = WorkingGroup.objects.filter(condition).values("id")
    coordinates = WorkingGroup.coordinators.through.objects.filter(
        workinggroup_id=OuterRef("pk"), user_id=user.pk)
    return (
        WorkingGroup.objects.filter(id__in=ids)
        .select_related("lead_partner")
        .annotate(n_partners=Count("member_partners", distinct=True),
                  is_coordinator=Exists(coordinates))
        .order_by("code")
    )


def partner_sits_on_stab(partner) -> bool:
    """Leaders of a WG or a WP sit on the advisory board (see ``stab_composition``)."""
    if partner is None:
        return False
    return (WorkingGroup.objects.filter(lead_partner=partner).exists()
            or WorkPackage.objects.filter(lead_partner=partner).exists())


def work_packages_led_by(partner) -> QuerySet[WorkPackage]:
    if partner is None:
        return WorkPackage.objects.none()
    return WorkPackage.objects.filter(lead_partner=partner).order_by("code")


def stab_composition() -> dict:
    """The advisory board, derived rather than stored so it cannot drift.

    Returns the coordinator (the lead partner's representative) and the partners that
    currently lead a WG or a WP, each with what they lead.
    """
    stab = Committee.objects.filter(kind=Committee.Kind.ADVISORY).select_related(
        "coordinator"
    ).first()
    leaders: dict[int, dict] = {}
    wgs = WorkingGroup.objects.exclude(lead_partner=None).select_related("lead_partner__country")
    wps = WorkPackage.objects.exclude(lead_partner=None).select_related("lead_partner__country")
    for item in [*wgs, *wps]:
        entry = leaders.setdefault(item.lead_partner_id,
                                   {"partner": item.lead_partner, "leads": []})
        entry["leads"].append(item.code)
    lead = Partner.objects.filter(is_lead_partner=True).first()
    return {
        "committee": stab,
        "coordinator": stab.coordinator if stab else None,
        "lead_partner": lead,
        "leaders": sorted(leaders.values(), key=lambda e: e["partner"].name),
    }
