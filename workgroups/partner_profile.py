"""The partner profile's pilot actions, for readers who may see pilot actions at all."""
from partners.profile import Section, register


@register(order=30)
def pilot_actions(request, partner):
    from .selectors import pilot_actions_visible_to

    pilots = list(pilot_actions_visible_to(request.user).filter(partner=partner)
                  .select_related("working_group").order_by("-updated_at", "-id")[:10])
    if not pilots:
        return None
    return Section("workgroups/includes/partner_pilots.html", {"pilots": pilots})
