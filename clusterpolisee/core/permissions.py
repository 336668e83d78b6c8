"""The rule layer's shared part: platform-wide roles as django-rules predicates named as
sentences, the one membership lookup, and the one way views and services ask and refuse.

Feature apps register their own rules in ``<app>/rules.py`` (``app.action``) from these
predicates; every view, service, template (``{% has_perm %}``) and the API asks
``user.has_perm("app.action", obj)``, services and views through :func:`check_perm`.
"""
import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404


def membership_of(user):
    """The user's partner membership, or ``None`` (visitors, stakeholders, platform admins
    without a partner). The one place the reverse one-to-one is read."""
    return getattr(user, "membership", None) if user.is_authenticated else None


def partner_id_of(user):
    membership = membership_of(user)
    return membership.partner_id if membership is not None else None


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_partner_staff(user) -> bool:
    return membership_of(user) is not None


@rules.predicate
def is_partner_admin(user) -> bool:
    membership = membership_of(user)
    return bool(membership and membership.is_admin)


@rules.predicate
def is_stakeholder(user) -> bool:
    """A logged-in person from an outside organisation: an account with no partner."""
    return bool(user.is_authenticated and membership_of(user) is None and not user.is_superuser)


@rules.predicate
def is_approved_stakeholder(user) -> bool:
    """A stakeholder whom a platform admin or WG coordinator let into the user group."""
    if not is_stakeholder(user):
        return False
    profile = getattr(user, "stakeholder_profile", None)
    return bool(profile and profile.is_approved)


@rules.predicate
def is_wg_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.coordinated_working_groups.exists())


can_approve_stakeholders = is_platform_admin | is_wg_coordinator
rules.add_perm("users.approve_stakeholders", can_approve_stakeholders)


def allowed(user, perm: str, obj=None) -> bool:
    """Whether ``user`` may ``perm`` on ``obj``: for a registered rule, exactly what the rule
    says. Not ``user.has_perm``, which answers ``True`` to every permission of a superuser
    before any backend is asked (a platform admin may not, say, edit a partner's draft just
    by being one), lets a model permission of the same name given to a group stand in for
    the rule, and asks django-guardian's tables again although the rules that honour an
    explicit grant read it themselves. Anything else (a guardian grant such as
    ``assessments.review_assessment``) is asked of the backends."""
    if user.is_authenticated and not user.is_active:
        return False
    if rules.perm_exists(perm):
        return rules.has_perm(perm, user, obj)
    return user.has_perm(perm, obj)


def check_perm(user, perm: str, obj=None, *, message: str = "", hide: bool = False) -> None:
    """The one refusal of the platform. Raises ``PermissionDenied`` (403, with ``message``)
    when ``user`` may not ``perm`` on ``obj``; with ``hide``, ``Http404`` instead, for an
    object the user may not know exists."""
    if not allowed(user, perm, obj):
        if hide:
            raise Http404
        raise PermissionDenied(message)


def get_visible_or_404(queryset, **lookup):
    """One object of a selector's queryset (already scoped to what the user may see), or
    404: the "get what you may see" of every view."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
