"""Write-side helpers shared by every feature."""
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from .models import Activity


def activity_record(
    *, actor, verb: str, target=None, partner=None, working_group=None,
    visibility: str = Activity.Visibility.PARTNER, target_url: str = "", detail: str = "",
    addressed_to=(),
) -> Activity:
    """Record that ``actor`` did ``verb`` to ``target``; the one event log of the platform.

    ``partner`` / ``working_group`` name whom it concerns and, with ``visibility``, who
    may read it (see ``selectors.activities_visible_to``). ``addressed_to`` names people
    it concerns whatever the scope (a stakeholder, the platform admins): they may read it
    too, and are notified, as long as they may see its target.
    """
    if visibility == Activity.Visibility.PARTNER and partner is None:
        raise ValidationError("An activity visible to a partner must name the partner.")
    if visibility == Activity.Visibility.WORKING_GROUP and working_group is None:
        raise ValidationError("An activity visible to a working group must name the group.")
    activity = Activity(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        partner=partner,
        working_group=working_group,
        visibility=visibility,
        target_url=target_url,
        detail=str(detail)[:255],
    )
    if target is not None:
        activity.target_type = ContentType.objects.get_for_model(target)
        activity.target_id = str(target.pk)
        activity.target_label = str(target)[:255]
        if not target_url and hasattr(target, "get_absolute_url"):
            activity.target_url = target.get_absolute_url()
    activity.full_clean()
    activity.save()
    people = [user for user in addressed_to if getattr(user, "pk", None)]
    if people:
        activity.addressed_to.add(*people)
    return activity
