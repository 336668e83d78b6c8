"""Who may do what with a consultation and its comments: ``rules`` predicates named as
sentences, registered as ``consultations.<action>`` and asked as
``user.has_perm("consultations.moderate_comment", comment)`` — services and views through
``check_perm`` / ``allowed``, so a platform admin gets only what the rule gives.

Audience rules (``selectors.consultations_visible_to`` is the same rule as a query):
- partners only: staff of the WG's member partners and its coordinators (every partner's
  staff when no WG);
- partners and approved stakeholders: staff of every partner and approved stakeholders;
- public: everybody logged in.
Drafts are seen by their moderators only. Moderators are the owner, the coordinators of
the consultation's WG and platform admins; the owner (and platform admins) manage it.

The names other apps import (``is_in_audience``, ``can_moderate_consultation``,
``can_view_consultation``) are predicates: callable as plain functions too.
"""
from datetime import timedelta

import rules
from django.conf import settings
from django.utils import timezone

from clusterpolisee.core.permissions import (
    is_approved_stakeholder,
    is_partner_admin,
    is_partner_staff,
    is_platform_admin,
    is_wg_coordinator,
    partner_id_of,
)

from .models import Consultation

Audience = Consultation.Audience


# --- the consultation ---------------------------------------------------------------------

@rules.predicate
def is_the_consultations_owner(user, consultation) -> bool:
    return bool(user.is_authenticated and consultation.owner_id == user.pk)


@rules.predicate
def coordinates_the_consultations_wg(user, consultation) -> bool:
    return bool(user.is_authenticated and consultation.working_group_id
                and consultation.working_group.coordinators.filter(pk=user.pk).exists())


@rules.predicate
def owns_a_consultation(user) -> bool:
    return bool(user.is_authenticated and user.owned_consultations.exists())


@rules.predicate
def is_open_to_everybody_logged_in(user, consultation) -> bool:
    return consultation.audience == Audience.PUBLIC


@rules.predicate
def is_open_to_approved_stakeholders(user, consultation) -> bool:
    return consultation.audience == Audience.STAKEHOLDERS


@rules.predicate
def is_for_partners_only(user, consultation) -> bool:
    return consultation.audience == Audience.PARTNERS


@rules.predicate
def works_in_the_consultations_wg(user, consultation) -> bool:
    """Staff of the WG's member partners and its coordinators; everybody when no WG."""
    if consultation.working_group_id is None:
        return True
    wg = consultation.working_group
    return (wg.member_partners.filter(pk=partner_id_of(user)).exists()
            or wg.coordinators.filter(pk=user.pk).exists())


@rules.predicate
def is_a_draft(user, consultation) -> bool:
    return consultation.state == Consultation.State.DRAFT


@rules.predicate
def is_accepting_comments(user, consultation) -> bool:
    return consultation.is_accepting_comments


@rules.predicate
def is_blocked_from_the_consultation(user, consultation) -> bool:
    return consultation.blocks.filter(user=user.pk).exists()


# the audience rule alone, whatever the state; named, so the rules made of it read short
is_in_audience = rules.Predicate(rules.is_authenticated & (
    is_platform_admin
    | is_open_to_everybody_logged_in
    | (is_open_to_approved_stakeholders & (is_partner_staff | is_approved_stakeholder))
    | (is_for_partners_only & is_partner_staff & works_in_the_consultations_wg)),
    name="is_in_audience")

can_create_consultation = is_platform_admin | is_partner_admin | is_wg_coordinator
can_moderate_consultation = (is_platform_admin | is_the_consultations_owner
                             | coordinates_the_consultations_wg)
# the queue across consultations; what each of them sees there is consultations_moderated_by
can_moderate_any_consultation = is_platform_admin | is_wg_coordinator | owns_a_consultation
can_view_consultation = can_moderate_consultation | (~is_a_draft & is_in_audience)
# comment, reply, react and rate: in the audience, open, and not blocked
can_take_part = is_accepting_comments & ~is_blocked_from_the_consultation & is_in_audience
# edit, attach documents, open, close, summarise and export: the owner and platform admins
can_manage_consultation = is_platform_admin | is_the_consultations_owner


# --- a comment ----------------------------------------------------------------------------

@rules.predicate
def is_the_comments_author(user, comment) -> bool:
    return bool(user.is_authenticated and comment.author_id == user.pk)


@rules.predicate
def is_a_deleted_comment(user, comment) -> bool:
    return comment.is_deleted


@rules.predicate
def is_within_the_edit_window(user, comment) -> bool:
    """Shown, and posted less than CONSULTATION_EDIT_WINDOW_MINUTES ago (works on a
    ``Comment`` and on a thread's ``ThreadComment``)."""
    window = timedelta(minutes=settings.CONSULTATION_EDIT_WINDOW_MINUTES)
    return (not comment.is_deleted and not comment.is_hidden
            and timezone.now() - comment.created_at < window)


@rules.predicate
def may_view_the_comments_consultation(user, comment) -> bool:
    return can_view_consultation(user, comment.consultation)


@rules.predicate
def may_moderate_the_comments_consultation(user, comment) -> bool:
    return can_moderate_consultation(user, comment.consultation)


rules.add_perm("consultations.create_consultation", can_create_consultation)
rules.add_perm("consultations.view_consultation", can_view_consultation)
rules.add_perm("consultations.manage_consultation", can_manage_consultation)
rules.add_perm("consultations.export_consultation", can_manage_consultation)
rules.add_perm("consultations.moderate_consultation", can_moderate_consultation)
rules.add_perm("consultations.moderate_any_consultation", can_moderate_any_consultation)
rules.add_perm("consultations.take_part", can_take_part)
# the two refusals of take_part a service tells apart (its state is a ValidationError)
rules.add_perm("consultations.join_consultation", is_in_audience)
rules.add_perm("consultations.comment_unblocked", ~is_blocked_from_the_consultation)

rules.add_perm("consultations.flag_comment", may_view_the_comments_consultation)
rules.add_perm("consultations.moderate_comment", may_moderate_the_comments_consultation)
# edit and delete are the author's; edits only within the window
rules.add_perm("consultations.change_comment", is_the_comments_author)
rules.add_perm("consultations.edit_comment", is_the_comments_author & is_within_the_edit_window)
rules.add_perm("consultations.delete_comment", is_the_comments_author & ~is_a_deleted_comment)
