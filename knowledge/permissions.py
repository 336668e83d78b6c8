"""Who may do what with a good practice. Seeing a practice at all is decided here and by
``selectors.practices_visible_to``; both read the practice's ``visibility``."""
from clusterpolisee.core.permissions import is_partner_staff, is_platform_admin
from partners.permissions import membership_of


def can_see_partners_only_practices(user) -> bool:
    """Logged-in partner staff, CMS editors and platform admins."""
    return bool(is_partner_staff(user) or is_platform_admin(user)
                or (user.is_authenticated and user.is_cms_editor))


def can_view_practice(user, practice) -> bool:
    if not practice.is_partners_only:
        return True
    return can_see_partners_only_practices(user)


def can_submit_practice(user) -> bool:
    """Partner staff send practices through the portal form; they need no CMS access."""
    return is_partner_staff(user)


def can_edit_submission(user, practice) -> bool:
    """The submitter, or a colleague at the same partner, while it is not yet published."""
    membership = membership_of(user)
    return bool(membership and practice.partner_id == membership.partner_id)


def is_stab_member(user) -> bool:
    """Staff of a partner that leads a WG or a WP, and the advisory board's coordinator."""
    from workgroups.selectors import user_sits_on_stab

    return user_sits_on_stab(user)


def can_write_expert_opinion(user, practice) -> bool:
    """A STAB member who does not work for the partner that owns the practice."""
    membership = membership_of(user)
    if membership and practice.partner_id == membership.partner_id:
        return False
    return is_stab_member(user)


def can_declare_transfer(user, practice) -> bool:
    """Staff of any partner other than the owner may declare they study or adopt it."""
    membership = membership_of(user)
    return bool(membership and practice.live and practice.partner_id != membership.partner_id)


def can_offer_mentoring(user, practice) -> bool:
    """Staff of the owning partner."""
    membership = membership_of(user)
    return bool(membership and practice.partner_id
                and practice.partner_id == membership.partner_id)
