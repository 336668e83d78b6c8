"""The dashboard's learning-pairs section, self-contained: the dashboard view needs no
change, the tag reads what it shows through the selector."""
from django import template

from clusterpolisee.core.permissions import membership_of

from ..selectors import pairs_for_dashboard

register = template.Library()


@register.inclusion_tag("assessments/_dashboard_pairs.html", takes_context=True)
def learning_pairs_section(context):
    request = context["request"]
    membership = membership_of(request.user)
    return {"pairs": pairs_for_dashboard(request.user) if membership else [],
            "partner_id": membership.partner_id if membership else None,
            "show": membership is not None}
