"""Read-side queries of the core: what activity a user may see."""
from django.apps import apps
from django.db.models import Q, QuerySet

from .models import Activity


def user_partner_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.partner_id if membership else None


def activities_visible_to(user) -> QuerySet[Activity]:
    """Activity items the user may read, newest first.

    Audit-only items (downloads, invitations, ...) never appear in feeds; the audit log
    reads them. Public items are for everybody; "partners" items for staff of any partner;
    partner items for that partner's staff; WG items for staff of the WG's member partners
    and its coordinators. Platform admins see everything else.
    """
    base = (Activity.objects.select_related("actor", "partner", "working_group")
            .exclude(visibility=Activity.Visibility.AUDIT))
    if user.is_authenticated and user.is_superuser:
        return base
    visible = Q(visibility=Activity.Visibility.PUBLIC)
    partner_id = user_partner_id(user)
    if user.is_authenticated:
        wg_condition = Q(coordinators=user)
        if partner_id:
            visible |= Q(visibility=Activity.Visibility.PARTNERS)
            visible |= Q(visibility=Activity.Visibility.PARTNER, partner_id=partner_id)
            wg_condition |= Q(member_partners=partner_id)
        wg_ids = _wg_ids(wg_condition)
        visible |= Q(visibility=Activity.Visibility.WORKING_GROUP, working_group_id__in=wg_ids)
    return base.filter(visible)


def _wg_ids(condition):
    # core sits below workgroups, so it names the model instead of importing it
    return apps.get_model("workgroups", "WorkingGroup").objects.filter(condition).values("id")
