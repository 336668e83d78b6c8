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


# --- workspace and documents ------------------------------------------------------------
# Seeing a document at all is decided by selectors.documents_visible_to; these decide what
# a user who can see it may do with it.

def can_use_workspace(user, partner) -> bool:
    """The partner's private workspace: its staff and platform admins."""
    return is_platform_admin(user) or is_staff_of(user, partner)


def can_edit_document(user, document) -> bool:
    """Change title, description, tags, folder; upload a new version."""
    return is_platform_admin(user) or is_staff_of(user, document.partner)


def can_share_document(user, document) -> bool:
    return is_platform_admin(user) or is_staff_of(user, document.partner)


def can_delete_document(user, document) -> bool:
    """Platform admins, the owning partner's admins, and the staff member who created it."""
    if is_platform_admin(user):
        return True
    if not is_staff_of(user, document.partner):
        return False
    return membership_of(user).is_admin or document.created_by_id == user.pk


def can_view_audit_log(user, partner) -> bool:
    return can_manage_partner(user, partner)
