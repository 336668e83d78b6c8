"""Platform-wide role checks, named as sentences. Feature apps add their own beside them."""


def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_partner_staff(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "membership", None) is not None)


def is_stakeholder(user) -> bool:
    """A logged-in person from an outside organisation: an account with no partner."""
    return bool(user.is_authenticated and not is_partner_staff(user) and not user.is_superuser)


def is_approved_stakeholder(user) -> bool:
    """A stakeholder whom a platform admin or WG coordinator let into the user group."""
    if not is_stakeholder(user):
        return False
    profile = getattr(user, "stakeholder_profile", None)
    return bool(profile and profile.is_approved)


def is_wg_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.coordinated_working_groups.exists())


def can_approve_stakeholders(user) -> bool:
    """Platform admins and any WG coordinator decide who joins the user group."""
    return is_platform_admin(user) or is_wg_coordinator(user)
