"""The dashboard's "Needs you": what waits for this user, soonest due first.

Every kind of item comes from the selector that owns it, with the permission that decides
who acts on it, so a person sees only what they may do: their partner's votes if they cast
them, their partner's deliverables, the join requests of the WGs they coordinate, and so
on. Each source costs one or two queries whatever the amount of data (a few items each,
plus a count where a list would be long).
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterpolisee.core.permissions import allowed
from clusterpolisee.users.selectors import stakeholders_waiting_count
from consultations.selectors import consultations_open_to, flagged_count_for
from knowledge.selectors import practices_awaiting_opinion_of, submissions_returned_to
from matchmaking.selectors import interests_awaiting, meeting_requests_awaiting
from workgroups.selectors import (
    decisions_awaiting_vote_of,
    deliverables_due_of,
    join_requests_to_decide_by,
    sc_voter_partner,
)

PER_KIND = 5  # items of one kind on the dashboard; the rest is one link away
CLOSING_WITHIN = timedelta(days=14)
DELIVERABLES_WITHIN_DAYS = 14


@dataclass(slots=True)
class NeedItem:
    kind: str          # machine name, for styling and tests
    label: str         # what kind of thing it is, for the reader
    title: str
    url: str
    due: datetime | None = None
    detail: str = ""
    overdue: bool = False

    @property
    def sort_key(self):
        # dated items first, soonest due; undated ones after, in the order they came
        if self.due is None:
            return (1, datetime.max.replace(tzinfo=timezone.get_current_timezone()))
        return (0, self.due)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def needs_of(user, *, partner=None, membership=None) -> list[NeedItem]:
    """Everything waiting for ``user``, ranked by due date (undated last)."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    items: list[NeedItem] = []

    voter_for = sc_voter_partner(user)
    for decision in decisions_awaiting_vote_of(voter_for)[:PER_KIND]:
        items.append(NeedItem("vote", _("Steering Committee vote"), decision.title,
                              decision.get_absolute_url(), due=decision.deadline,
                              detail=_("Your partner has not voted yet.")))

    for consultation in consultations_open_to(user).filter(
            closes_at__lte=now + CLOSING_WITHIN)[:PER_KIND]:
        items.append(NeedItem("consultation", _("Consultation closing"), consultation.title,
                              consultation.get_absolute_url(), due=consultation.closes_at))

    for deliverable in deliverables_due_of(partner, within_days=DELIVERABLES_WITHIN_DAYS)[
            :PER_KIND]:
        items.append(NeedItem(
            "deliverable", _("Deliverable"), f"{deliverable.code} {deliverable.title}",
            reverse("workgroups:wp", args=[deliverable.work_package.code]),
            due=_end_of(deliverable.due_date),
            overdue=deliverable.due_date < timezone.localdate()))

    for meeting in meeting_requests_awaiting(user)[:PER_KIND]:
        items.append(NeedItem(
            "meeting", _("B2B meeting request"),
            _("%(person)s asks to meet you") % {"person": meeting.requester},
            reverse("matchmaking:b2b", args=[meeting.slot.event_id]), due=meeting.starts_at,
            detail=meeting.slot.event.title))

    for interest in interests_awaiting(user)[:PER_KIND]:
        items.append(NeedItem("interest", _("Expression of interest"), str(interest.opportunity),
                              interest.get_absolute_url(), detail=interest.get_state_display()))

    for practice in submissions_returned_to(user)[:PER_KIND]:
        items.append(NeedItem("submission", _("Submission returned for changes"),
                              practice.draft_title or practice.title,
                              reverse("knowledge:submission", args=[practice.pk])))

    for practice in practices_awaiting_opinion_of(user)[:PER_KIND]:
        items.append(NeedItem("opinion", _("Expert opinion asked of you"),
                              practice.draft_title or practice.title,
                              reverse("knowledge:opinion_write", args=[practice.pk])))

    for join_request in join_requests_to_decide_by(user)[:PER_KIND]:
        items.append(NeedItem(
            "join_request", _("Request to join"),
            _("%(partner)s asks to join %(wg)s") % {"partner": join_request.partner,
                                                    "wg": join_request.working_group.code},
            reverse("workgroups:detail", args=[join_request.working_group.code])))

    if allowed(user, "users.approve_stakeholders"):
        waiting = stakeholders_waiting_count()
        if waiting:
            items.append(NeedItem(
                "stakeholders", _("Stakeholder approvals"),
                ngettext("%(n)s stakeholder waits for approval",
                         "%(n)s stakeholders wait for approval", waiting) % {"n": waiting},
                reverse("consultations:stakeholders")))

    flagged = flagged_count_for(user)
    if flagged:
        items.append(NeedItem(
            "flagged", _("Moderation"),
            ngettext("%(n)s flagged comment waits in the moderation queue",
                     "%(n)s flagged comments wait in the moderation queue", flagged)
            % {"n": flagged},
            reverse("consultations:moderation_queue")))

    return sorted(items, key=lambda item: item.sort_key)
