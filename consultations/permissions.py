"""Who may do what with a consultation, named as sentences; views and templates use these.

Audience rules (``consultations_visible_to`` is the same rule as a query):
- partners only: staff of the WG's member partners (all partners' staff when no WG);
- partners and approved stakeholders: staff of every partner and approved stakeholders;
- public: everybody logged in.
Drafts are seen by their moderators only. Moderators are the owner, the coordinators of
the consultation's WG and platform admins.
"""
from clusterpolisee.core.permissions import (
    is_approved_stakeholder,
    is_partner_staff,
    is_platform_admin,
)
from clusterpolisee.core.selectors import user_partner_id

from .models import Consultation


def can_create_consultation(user) -> bool:
    """WG coordinators, partner admins and platform admins open consultations."""
    if not user.is_authenticated:
        return False
    if is_platform_admin(user):
        return True
    membership = getattr(user, "membership", None)
    return bool(membership and membership.is_admin) or user.coordinated_working_groups.exists()


def can_moderate_consultation(user, consultation) -> bool:
    if not user.is_authenticated:
        return False
    if is_platform_admin(user) or consultation.owner_id == user.pk:
        return True
    return bool(consultation.working_group_id and consultation.working_group.coordinators
                .filter(pk=user.pk).exists())


def can_moderate_any_consultation(user) -> bool:
    """The queue across consultations: platform admins, WG coordinators and the owners of
    consultations (what each of them sees there is ``consultations_moderated_by``)."""
    if not user.is_authenticated:
        return False
    if is_platform_admin(user):
        return True
    return user.coordinated_working_groups.exists() or user.owned_consultations.exists()


def is_in_audience(user, consultation) -> bool:
    """The audience rule alone, whatever the state."""
    if not user.is_authenticated:
        return False
    if is_platform_admin(user):
        return True
    audience = consultation.audience
    if audience == Consultation.Audience.PUBLIC:
        return True
    if audience == Consultation.Audience.STAKEHOLDERS:
        return is_partner_staff(user) or is_approved_stakeholder(user)
    if not is_partner_staff(user):
        return False
    if consultation.working_group_id is None:
        return True
    wg = consultation.working_group
    return (wg.member_partners.filter(pk=user_partner_id(user)).exists()
            or wg.coordinators.filter(pk=user.pk).exists())


def can_view_consultation(user, consultation) -> bool:
    if can_moderate_consultation(user, consultation):
        return True
    return consultation.state != Consultation.State.DRAFT and is_in_audience(user, consultation)


def is_blocked_from(user, consultation) -> bool:
    return consultation.blocks.filter(user=user.pk).exists()


def can_take_part(user, consultation) -> bool:
    """Comment, reply, react, flag and rate: in the audience, open, and not blocked."""
    return (consultation.is_accepting_comments and is_in_audience(user, consultation)
            and not is_blocked_from(user, consultation))


def can_manage_consultation(user, consultation) -> bool:
    """Edit, attach documents, open, close and summarise: the owner and platform admins."""
    return is_platform_admin(user) or (user.is_authenticated and consultation.owner_id == user.pk)


def can_export_consultation(user, consultation) -> bool:
    return can_manage_consultation(user, consultation)
