"""Template helpers of the matchmaking pages."""
from django import template

from clusterpolisee.core.permissions import membership_of

register = template.Library()


@register.filter
def organisation_of(user) -> str:
    """The organisation a participant acts for: their partner, or the stakeholder
    organisation of their profile. Selectors load both relations, so this reads no rows."""
    membership = membership_of(user)
    if membership is not None:
        return membership.partner.label
    profile = getattr(user, "stakeholder_profile", None)
    return profile.organisation if profile is not None else ""
