"""Write-side of matchmaking: profiles, opportunities and their moderation, expressions of
interest and their brokering, B2B slots and meetings. Every function checks who acts, by
asking the ``matchmaking.*`` permission of ``rules.py`` (``check_perm``).

Profiles and opportunities are written from values (a form's cleaned data): the fields in
``PROFILE_FIELDS`` / ``OPPORTUNITY_FIELDS``, given to the service with the record to change
(or none, or a new unsaved one, to create).
"""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import check_perm
from clusterpolisee.core.services import activity_record
from workgroups.models import Event

from .models import Interest, InterestTransition, MeetingRequest, Opportunity, Profile, Slot
from .rules import is_own_organisations_opportunity, participant_of

# what the person writes; who owns the record, its status and the rest are the services'
PROFILE_FIELDS = ("regions", "size", "offers", "seeks", "languages", "contact_persons")
OPPORTUNITY_FIELDS = ("direction", "kind", "title", "description", "deadline")

ONLY_COORDINATORS = gettext_lazy("Only the matchmaking coordinators may do this.")


def _set_values(record, values: dict, allowed_fields) -> None:
    unknown = set(values) - set(allowed_fields)
    if unknown:
        raise TypeError(f"not fields a person writes: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(record, name, value)


def _record(*, user, verb, target, partner=None, detail="", public_to_partners=False):
    """What concerns a partner goes to its staff; what concerns only a stakeholder
    organisation stays in the audit log, so that nothing unmoderated or unintroduced
    reaches every partner's feed."""
    if public_to_partners:
        visibility = Activity.Visibility.PARTNERS
    elif partner is not None:
        visibility = Activity.Visibility.PARTNER
    else:
        visibility = Activity.Visibility.AUDIT
    activity_record(actor=user, verb=verb, target=target, partner=partner, detail=detail,
                    visibility=visibility)


def _update_search(opportunity):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        Opportunity.objects.filter(pk=opportunity.pk).update(
            search=SearchVector("title", weight="A", config="english")
            + SearchVector("description", weight="B", config="english"))


# --- profiles ---------------------------------------------------------------------------

@transaction.atomic
def profile_save(*, user, profile: Profile | None = None, sectors=(), countries=(), **values
                 ) -> Profile:
    """Create or change the profile of the side the user acts for, with ``values`` (of
    ``PROFILE_FIELDS``). A partner's staff share their partner's profile; a stakeholder
    organisation's profile is its keeper's."""
    check_perm(user, "matchmaking.keep_profile",
               message=_("You may not keep a matchmaking profile."))
    profile = Profile() if profile is None else profile
    if profile.pk:
        check_perm(user, "matchmaking.change_profile", profile,
                   message=_("This is another organisation's profile."))
    participant = participant_of(user)
    if not profile.pk and not participant.is_partner:
        from .selectors import profile_of_side

        existing = profile_of_side(organisation_name=participant.organisation_name,
                                   country_id=participant.country_id)
        if existing is not None:
            raise ValidationError(_(
                "%(organisation)s already has a matchmaking profile, kept by %(keeper)s. "
                "Ask them to change it.") % {"organisation": existing.organisation_name,
                                             "keeper": existing.owner or _("a colleague")})
    _set_values(profile, values, PROFILE_FIELDS)
    for name, value in participant.owner_fields().items():
        setattr(profile, name, value)
    profile.owner = user
    profile.full_clean()
    profile.save()
    profile.sectors.set(sectors)
    profile.countries.set(countries)
    return profile


# --- opportunities ----------------------------------------------------------------------

def _check_deadline(deadline):
    if deadline is not None and deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past.")})


@transaction.atomic
def opportunity_submit(*, user, opportunity: Opportunity | None = None, sectors=(),
                       target_countries=(), **values) -> Opportunity:
    """Create an opportunity, or change one that is awaiting moderation or was returned,
    with ``values`` (of ``OPPORTUNITY_FIELDS``); either way it goes (back) to the
    coordinators' queue."""
    opportunity = Opportunity() if opportunity is None else opportunity
    if opportunity.pk:
        check_perm(user, "matchmaking.change_opportunity", opportunity,
                   message=_("You may not change this opportunity."))
    else:
        check_perm(user, "matchmaking.add_opportunity",
                   message=_("You may not publish opportunities."))
        for name, value in participant_of(user).owner_fields().items():
            setattr(opportunity, name, value)
        opportunity.created_by = user
    _set_values(opportunity, values, OPPORTUNITY_FIELDS)
    if not sectors:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    _check_deadline(opportunity.deadline)
    opportunity.status = Opportunity.Status.SUBMITTED
    opportunity.full_clean(exclude=["search"])
    opportunity.save()
    opportunity.sectors.set(sectors)
    opportunity.target_countries.set(target_countries)
    _update_search(opportunity)
    _record(user=user, verb="matchmaking.submitted", target=opportunity,
            partner=opportunity.partner)
    return opportunity


@transaction.atomic
def opportunity_moderate(*, user, opportunity: Opportunity, decision: str, comment: str = ""
                         ) -> Opportunity:
    """Publish, return with a comment, or reject a submitted opportunity."""
    check_perm(user, "matchmaking.moderate_opportunity", opportunity, message=ONLY_COORDINATORS)
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != Opportunity.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted opportunity can be moderated; this one is "
                                "“%(status)s”.") % {"status": opportunity.get_status_display()})
    targets = {"publish": Opportunity.Status.PUBLISHED, "return": Opportunity.Status.RETURNED,
               "reject": Opportunity.Status.REJECTED}
    if decision not in targets:
        raise ValidationError(_("Unknown moderation decision."))
    comment = comment.strip()
    if decision in ("return", "reject") and not comment:
        raise ValidationError(_("Say why, so the author knows what to change."))
    if decision == "publish":
        _check_deadline(opportunity.deadline)
        opportunity.published_at = timezone.now()
    opportunity.status = targets[decision]
    opportunity.moderation_comment = comment
    opportunity.moderated_by = user
    opportunity.save(update_fields=["status", "moderation_comment", "moderated_by",
                                    "published_at"])
    verb = {"publish": "matchmaking.published", "return": "matchmaking.returned",
            "reject": "matchmaking.rejected"}[decision]
    _record(user=user, verb=verb, target=opportunity, partner=opportunity.partner,
            detail=comment, public_to_partners=decision == "publish")
    return opportunity


@transaction.atomic
def opportunity_retag(*, user, opportunity: Opportunity, sectors, target_countries, kind
                      ) -> Opportunity:
    check_perm(user, "matchmaking.moderate_opportunity", opportunity, message=ONLY_COORDINATORS)
    if not sectors:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    if kind not in Opportunity.Kind.values:
        raise ValidationError({"kind": _("Unknown kind.")})
    opportunity.kind = kind
    opportunity.save(update_fields=["kind"])
    opportunity.sectors.set(sectors)
    opportunity.target_countries.set(target_countries)
    _record(user=user, verb="matchmaking.tagged", target=opportunity,
            partner=opportunity.partner)
    return opportunity


@transaction.atomic
def opportunity_merge(*, user, duplicate: Opportunity, into: Opportunity) -> Opportunity:
    """Mark ``duplicate`` as a duplicate of ``into`` and move its expressions of interest
    (those of people who had already expressed interest in ``into`` stay where they are)."""
    check_perm(user, "matchmaking.moderate_opportunity", duplicate, message=ONLY_COORDINATORS)
    if duplicate.pk == into.pk:
        raise ValidationError(_("An opportunity cannot be a duplicate of itself."))
    if into.status == Opportunity.Status.DUPLICATE:
        raise ValidationError(_("The opportunity to keep is itself a merged duplicate."))
    if duplicate.status == Opportunity.Status.DUPLICATE:
        raise ValidationError(_("This opportunity was already merged."))
    already = into.interests.values("user_id")
    moved = duplicate.interests.exclude(user_id__in=already).update(opportunity=into)
    # the item goes to the kept opportunity's side: it names the duplicate only if every
    # participant could already read it (published), never an unmoderated one's title
    named = (f"{duplicate.title} " if duplicate.status == Opportunity.Status.PUBLISHED
             else "")
    duplicate.status = Opportunity.Status.DUPLICATE
    duplicate.duplicate_of = into
    duplicate.save(update_fields=["status", "duplicate_of"])
    _record(user=user, verb="matchmaking.merged", target=into, partner=into.partner,
            detail=f"#{duplicate.pk} {named}({moved})")
    return into


# --- expressions of interest ------------------------------------------------------------

@transaction.atomic
def interest_express(*, user, opportunity: Opportunity, message: str) -> Interest:
    # the two reasons a participant may not express interest get a sentence of their own,
    # before the permission (which says the same) refuses everybody else
    if is_own_organisations_opportunity(user, opportunity):
        raise ValidationError(_("You cannot express interest in your own organisation's "
                                "opportunity."))
    if opportunity.status != Opportunity.Status.PUBLISHED:
        raise ValidationError(_("This opportunity is not published; interest cannot be "
                                "expressed."))
    check_perm(user, "matchmaking.express_interest", opportunity,
               message=_("You may not express interest in opportunities."))
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a short message for the coordinators.")})
    if Interest.objects.filter(opportunity=opportunity, user=user).exists():
        raise ValidationError(_("You have already expressed interest in this opportunity."))
    participant = participant_of(user)
    interest = Interest(opportunity=opportunity, user=user, message=message,
                        partner=participant.partner)
    interest.full_clean()
    interest.save()
    InterestTransition.objects.create(interest=interest, to_state=interest.state, by=user)
    # the interested side only: the opportunity's side hears of it at the introduction
    _record(user=user, verb="matchmaking.interest_expressed", target=opportunity,
            partner=interest.partner)
    return interest


@transaction.atomic
def interest_move(*, user, interest: Interest, to_state: str, comment: str = "") -> Interest:
    """The coordinator brokers: review, introduce (both sides see each other's contact),
    decline with a reason, record the meeting and the outcome."""
    check_perm(user, "matchmaking.broker_interest", interest, message=ONLY_COORDINATORS)
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    next_states = Interest.TRANSITIONS.get(interest.state, [])
    if to_state not in next_states:
        raise ValidationError(_("An expression of interest cannot go from “%(from)s” to "
                                "“%(to)s”.") % {
            "from": interest.get_state_display(),
            "to": dict(Interest.State.choices).get(to_state, to_state)})
    comment = comment.strip()
    if to_state == Interest.State.DECLINED:
        if not comment:
            raise ValidationError(_("Give a reason for declining."))
        interest.reason = comment
    InterestTransition.objects.create(interest=interest, from_state=interest.state,
                                      to_state=to_state, by=user, comment=comment)
    interest.state = to_state
    interest.save(update_fields=["state", "reason", "updated_at"])
    _record(user=user, verb="matchmaking.interest_moved", target=interest.opportunity,
            partner=interest.partner, detail=interest.get_state_display())
    owner = interest.opportunity.partner
    if to_state == Interest.State.INTRODUCED and owner and owner != interest.partner:
        # the opportunity's side learns of the interest only now, with the introduction
        _record(user=user, verb="matchmaking.interest_moved", target=interest.opportunity,
                partner=owner, detail=interest.get_state_display())
    elif (to_state == Interest.State.INTRODUCED and owner is None
          and interest.opportunity.created_by_id):
        # a stakeholder's opportunity: its author hears of the introduction by name
        activity_record(actor=user, verb="matchmaking.interest_moved",
                        target=interest.opportunity, visibility=Activity.Visibility.AUDIT,
                        detail=interest.get_state_display(),
                        addressed_to=[interest.opportunity.created_by])
    return interest


# --- B2B meetings -----------------------------------------------------------------------

def _check_b2b_event(event):
    if event.kind != Event.Kind.MATCHMAKING:
        raise ValidationError(_("B2B meetings take place at matchmaking events only."))


@transaction.atomic
def slot_publish(*, user, event, starts_at, minutes: int) -> Slot:
    from datetime import timedelta

    _check_b2b_event(event)
    check_perm(user, "matchmaking.take_part_in_b2b",
               message=_("You may not take part in B2B meetings."))
    if not 10 <= minutes <= 120:
        raise ValidationError({"minutes": _("A slot lasts between 10 and 120 minutes.")})
    ends_at = starts_at + timedelta(minutes=minutes)
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise ValidationError({"starts_at": _("The slot must be within the event's time.")})
    if Slot.objects.filter(participant=user, event=event, starts_at__lt=ends_at,
                           ends_at__gt=starts_at).exists():
        raise ValidationError({"starts_at": _("You already have a slot at that time.")})
    slot = Slot(event=event, participant=user, starts_at=starts_at, ends_at=ends_at)
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def meeting_request(*, user, slot: Slot, message: str = "") -> MeetingRequest:
    check_perm(user, "matchmaking.take_part_in_b2b",
               message=_("You may not take part in B2B meetings."))
    if slot.participant_id == user.pk:
        raise ValidationError(_("This is your own slot."))
    accepted = MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED)
    if accepted.filter(slot=slot).exists():
        raise ValidationError(_("This slot is already taken."))
    if MeetingRequest.objects.filter(slot=slot, requester=user).exists():
        raise ValidationError(_("You have already asked for this slot."))
    meeting = MeetingRequest(slot=slot, requester=user, starts_at=slot.starts_at,
                             message=message.strip()[:500])
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_respond(*, user, meeting: MeetingRequest, accept: bool) -> MeetingRequest:
    """The slot's owner accepts or declines. Accepting a slot already taken (or a time the
    requester is already booked) is refused by the database, whatever races happen."""
    check_perm(user, "matchmaking.answer_meeting_request", meeting,
               message=_("Only the slot's owner may answer this request."))
    if meeting.status != MeetingRequest.Status.REQUESTED:
        raise ValidationError(_("This request was already answered."))
    if not accept:
        meeting.status = MeetingRequest.Status.DECLINED
        meeting.save(update_fields=["status"])
        return meeting
    if _busy(user, meeting.starts_at, exclude_slot=meeting.slot_id) or _busy(
            meeting.requester, meeting.starts_at):
        raise ValidationError(_("The slot is already taken: one of you has another meeting "
                                "at that time."))
    try:
        with transaction.atomic():
            meeting.status = MeetingRequest.Status.ACCEPTED
            meeting.save(update_fields=["status"])
            activity_record(actor=user, verb="matchmaking.meeting_accepted",
                            target=meeting.slot.event,
                            visibility=Activity.Visibility.AUDIT,
                            partner=getattr(participant_of(user), "partner", None))
    except IntegrityError as exc:
        meeting.status = MeetingRequest.Status.REQUESTED
        raise ValidationError(_("The slot is already taken.")) from exc
    return meeting


def _busy(user, starts_at, exclude_slot=None) -> bool:
    """An accepted meeting at that time, as slot owner or as requester."""
    from django.db.models import Q

    accepted = MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED,
                                             starts_at=starts_at)
    if exclude_slot:
        accepted = accepted.exclude(slot_id=exclude_slot)
    return accepted.filter(Q(slot__participant=user) | Q(requester=user)).exists()
