"""Read-side queries of notifications: every list of notifications starts here."""
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activity_visible_q

from .models import Channel, Notification, NotificationPreference


def notifications_for(user, *, include_hidden: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first, with what the list shows: only those
    whose activity the user may still see now (``core.selectors.activity_visible_q``), so
    a member removed from a partner or a WG stops reading what they were told before.

    ``include_hidden`` is for the link in an old e-mail only, which then says that the
    thing is no longer available instead of answering 404."""
    if not user.is_authenticated:
        return Notification.objects.none()
    notifications = Notification.objects.filter(recipient=user)
    if not include_hidden:
        # the kinds of target this user's notifications have (one indexed query): the
        # target check then builds only their selectors, not all fifteen
        kinds = set(notifications.exclude(activity__target_type=None).order_by()
                    .values_list("activity__target_type", flat=True).distinct())
        notifications = notifications.filter(
            activity_visible_q(user, prefix="activity__", target_types=kinds))
    return notifications.select_related("activity", "activity__actor",
                                        "activity__working_group")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return notifications_for(user).filter(read_at__isnull=True).count()


def audience_of(activity) -> QuerySet:
    """Active users in the activity's scope (set-based), before preferences and target checks.

    Mirrors ``core.selectors.activities_visible_to``: a partner's staff; the staff of a
    working group's member partners and its coordinators; every partner's staff; and, for
    public items, only people who chose to hear about that category; and, whatever the
    scope, the people the activity is addressed to by name.
    """
    User = get_user_model()
    users = User.objects.filter(is_active=True)
    scope = activity.visibility
    if scope == Activity.Visibility.PARTNER:
        condition = (Q(membership__partner_id=activity.partner_id) if activity.partner_id
                     else Q(pk__in=[]))
    elif scope == Activity.Visibility.WORKING_GROUP:
        wg = activity.working_group_id
        condition = Q(pk__in=[]) if wg is None else (
            Q(pk__in=User.objects.filter(membership__partner__working_groups=wg).values("pk"))
            | Q(pk__in=User.objects.filter(coordinated_working_groups=wg).values("pk")))
    elif scope == Activity.Visibility.PARTNERS:
        condition = Q(membership__isnull=False)
    elif scope == Activity.Visibility.PUBLIC:
        condition = Q(pk__in=NotificationPreference.objects.filter(
            category=activity.category, public_news=True).exclude(channel=Channel.OFF)
            .values("user_id"))
    else:
        condition = Q(pk__in=[])
    addressed = Q(pk__in=Activity.addressed_to.through.objects.filter(
        activity_id=activity.pk).values("user_id"))
    return users.filter(condition | addressed)
