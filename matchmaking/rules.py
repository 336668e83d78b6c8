"""Who may do what in WG3 matchmaking: django-rules predicates named as sentences, registered
as ``matchmaking.<action>`` and asked as ``allowed(user, "matchmaking.<action>", obj)`` /
``check_perm`` (the rule's own answer: a platform admin gets what the rules below give
them, not Django's "a superuser has every permission").

Taking part (profiles, opportunities, interest, B2B meetings) is for a *participant*: partner
staff, acting for their partner, and approved stakeholders, acting for the organisation named
in their stakeholder profile (``participant_of``). Moderating and brokering belong to the
coordinators of the working group named by ``settings.MATCHMAKING_WORKING_GROUP`` (WG3) and
to platform admins.

A stakeholder organisation is known by its name (compared case-insensitively) and country as
recorded in the stakeholder profile. It has one matchmaking profile, kept by the stakeholder
who created it; opportunities are their author's. Approval vouches for a person, not for
everyone who types the same organisation name, so changing the profile or an opportunity,
seeing it unmoderated and seeing the interests introduced to it stay with that person. A
colleague of the same organisation is still "the same side" for expressing interest: nobody
expresses interest in their own organisation's opportunity.
"""
from dataclasses import dataclass

import rules
from django.conf import settings
from django.db.models import Q

from clusterpolisee.core.permissions import (
    is_approved_stakeholder,
    is_partner_staff,
    is_platform_admin,
    is_stakeholder,
    membership_of,
)


@dataclass(frozen=True)
class Participant:
    """The side a person acts for in matchmaking: a partner, or a stakeholder organisation."""

    user: object
    country_id: int
    partner: object = None
    organisation_name: str = ""

    @property
    def is_partner(self) -> bool:
        return self.partner is not None

    @property
    def partner_id(self):
        return self.partner.pk if self.partner is not None else None

    @property
    def label(self) -> str:
        return self.partner.label if self.partner is not None else self.organisation_name

    def owner_fields(self) -> dict:
        """What an owned record (profile, opportunity) says about its owner."""
        return {"partner": self.partner,
                "organisation_name": "" if self.partner is not None else self.organisation_name,
                "country_id": self.country_id}

    def owns(self, obj, *, author: str = "created_by") -> bool:
        """The record is this side's to change: the partner's, or this stakeholder's own."""
        if obj.partner_id or self.partner is not None:
            return obj.partner_id == self.partner_id
        return getattr(obj, f"{author}_id") == self.user.pk

    def owns_q(self, *, author: str = "created_by", prefix: str = "") -> Q:
        if self.partner is not None:
            return Q(**{f"{prefix}partner_id": self.partner_id})
        return Q(**{f"{prefix}partner__isnull": True, f"{prefix}{author}": self.user})

    def is_same_organisation(self, obj) -> bool:
        """The record belongs to this side's organisation, whoever of its people wrote it."""
        if obj.partner_id or self.partner is not None:
            return obj.partner_id == self.partner_id
        return (obj.country_id == self.country_id
                and obj.organisation_name.strip().casefold()
                == self.organisation_name.strip().casefold())


def participant_of(user) -> Participant | None:
    """The side ``user`` acts for, or None if they do not take part in matchmaking."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_partner_staff(user):
        partner = membership_of(user).partner
        return Participant(user=user, partner=partner, country_id=partner.country_id)
    if is_approved_stakeholder(user):
        profile = user.stakeholder_profile
        return Participant(user=user, organisation_name=profile.organisation.strip(),
                           country_id=profile.country_id)
    return None


# --- who the person is ---------------------------------------------------------------------

@rules.predicate
def is_a_matchmaking_participant(user) -> bool:
    return participant_of(user) is not None


@rules.predicate
def is_awaiting_approval(user) -> bool:
    """A stakeholder who signed up and whose registration nobody has approved yet."""
    if not is_stakeholder(user):
        return False
    profile = getattr(user, "stakeholder_profile", None)
    return bool(profile and profile.state == profile.State.PENDING)


@rules.predicate
def coordinates_the_matchmaking_working_group(user) -> bool:
    """A coordinator of WG3 (always partner staff). Asked on most matchmaking pages, several
    times each: the answer is kept on the user object for the request."""
    if not user.is_authenticated or not is_partner_staff(user):
        return False
    cached = getattr(user, "_moderates_matchmaking", None)
    if cached is None:
        cached = user.coordinated_working_groups.filter(
            code=settings.MATCHMAKING_WORKING_GROUP).exists()
        user._moderates_matchmaking = cached
    return cached


may_moderate_matchmaking = is_platform_admin | coordinates_the_matchmaking_working_group


# --- the person and the record ---------------------------------------------------------------

@rules.predicate
def is_own_opportunity(user, opportunity) -> bool:
    """The user's side: staff of the owning partner, or its author for an organisation."""
    participant = participant_of(user)
    return bool(participant and participant.owns(opportunity))


@rules.predicate
def is_own_profile(user, profile) -> bool:
    participant = participant_of(user)
    return bool(participant and participant.owns(profile, author="owner"))


@rules.predicate
def is_own_organisations_opportunity(user, opportunity) -> bool:
    participant = participant_of(user)
    return bool(participant and participant.is_same_organisation(opportunity))


@rules.predicate
def is_awaiting_moderation_or_returned(user, opportunity) -> bool:
    from .models import Opportunity

    return opportunity.status in (Opportunity.Status.SUBMITTED, Opportunity.Status.RETURNED)


@rules.predicate
def is_published(user, opportunity) -> bool:
    from .models import Opportunity

    return opportunity.status == Opportunity.Status.PUBLISHED


@rules.predicate
def is_introduced(user, interest) -> bool:
    """The expression of interest reached the introduction: both sides may see each other."""
    return interest.is_revealed


@rules.predicate
def is_the_slots_owner(user, meeting) -> bool:
    return user.is_authenticated and meeting.slot.participant_id == user.pk


# --- the permissions -------------------------------------------------------------------------

# the matchmaking pages at all, and the nav link (WG3 coordinators are partner staff)
rules.add_perm("matchmaking.use_matchmaking", is_a_matchmaking_participant | is_platform_admin)
rules.add_perm("matchmaking.keep_profile", is_a_matchmaking_participant)
rules.add_perm("matchmaking.change_profile", is_own_profile)
rules.add_perm("matchmaking.add_opportunity", is_a_matchmaking_participant)
rules.add_perm("matchmaking.change_opportunity",
               is_own_opportunity & is_awaiting_moderation_or_returned)
rules.add_perm("matchmaking.express_interest",
               is_a_matchmaking_participant & is_published & ~is_own_organisations_opportunity)
rules.add_perm("matchmaking.see_suggestions",
               is_published & (is_own_opportunity | may_moderate_matchmaking))
# publish / return / reject, change the tags, merge duplicates
rules.add_perm("matchmaking.moderate_opportunity", may_moderate_matchmaking)
# review, introduce, decline, meeting held, outcome
rules.add_perm("matchmaking.broker_interest", may_moderate_matchmaking)
rules.add_perm("matchmaking.see_contact_details", is_introduced | may_moderate_matchmaking)
# the coordinators' dashboard, its CSV export and its nav link
rules.add_perm("matchmaking.coordinate", may_moderate_matchmaking)
rules.add_perm("matchmaking.take_part_in_b2b", is_a_matchmaking_participant)
rules.add_perm("matchmaking.answer_meeting_request",
               is_the_slots_owner & is_a_matchmaking_participant)
