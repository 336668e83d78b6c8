"""Template helpers of the matchmaking pages."""
from django import template

register = template.Library()


@register.filter
def organisation_of(user) -> str:
    """The organisation a participant acts for: their partner, or the stakeholder
    organisation of their profile. Selectors load both relations, so this reads no rows."""
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.partner.label
    profile = getattr(user, "stakeholder_profile", None)
    return profile.organisation if profile is not None else ""
