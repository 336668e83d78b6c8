"""Platform-wide role checks, named as sentences. Feature apps add their own beside them."""


def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_partner_staff(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "membership", None) is not None)


def is_stakeholder(user) -> bool:
    """A logged-in person from an outside organisation: an account with no partner."""
    return bool(user.is_authenticated and not is_partner_staff(user) and not user.is_superuser)
