"""Write-side services for WG spaces, pilot actions, deliverables, SC decisions and events."""
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterpolisee.core.dates import validate_sensible_date
from clusterpolisee.core.html import render_markdown, visible_text
from clusterpolisee.core.models import Activity
from clusterpolisee.core.permissions import allowed, check_perm, membership_of
from clusterpolisee.core.selectors import platform_admins
from clusterpolisee.core.services import activity_record

from .models import (
    CalendarFeedKey,
    Decision,
    Evaluation,
    Event,
    Finding,
    Indicator,
    JoinRequest,
    PilotAction,
    PilotTransition,
    Registration,
    Reply,
    Topic,
    Vote,
)
from .selectors import sc_voter_partner


def _wg_activity(*, user, verb, target, wg, partner=None):
    return activity_record(actor=user, verb=verb, target=target, working_group=wg,
                           partner=partner, visibility=Activity.Visibility.WORKING_GROUP)


# --- membership --------------------------------------------------------------------------

@transaction.atomic
def join_request_create(*, wg, user, message="") -> JoinRequest:
    check_perm(user, "workgroups.ask_to_join_wg", wg,
               message=_("Only a partner admin of a partner outside the group can ask to "
                         "join."))
    partner = membership_of(user).partner
    if JoinRequest.objects.filter(working_group=wg, partner=partner, status="pending").exists():
        raise ValidationError(_("Your partner has already asked to join %(wg)s; a coordinator "
                                "will answer.") % {"wg": wg.code})
    request = JoinRequest.objects.create(working_group=wg, partner=partner, requested_by=user,
                                         message=message)
    # a group without coordinators has nobody to answer: its request goes to the platform
    # admins, who may decide for any group
    deciders = () if wg.coordinators.exists() else platform_admins()
    activity_record(actor=user, verb="wg.join_requested", target=wg, working_group=wg,
                    partner=partner, visibility=Activity.Visibility.WORKING_GROUP,
                    addressed_to=deciders)
    return request


@transaction.atomic
def join_request_decide(*, join_request, user, accept: bool, comment="") -> JoinRequest:
    wg = join_request.working_group
    check_perm(user, "workgroups.manage_wg", wg,
               message=_("Only the group's coordinators can answer requests to join."))
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    join_request.status = (JoinRequest.Status.ACCEPTED if accept
                           else JoinRequest.Status.DECLINED)
    join_request.decided_by, join_request.decided_at = user, timezone.now()
    join_request.decision_comment = comment
    join_request.save()
    if accept:
        wg.member_partners.add(join_request.partner)
    activity_record(actor=user, verb="wg.joined" if accept else "wg.join_declined",
                    target=wg, working_group=wg, partner=join_request.partner,
                    visibility=(Activity.Visibility.WORKING_GROUP if accept
                                else Activity.Visibility.PARTNER),
                    detail=join_request.partner.name)
    return join_request


@transaction.atomic
def wg_remove_partner(*, wg, partner, user) -> None:
    check_perm(user, "workgroups.manage_wg", wg,
               message=_("Only the group's coordinators can change its members."))
    wg.member_partners.remove(partner)
    activity_record(actor=user, verb="wg.partner_removed", target=wg, working_group=wg,
                    partner=partner, visibility=Activity.Visibility.WORKING_GROUP,
                    detail=partner.name)


# --- discussion board --------------------------------------------------------------------

def _clean_body(body: str) -> str:
    """The Markdown as safe HTML; text that renders to nothing visible is refused."""
    cleaned = render_markdown(body)
    if not visible_text(cleaned):
        raise ValidationError({"body": _("Write something first.")})
    return cleaned


@transaction.atomic
def topic_create(*, wg, user, title: str, body: str) -> Topic:
    check_perm(user, "workgroups.take_part_in_wg", wg,
               message=_("Only members of %(wg)s can take part in its discussions.")
               % {"wg": wg.code})
    topic = Topic(working_group=wg, title=title.strip(), body=_clean_body(body), source=body,
                  author=user)
    topic.full_clean()
    topic.save()
    _wg_activity(user=user, verb="wg.topic_created", target=topic, wg=wg)
    return topic


def _check_may_edit(user, post):
    """Somebody else's post is refused; the author past the edit window is told why."""
    if post.author_id != user.pk:
        check_perm(user, "workgroups.edit_post", post,
                   message=_("Only the author edits a post."))
    elif not allowed(user, "workgroups.edit_post", post):
        raise ValidationError(_("Posts can be edited for %(minutes)s minutes after posting.")
                              % {"minutes": settings.CONSULTATION_EDIT_WINDOW_MINUTES})


@transaction.atomic
def topic_edit(*, topic, user, title: str, body: str) -> Topic:
    """The author corrects a topic within the edit window."""
    _check_may_edit(user, topic)
    topic.title, topic.body, topic.source = title.strip(), _clean_body(body), body
    topic.edited_at = timezone.now()
    topic.full_clean()
    topic.save(update_fields=["title", "body", "source", "edited_at"])
    return topic


@transaction.atomic
def reply_edit(*, reply, user, body: str) -> Reply:
    """The author corrects a reply within the edit window."""
    _check_may_edit(user, reply)
    reply.body, reply.source, reply.edited_at = _clean_body(body), body, timezone.now()
    reply.full_clean()
    reply.save(update_fields=["body", "source", "edited_at"])
    return reply


@transaction.atomic
def reply_create(*, topic, user, body: str) -> Reply:
    check_perm(user, "workgroups.take_part_in_wg", topic.working_group,
               message=_("Only members of %(wg)s can take part in its discussions.")
               % {"wg": topic.working_group.code})
    reply = Reply(topic=topic, body=_clean_body(body), source=body, author=user)
    reply.full_clean()
    reply.save()
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=timezone.now())
    _wg_activity(user=user, verb="wg.replied", target=topic, wg=topic.working_group)
    return reply


@transaction.atomic
def finding_create(*, wg, stage, user, title: str, body: str) -> Finding:
    check_perm(user, "workgroups.manage_wg", wg,
               message=_("Only the group's coordinators record findings."))
    finding = Finding(working_group=wg, stage=stage, title=title.strip(),
                      body=_clean_body(body), author=user)
    finding.full_clean()
    finding.save()
    _wg_activity(user=user, verb="wg.finding_recorded", target=finding, wg=wg)
    return finding


# --- pilot actions ---------------------------------------------------------------------------

NEXT_STATUS = {
    PilotAction.Status.PROPOSED: PilotAction.Status.APPROVED,
    PilotAction.Status.APPROVED: PilotAction.Status.RUNNING,
    PilotAction.Status.RUNNING: PilotAction.Status.EVALUATED,
    PilotAction.Status.EVALUATED: PilotAction.Status.CLOSED,
}


@transaction.atomic
def pilot_create(*, wg, user, stage, title, objectives, region, partner, indicators) -> PilotAction:
    """``indicators``: (name, unit, baseline, target) tuples, numbers already parsed."""
    check_perm(user, "workgroups.manage_wg", wg,
               message=_("Only the group's coordinators create pilot actions."))
    pilot = PilotAction(working_group=wg, stage=stage, title=title.strip(),
                        objectives=objectives, region=region, partner=partner,
                        created_by=user)
    pilot.full_clean()
    pilot.save()
    for name, unit, baseline, target in indicators:
        indicator = Indicator(pilot_action=pilot, name=name, unit=unit, baseline=baseline,
                              target=target)
        indicator.full_clean()
        indicator.save()
    _wg_activity(user=user, verb="pilot.created", target=pilot, wg=wg, partner=partner)
    return pilot


@transaction.atomic
def pilot_transition(*, pilot, user, to_status: str, comment: str = "") -> PilotAction:
    check_perm(user, "workgroups.manage_pilot", pilot,
               message=_("Only the group's coordinators move pilot actions on."))
    pilot = PilotAction.objects.select_for_update().get(pk=pilot.pk)
    expected = NEXT_STATUS.get(pilot.status)
    if to_status != expected:
        raise ValidationError(
            _("A pilot action that is %(current)s can only move to %(next)s.")
            % {"current": pilot.get_status_display().lower(),
               "next": PilotAction.Status(expected).label.lower() if expected else "—"})
    if to_status == PilotAction.Status.EVALUATED and not Evaluation.objects.filter(
            pilot_action=pilot).exists():
        raise ValidationError(_("Record the evaluation before marking the pilot action as "
                                "evaluated."))
    PilotTransition.objects.create(pilot_action=pilot, from_status=pilot.status,
                                   to_status=to_status, by=user, comment=comment)
    pilot.status = to_status
    pilot.save(update_fields=["status", "updated_at"])
    activity_record(actor=user, verb="pilot.transitioned", target=pilot,
                    working_group=pilot.working_group, partner=pilot.partner,
                    visibility=Activity.Visibility.WORKING_GROUP,
                    # the line says where it went: "moved on the pilot action X (Running)"
                    detail=pilot.get_status_display())
    return pilot


@transaction.atomic
def pilot_evaluate(*, pilot, user, method, findings, lessons, results) -> Evaluation:
    """``results``: {indicator id: (achieved, score)}."""
    check_perm(user, "workgroups.manage_pilot", pilot,
               message=_("Only the group's coordinators evaluate pilot actions."))
    pilot = PilotAction.objects.select_for_update().get(pk=pilot.pk)
    if pilot.status not in (PilotAction.Status.RUNNING, PilotAction.Status.EVALUATED):
        raise ValidationError(_("Only a running pilot action can be evaluated."))
    evaluation, _created = Evaluation.objects.update_or_create(
        pilot_action=pilot, defaults={"method": method, "findings": findings,
                                      "lessons": lessons, "evaluated_by": user})
    for indicator in pilot.indicators.all():
        achieved, score = results.get(indicator.pk, (None, None))
        indicator.achieved, indicator.score = achieved, score
        indicator.full_clean()
        indicator.save(update_fields=["achieved", "score"])
    _wg_activity(user=user, verb="pilot.evaluated", target=pilot, wg=pilot.working_group,
                 partner=pilot.partner)
    return evaluation


# --- Steering Committee ------------------------------------------------------------------------

def default_quorum(electorate: int) -> int:
    """More than half of the partners."""
    return electorate // 2 + 1


@transaction.atomic
def decision_create(*, user, title, text, deadline, meeting=None, quorum=None) -> Decision:
    check_perm(user, "workgroups.propose_decision",
               message=_("Only the lead partner's admins and platform admins put decisions "
                         "to the vote."))
    return decision_put_to_vote(user=user, title=title, text=text, deadline=deadline,
                                meeting=meeting, quorum=quorum)


@transaction.atomic
def decision_put_to_vote(*, user, title, text, deadline, meeting=None, quorum=None
                         ) -> Decision:
    """Open the vote itself. For callers that have decided who may propose: the general
    rule above, or a feature's own (a strategy's editors put its versions to the vote)."""
    from partners.models import Partner

    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The voting deadline must be in the future.")})
    electorate = Partner.objects.active().count()
    quorum = quorum or default_quorum(electorate)
    if not 1 <= quorum <= electorate:
        raise ValidationError({"quorum": _("The quorum must be between 1 and %(n)s.")
                               % {"n": electorate}})
    decision = Decision(title=title, text=text, deadline=deadline, meeting=meeting,
                        quorum=quorum, electorate=electorate, created_by=user)
    decision.full_clean()
    decision.save()
    activity_record(actor=user, verb="sc.decision_opened", target=decision,
                    visibility=Activity.Visibility.PARTNERS)
    return decision


def decision_is_open(decision) -> bool:
    return decision.closed_at is None and decision.deadline > timezone.now()


def decision_close_if_due(decision) -> Decision:
    """Close a decision whose deadline passed or that every partner has voted on."""
    if decision.closed_at is not None:
        return decision
    all_voted = decision.votes.count() >= decision.electorate
    if decision.deadline <= timezone.now() or all_voted:
        _decision_close(decision)
    return decision


def decisions_close_past_deadline(*, now=None) -> list[int]:
    """Close every decision whose voting deadline has passed; the ids it closed.

    What the beat task calls (``workgroups.tasks.close_decisions_past_deadline``): the
    same close, activity and notifications as when somebody opens the decision after its
    deadline. Safe to run twice or twice at once: each close is one conditional UPDATE.
    """
    now = now or timezone.now()
    due = (Decision.objects.filter(closed_at=None, deadline__lte=now)
           .order_by("deadline", "id"))
    return [decision.pk for decision in due if _decision_close(decision, now=now)]


def _decision_close(decision, *, now=None) -> bool:
    """Close ``decision`` unless somebody else already did; record it once.

    ``UPDATE ... WHERE closed_at IS NULL`` takes the row lock: of two concurrent closes,
    the second waits, re-reads the row and updates nothing, so it records nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Decision.objects.filter(pk=decision.pk, closed_at=None).update(
            closed_at=min(now, decision.deadline))
        decision.refresh_from_db()
        if updated:
            activity_record(actor=None, verb="sc.decision_closed", target=decision,
                            visibility=Activity.Visibility.PARTNERS,
                            detail=str(decision_outcome(decision)["label"]))
    return bool(updated)


def decision_outcome(decision) -> dict:
    """The result once voting has closed. While it is open, only how many partners have
    voted (``cast``): the tally (``counts``) is ``None``, since a running tally next to
    the list of who has voted would tell each partner's vote."""
    counts = {choice: 0 for choice in Vote.Choice.values}
    for choice in decision.votes.values_list("choice", flat=True):
        counts[choice] += 1
    cast = sum(counts.values())
    quorate = cast >= decision.quorum
    if decision.closed_at is None and decision_is_open(decision):
        return {"counts": None, "cast": cast, "quorate": quorate, "label": _("Voting is open")}
    if not quorate:
        label = _("No quorum: %(cast)s of %(quorum)s votes needed") % {
            "cast": cast, "quorum": decision.quorum}
    elif counts["yes"] > counts["no"]:
        label = _("Adopted")
    else:
        label = _("Rejected")
    return {"counts": counts, "cast": cast, "quorate": quorate, "label": label}


def vote_cast(*, decision, user, choice: str) -> Vote:
    """Record the partner's one vote. The database refuses a second vote for a partner even
    when two requests race; a vote cannot be changed."""
    check_perm(user, "workgroups.vote_in_sc",
               message=_("Only the partner's Steering Committee representative (or, if none "
                         "is named, its partner admin) can vote."))
    partner = sc_voter_partner(user)
    if choice not in Vote.Choice.values:
        raise ValidationError(_("Choose yes, no or abstain."))
    decision_close_if_due(decision)
    if not decision_is_open(decision):
        raise ValidationError(_("Voting on this decision has closed."))
    try:
        with transaction.atomic():
            vote = Vote.objects.create(decision=decision, partner=partner, choice=choice,
                                       cast_by=user)
            activity_record(actor=user, verb="sc.voted", target=decision, partner=partner,
                            visibility=Activity.Visibility.AUDIT, detail=partner.name)
    except IntegrityError as exc:
        raise ValidationError(_("%(partner)s has already voted on this decision.")
                              % {"partner": partner.label}) from exc
    decision_close_if_due(decision)
    return vote


# --- events -------------------------------------------------------------------------------------

@transaction.atomic
def event_save(*, user, event: Event, working_groups=(), work_packages=()) -> Event:
    check_perm(user, "workgroups.manage_events",
               message=_("Only WG coordinators and platform admins create events."))
    for name in ("starts_at", "ends_at"):
        try:
            validate_sensible_date(getattr(event, name))
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from error
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    if event.pk and event.capacity is not None:
        taken = event.registrations.count()
        if event.capacity < taken:
            raise ValidationError({"capacity": _(
                "%(n)s people have already registered; the capacity cannot be lower.")
                % {"n": taken}})
    created = event.pk is None
    event.created_by = event.created_by or user
    event.full_clean()
    event.save()
    event.working_groups.set(working_groups)
    event.work_packages.set(work_packages)
    if created:
        activity_record(actor=user, verb="event.created", target=event,
                        visibility=Activity.Visibility.PARTNERS)
    return event


@transaction.atomic
def event_register(*, event, user) -> Registration:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This event is over."))
    if Registration.objects.filter(event=event, user=user).exists():
        raise ValidationError(_("You are already registered."))
    if event.capacity is not None and event.registrations.count() >= event.capacity:
        raise ValidationError(_("The event is full."))
    return Registration.objects.create(event=event, user=user)


@transaction.atomic
def event_unregister(*, event, user) -> None:
    Registration.objects.filter(event=event, user=user).delete()


# --- personal calendar feed -------------------------------------------------------------------

FEED_SALT = "workgroups.calendar-feed"


def calendar_feed_token(user) -> str:
    """The signed part of the user's calendar-feed address."""
    key = CalendarFeedKey.objects.filter(user=user).values_list("key", flat=True).first()
    return signing.dumps(user.pk if key is None else [user.pk, key], salt=FEED_SALT)


def calendar_feed_user(token: str):
    """The active user whose current feed address carries ``token``, or None."""
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    if isinstance(data, int) and not isinstance(data, bool):
        user_id, key = data, None
    elif (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int)
          and isinstance(data[1], str)):
        user_id, key = data
    else:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    current = CalendarFeedKey.objects.filter(user=user).values_list("key", flat=True).first()
    return user if current == key else None


@transaction.atomic
def calendar_feed_rotate(*, user) -> str:
    """Give ``user`` a new feed address; the old one stops working. Returns the new token."""
    check_perm(user, "workgroups.view_events",
               message=_("Log in to change your calendar address."))
    CalendarFeedKey.objects.update_or_create(user=user,
                                             defaults={"key": secrets.token_urlsafe(24)})
    return calendar_feed_token(user)


# --- events from a form's values (workgroups/event_views.py) -----------------------------------

EVENT_FIELDS = ("title", "kind", "description", "timezone", "starts_at", "ends_at", "place",
                "online_url", "capacity")


def event_save_values(*, user, event: Event | None = None, working_groups=(), work_packages=(),
                      **values) -> Event:
    """Create an event, or change ``event``, with ``values`` (of ``EVENT_FIELDS``: the event
    form's cleaned data); who may and what is valid are ``event_save``'s."""
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"not fields of the event form: {', '.join(sorted(unknown))}")
    event = Event() if event is None else event
    for name, value in values.items():
        setattr(event, name, value)
    return event_save(user=user, event=event, working_groups=working_groups,
                      work_packages=work_packages)
