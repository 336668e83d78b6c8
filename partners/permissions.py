"""Who may do what with a partner. Derived from Membership, never stored twice."""
from clusterpolisee.core.permissions import is_platform_admin


def membership_of(user):
    return getattr(user, "membership", None) if user.is_authenticated else None


def is_staff_of(user, partner) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.partner_id == partner.pk


def can_manage_partner(user, partner) -> bool:
    """Partner admins of this partner and platform admins: staff list, profile."""
    if is_platform_admin(user):
        return True
    membership = membership_of(user)
    return bool(membership and membership.partner_id == partner.pk and membership.is_admin)


def can_see_partner_staff(user, partner) -> bool:
    """Names of a partner's staff are shown to logged-in staff of any partner."""
    return is_platform_admin(user) or membership_of(user) is not None
