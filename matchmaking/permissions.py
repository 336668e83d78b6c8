"""Who may do what in WG3 matchmaking.

Taking part (profiles, opportunities, interest, B2B meetings) is for partner staff today;
``can_keep_profile`` and ``can_take_part`` are the two places the approved-stakeholder tier
widens it. Moderating and brokering belong to the coordinators of the working group named by
``settings.MATCHMAKING_WORKING_GROUP`` (WG3) and to platform admins.
"""
from django.conf import settings

from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin


def can_moderate_matchmaking(user) -> bool:
    if is_platform_admin(user):
        return True
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_moderates_matchmaking", None)
    if cached is None:
        cached = user.coordinated_working_groups.filter(
            code=settings.MATCHMAKING_WORKING_GROUP).exists()
        user._moderates_matchmaking = cached
    return cached


def can_keep_profile(user) -> bool:
    return is_partner_staff(user)


def can_take_part(user) -> bool:
    return is_partner_staff(user)


def can_use_matchmaking(user) -> bool:
    """Open the matchmaking pages at all (the nav link): participants and platform admins;
    WG3 coordinators are partner staff."""
    return can_take_part(user) or is_platform_admin(user)


def user_partner_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.partner_id if membership else None


def is_own_opportunity(user, opportunity) -> bool:
    """The user's side: staff of the owning partner, or its author for an organisation."""
    if not user.is_authenticated:
        return False
    if opportunity.partner_id:
        return opportunity.partner_id == user_partner_id(user)
    return opportunity.created_by_id == user.pk


def can_edit_opportunity(user, opportunity) -> bool:
    from .models import Opportunity

    return (is_own_opportunity(user, opportunity)
            and opportunity.status in (Opportunity.Status.SUBMITTED, Opportunity.Status.RETURNED))


def can_express_interest(user, opportunity) -> bool:
    from .models import Opportunity

    return (can_take_part(user) and opportunity.status == Opportunity.Status.PUBLISHED
            and not is_own_opportunity(user, opportunity))


def can_broker(user) -> bool:
    return can_moderate_matchmaking(user)
