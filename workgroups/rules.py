"""Who may do what in working groups, pilot actions, work packages, the Steering Committee
and events: ``rules`` predicates named as sentences, registered as ``workgroups.<action>``
and asked as ``user.has_perm("workgroups.manage_wg", wg)`` — services through
``check_perm``, so a platform admin gets only what the rule gives.

- the partnership's internals (WG spaces, the matrix, pilot actions, work packages, the
  SC) are for every partner's staff and platform admins; they do not exist for
  stakeholders;
- a WG's discussions, documents and findings are for its members: staff of its member
  partners, its coordinators and platform admins; its coordinators (and platform admins)
  manage it and its pilot actions;
- a partner votes in the SC through its representative (or, while the seat names nobody,
  its partner admin); the lead partner's admins put decisions to the vote.

The names other apps import (``is_wg_member``, ``can_manage_events``, ``can_view_events``)
are predicates: callable as plain functions too.
"""
import rules
from django.conf import settings
from django.utils import timezone

from clusterpolisee.core.permissions import (
    is_partner_admin,
    is_partner_staff,
    is_platform_admin,
    is_wg_coordinator,
    membership_of,
    partner_id_of,
)

# --- the partnership's internals -----------------------------------------------------------

# WG spaces, pilot actions, work packages, SC decisions and votes: every partner's staff
can_view_governance = is_platform_admin | is_partner_staff

rules.add_perm("workgroups.view_working_groups", can_view_governance)
rules.add_perm("workgroups.view_pilot_actions", can_view_governance)
rules.add_perm("workgroups.view_governance", can_view_governance)


# --- working groups ------------------------------------------------------------------------

@rules.predicate
def coordinates_the_wg(user, wg) -> bool:
    return bool(user.is_authenticated and wg is not None
                and wg.coordinators.filter(pk=user.pk).exists())


@rules.predicate
def works_for_a_member_partner(user, wg) -> bool:
    partner_id = partner_id_of(user)
    return bool(partner_id and wg is not None
                and wg.member_partners.filter(pk=partner_id).exists())


# staff of a member partner, the WG's coordinators and platform admins
is_wg_member = is_platform_admin | coordinates_the_wg | works_for_a_member_partner
# accept or decline requests to join, change member partners, record findings, pilot actions
may_manage_the_wg = is_platform_admin | coordinates_the_wg
# a partner admin whose partner is not yet a member
may_ask_to_join_the_wg = is_partner_admin & ~works_for_a_member_partner

rules.add_perm("workgroups.take_part_in_wg", is_wg_member)
rules.add_perm("workgroups.manage_wg", may_manage_the_wg)
rules.add_perm("workgroups.ask_to_join_wg", may_ask_to_join_the_wg)


# --- pilot actions -------------------------------------------------------------------------

@rules.predicate
def coordinates_the_pilots_wg(user, pilot) -> bool:
    return pilot is not None and coordinates_the_wg(user, pilot.working_group)


# create, move through the lifecycle, evaluate: the WG's coordinators
rules.add_perm("workgroups.manage_pilot", is_platform_admin | coordinates_the_pilots_wg)


# --- the WG discussion board ---------------------------------------------------------------

def _group_of(post):
    return post.working_group if hasattr(post, "working_group") else post.topic.working_group


@rules.predicate
def is_the_posts_author(user, post) -> bool:
    return bool(user.is_authenticated and post is not None and post.author_id == user.pk)


@rules.predicate
def is_within_the_edit_window(user, post) -> bool:
    # the same window as consultation comments: one setting for "you may still correct it"
    window = settings.CONSULTATION_EDIT_WINDOW_MINUTES * 60
    return post is not None and (timezone.now() - post.created_at).total_seconds() < window


@rules.predicate
def is_member_of_the_posts_group(user, post) -> bool:
    return post is not None and is_wg_member(user, _group_of(post))


# platform admins may correct any post, as they always could
rules.add_perm("workgroups.edit_post",
               is_platform_admin | (is_the_posts_author & is_within_the_edit_window
                                    & is_member_of_the_posts_group))


# --- Steering Committee --------------------------------------------------------------------

@rules.predicate
def is_an_admin_of_the_lead_partner(user) -> bool:
    membership = membership_of(user)
    return bool(membership and membership.is_admin and membership.partner.is_lead_partner)


@rules.predicate
def casts_the_partners_sc_vote(user) -> bool:
    """The partner's SC representative or, while its seat names nobody, its partner admin
    (``selectors.sc_voter_partner`` says for which partner)."""
    from .selectors import sc_voter_partner

    return sc_voter_partner(user) is not None


rules.add_perm("workgroups.propose_decision", is_platform_admin | is_an_admin_of_the_lead_partner)
rules.add_perm("workgroups.vote_in_sc", casts_the_partners_sc_vote)


# --- events --------------------------------------------------------------------------------

can_view_events = rules.is_authenticated
# the people who run events: WG coordinators and platform admins
can_manage_events = is_platform_admin | is_wg_coordinator

rules.add_perm("workgroups.view_events", can_view_events)
rules.add_perm("workgroups.manage_events", can_manage_events)
# Who else registered for an event (names and partners) is for the partnership: its staff,
# the people who run events and platform admins. Stakeholders, approved or still pending,
# see how many places are taken and their own registration, never the list of people.
rules.add_perm("workgroups.view_event_registrants",
               is_partner_staff | is_platform_admin | can_manage_events)
