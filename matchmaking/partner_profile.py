"""The partner profile's matchmaking profile, for readers who take part in matchmaking."""
from partners.profile import Section, register


@register(order=40)
def matchmaking_profile(request, partner):
    from .selectors import partner_profile_visible_to

    profile = partner_profile_visible_to(request.user, partner)
    if profile is None:
        return None
    return Section("matchmaking/includes/partner_profile.html", {"profile": profile})
