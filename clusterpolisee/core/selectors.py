"""Read-side queries of the core: what activity a user may see.

``activities_visible_to(user)`` is the one decision "may this activity item be shown to
this user now". Every channel that shows activity — the dashboard, a WG space's panel,
the notification list and bell, immediate e-mails and digests — asks it, so that a rule
changes in one place. It is one queryset (no query per item): the item's scope is a
condition on its columns, and its target's *current* visibility is a subquery of the
target model's registered ``*_visible_to(user)`` selector (see ``core.visibility``).
"""
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from . import visibility as registry
from .models import Activity
from .permissions import partner_id_of


def activity_visible_q(user, prefix: str = "", *, target_types=None) -> Q:
    """The condition "``user`` may see this activity now", for a query over activities
    (``prefix=""``) or over rows that point to one (``prefix="activity__"``).

    1. Scope: audit-only items never appear in feeds (the audit log reads them). Public
       items are for everybody; "partners" items for staff of any partner; partner items
       for that partner's staff; WG items for staff of the WG's *current* member partners
       and its coordinators. Platform admins see every scope.
    2. Target: an item about an object of a model with a registered visibility selector is
       shown only while that object is visible to the user (a practice switched to
       partners-only, a consultation for approved stakeholders, a document no longer
       shared...). A target that no longer exists is not shown; items without a target,
       or about a model with no selector, are judged by their scope alone.

    ``target_types`` (content-type ids), when the caller knows which kinds of target its
    rows can have, limits the target check to those kinds: building and compiling all
    registered selectors as subqueries is most of the cost of a short list. Items about a
    registered kind outside ``target_types`` are then *not* shown, so a row that arrives
    between the caller's look and this query errs on the side of hiding.
    """
    return _scope_q(user, prefix) & _target_q(user, prefix, target_types)


def _scope_q(user, prefix: str) -> Q:
    def field(name):
        return f"{prefix}{name}"

    not_audit = ~Q(**{field("visibility"): Activity.Visibility.AUDIT})
    if not user.is_authenticated:
        addressed = Q(pk__in=[])
    else:
        # a subquery, not a join, so an item addressed to several people is not repeated
        addressed = Q(**{field("pk__in"): Activity.addressed_to.through.objects.filter(
            user_id=user.pk).values("activity_id")})
    if user.is_authenticated and user.is_superuser:
        return not_audit | addressed
    visible = Q(**{field("visibility"): Activity.Visibility.PUBLIC})
    partner_id = partner_id_of(user)
    if user.is_authenticated:
        wg_condition = Q(coordinators=user)
        if partner_id:
            visible |= Q(**{field("visibility"): Activity.Visibility.PARTNERS})
            visible |= Q(**{field("visibility"): Activity.Visibility.PARTNER,
                            field("partner_id"): partner_id})
            wg_condition |= Q(member_partners=partner_id)
        visible |= Q(**{field("visibility"): Activity.Visibility.WORKING_GROUP,
                        field("working_group_id__in"): _wg_ids(wg_condition)})
    return (not_audit & visible) | addressed


def _target_q(user, prefix: str, target_types=None) -> Q:
    type_field, id_field = f"{prefix}target_type", f"{prefix}target_id"
    labels = registry.registered_labels()
    if not labels:
        return Q()
    wanted = None
    if target_types is not None:
        wanted = {f"{t.app_label}.{t.model}"
                  for t in map(ContentType.objects.get_for_id, target_types)}
    registered = Q()
    visible = Q(**{f"{type_field}__isnull": True})
    for label in labels:
        app_label, model = label.split(".")
        of_model = Q(app_label=app_label, model=model)
        registered |= of_model
        if wanted is not None and label not in wanted:
            continue  # no row of this kind: its selector need not be built
        ids = (registry.visible_queryset(label, user).order_by()
               .annotate(_visible_pk=Cast("pk", output_field=CharField()))
               .values("_visible_pk"))
        visible |= (Q(**{f"{type_field}__in": ContentType.objects.filter(of_model)})
                    & Q(**{f"{id_field}__in": ids}))
    # subqueries, never ids read into Python: the whole check stays inside the one query
    visible |= Q(**{f"{type_field}__in": ContentType.objects.exclude(registered)})
    return visible


def activities_visible_to(user) -> QuerySet[Activity]:
    """Activity items the user may read now, newest first (see ``activity_visible_q``)."""
    return (Activity.objects.select_related("actor", "partner", "working_group")
            .filter(activity_visible_q(user)))


def activity_visible_to(user, activity) -> bool:
    """May ``user`` see this one item now? (Fan-out and delivery ask per recipient.)"""
    return activities_visible_to(user).filter(pk=activity.pk).exists()


def _wg_ids(condition):
    # core sits below workgroups, so it names the model instead of importing it
    return apps.get_model("workgroups", "WorkingGroup").objects.filter(condition).values("id")


def platform_admins() -> QuerySet:
    """The active platform admins, who answer what has nobody else to answer it."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk")
