"""Who may do what in working groups, work packages, the Steering Committee and events."""
from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin


def _partner_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.partner_id if membership else None


def is_coordinator(user, wg) -> bool:
    return user.is_authenticated and wg.coordinators.filter(pk=user.pk).exists()


def can_view_wg_space(user, wg) -> bool:
    """The overview of a WG: any partner's staff (stakeholders and visitors: no)."""
    return is_platform_admin(user) or is_partner_staff(user)


def is_wg_member(user, wg) -> bool:
    """Staff of a member partner, the WG's coordinators and platform admins."""
    if is_platform_admin(user) or is_coordinator(user, wg):
        return True
    partner_id = _partner_id(user)
    return bool(partner_id and wg.member_partners.filter(pk=partner_id).exists())


def can_manage_wg(user, wg) -> bool:
    """Accept/decline join requests, change member partners, record findings."""
    return is_platform_admin(user) or is_coordinator(user, wg)


def can_request_to_join(user, wg) -> bool:
    """A partner admin whose partner is not yet a member."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return bool(membership and membership.is_admin
                and not wg.member_partners.filter(pk=membership.partner_id).exists())


def can_view_pilot_actions(user) -> bool:
    return is_platform_admin(user) or is_partner_staff(user)


def can_manage_pilot(user, pilot) -> bool:
    """Create, move through the lifecycle, evaluate: the WG's coordinators."""
    return can_manage_wg(user, pilot.working_group)


def can_view_governance(user) -> bool:
    """Work packages, deliverables, SC decisions and votes: every partner's staff."""
    return is_platform_admin(user) or is_partner_staff(user)


def can_propose_decision(user) -> bool:
    from partners.models import Partner

    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return is_platform_admin(user) or bool(
        membership and membership.is_admin
        and Partner.objects.filter(pk=membership.partner_id, is_lead_partner=True).exists())


def sc_voter_partner(user):
    """The partner this user may vote for: as its SC representative or, when the seat names
    no representative, as its partner admin. None if the user may not vote."""
    from .models import SteeringCommitteeSeat

    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return None
    seat = SteeringCommitteeSeat.objects.filter(partner_id=membership.partner_id).first()
    if seat and seat.representative_id:
        return membership.partner if seat.representative_id == user.pk else None
    return membership.partner if membership.is_admin else None


def can_view_events(user) -> bool:
    return user.is_authenticated


def can_manage_events(user) -> bool:
    return is_platform_admin(user) or (user.is_authenticated
                                       and user.coordinated_working_groups.exists())
