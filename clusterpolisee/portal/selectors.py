"""Read-side queries of the portal pages that compose several apps (clusterpolisee.views)."""
from partners.models import Partner


def partner_for_dashboard(membership) -> Partner | None:
    """The user's partner with what the dashboard shows of it (its country, its Steering
    Committee seat and representative), or ``None`` for people without a partner."""
    if membership is None:
        return None
    return (Partner.objects.select_related("country", "sc_seat__representative")
            .get(pk=membership.partner_id))
