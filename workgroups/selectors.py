"""Read-side queries for working groups, work packages and committees."""
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from clusterpolisee.core import visibility as visibility_registry
from clusterpolisee.core.permissions import membership_of, partner_id_of
from partners.models import Partner

from .models import Committee, WorkingGroup, WorkPackage
from .rules import can_view_governance


def working_groups_of(user) -> QuerySet[WorkingGroup]:
    """The WGs a user takes part in, through their partner or as coordinator.

    Each carries ``n_partners`` and ``is_coordinator``.
    """
    if not user.is_authenticated:
        return WorkingGroup.objects.none()
    partner_id = partner_id_of(user)
    condition = Q(coordinators=user)
    if partner_id:
        condition |= Q(member_partners=partner_id)
    # a subquery rather than a join, so the count below sees every member partner
    ids = WorkingGroup.objects.filter(condition).values("id")
    coordinates = WorkingGroup.coordinators.through.objects.filter(
        workinggroup_id=OuterRef("pk"), user_id=user.pk)
    return (
        WorkingGroup.objects.filter(id__in=ids)
        .select_related("lead_partner")
        .annotate(n_partners=Count("member_partners", distinct=True),
                  is_coordinator=Exists(coordinates))
        .order_by("code")
    )


def partner_sits_on_stab(partner) -> bool:
    """Leaders of a WG or a WP sit on the advisory board (see ``stab_composition``)."""
    if partner is None:
        return False
    return (WorkingGroup.objects.filter(lead_partner=partner).exists()
            or WorkPackage.objects.filter(lead_partner=partner).exists())


def user_sits_on_stab(user) -> bool:
    """The advisory board's coordinator, or staff of a partner that leads a WG or a WP.

    One query, remembered on the user object for the rest of the request (the dashboard,
    the practice page and the opinion queue all ask)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_sits_on_stab", None)
    if cached is None:
        partner_id = partner_id_of(user)
        board = Exists(Committee.objects.filter(kind=Committee.Kind.ADVISORY,
                                                coordinator=OuterRef("pk")))
        if partner_id is not None:
            board = (board | Exists(WorkingGroup.objects.filter(lead_partner_id=partner_id))
                     | Exists(WorkPackage.objects.filter(lead_partner_id=partner_id)))
        cached = get_user_model()._default_manager.filter(pk=user.pk).filter(board).exists()
        user._sits_on_stab = cached
    return cached


def work_packages_led_by(partner) -> QuerySet[WorkPackage]:
    if partner is None:
        return WorkPackage.objects.none()
    return WorkPackage.objects.filter(lead_partner=partner).order_by("code")


def stab_composition() -> dict:
    """The advisory board, derived rather than stored so it cannot drift.

    Returns the coordinator (the lead partner's representative) and the partners that
    currently lead a WG or a WP, each with what they lead.
    """
    stab = Committee.objects.filter(kind=Committee.Kind.ADVISORY).select_related(
        "coordinator"
    ).first()
    leaders: dict[int, dict] = {}
    wgs = WorkingGroup.objects.exclude(lead_partner=None).select_related("lead_partner__country")
    wps = WorkPackage.objects.exclude(lead_partner=None).select_related("lead_partner__country")
    for item in [*wgs, *wps]:
        entry = leaders.setdefault(item.lead_partner_id,
                                   {"partner": item.lead_partner, "leads": []})
        entry["leads"].append(item.code)
    lead = Partner.objects.filter(is_lead_partner=True).first()
    return {
        "committee": stab,
        "coordinator": stab.coordinator if stab else None,
        "lead_partner": lead,
        "leaders": sorted(leaders.values(), key=lambda e: e["partner"].name),
    }


# --- WG spaces ------------------------------------------------------------------------------

def working_groups_for_index() -> QuerySet[WorkingGroup]:
    """Every WG with its leader and how many partners and pilot actions it has."""
    return (WorkingGroup.objects.select_related("lead_partner")
            .annotate(n_partners=Count("member_partners", distinct=True),
                      n_pilots=Count("pilot_actions", distinct=True)).order_by("code"))


def working_groups_managed_by(user) -> QuerySet[WorkingGroup]:
    """The WGs whose pilot actions the user may create: those they coordinate (every WG
    for platform admins)."""
    if not user.is_authenticated:
        return WorkingGroup.objects.none()
    groups = (WorkingGroup.objects.all() if user.is_superuser
              else user.coordinated_working_groups.all())
    return groups.order_by("code")


def wg_has_coordinators(wg) -> bool:
    return wg.coordinators.exists()


def member_partners_of(wg) -> QuerySet[Partner]:
    return wg.member_partners.all()


def wg_for_space(code: str) -> QuerySet[WorkingGroup]:
    from partners.models import Membership

    return WorkingGroup.objects.filter(code=code).select_related("lead_partner").prefetch_related(
        "coordinators",
        Prefetch("member_partners", queryset=Partner.objects.select_related("country")
                 .prefetch_related(Prefetch(
                     "memberships",
                     queryset=Membership.objects.select_related("user").order_by("user__email")))
                 .order_by("name")),
    )


def topics_of(wg) -> QuerySet:
    from .models import Topic

    return (Topic.objects.filter(working_group=wg).select_related("author", "working_group")
            .annotate(n_replies=Count("replies")))


def topics_for_page(wg) -> QuerySet:
    """The WG's topics, one of which a topic page or its edit form shows."""
    from .models import Topic

    return Topic.objects.filter(working_group=wg).select_related("author", "working_group")


def replies_of(topic) -> QuerySet:
    return topic.replies.select_related("author")


def replies_for_page(wg) -> QuerySet:
    """The replies in the WG's topics, one of which a reply's edit form shows."""
    from .models import Reply

    return Reply.objects.filter(topic__working_group=wg).select_related(
        "author", "topic__working_group")


def findings_of(wg) -> QuerySet:
    return wg.findings.select_related("stage", "author")


def documents_shared_with_wg(user, wg) -> QuerySet:
    """The documents shared with the WG that ``user`` may see, for a list."""
    from partners.selectors import documents_for_list, documents_visible_to

    return documents_for_list(documents_visible_to(user).filter(shares__working_group=wg))


def join_requests_of(wg) -> QuerySet:
    from .models import JoinRequest

    return JoinRequest.objects.filter(working_group=wg)


def pending_join_requests(wg) -> QuerySet:
    from .models import JoinRequest

    return JoinRequest.objects.filter(working_group=wg, status="pending").select_related(
        "partner", "requested_by")


def partner_has_asked_to_join(user, wg) -> bool:
    """Whether the user's partner has a request to join ``wg`` waiting for an answer."""
    from .models import JoinRequest

    return JoinRequest.objects.filter(working_group=wg, status="pending",
                                      partner_id=partner_id_of(user)).exists()


def wg_activity(wg, user, limit=15):
    """The WG's recent activity, as far as ``user`` may see each item now (a declined
    request to join stays with the partner that asked)."""
    from clusterpolisee.core.selectors import activities_visible_to

    return activities_visible_to(user).filter(working_group=wg)[:limit]


# --- matrix -----------------------------------------------------------------------------------

def matrix_cells(user) -> dict:
    """Counts of outputs per (WG id, stage id): findings, pilot actions, documents and good
    practices visible to the user, in a fixed number of grouped queries. Each count starts
    from the selector of what it counts, so a WG-internal finding is not counted for a
    partner outside the WG."""
    from partners.selectors import documents_visible_to

    cells: dict = {}

    def add(rows, key):
        for row in rows:
            cell = cells.setdefault((row["cell_wg"], row["cell_stage"]), {})
            cell[key] = cell.get(key, 0) + row["n"]

    add(findings_visible_to(user).order_by()
        .values(cell_wg=F("working_group_id"), cell_stage=F("stage_id"))
        .annotate(n=Count("id")), "findings")
    add(pilot_actions_visible_to(user).order_by()
        .values(cell_wg=F("working_group_id"), cell_stage=F("stage_id"))
        .annotate(n=Count("id")), "pilots")
    add(documents_visible_to(user).exclude(stage=None).filter(working_groups__isnull=False)
        .values(cell_wg=F("working_groups__id"), cell_stage=F("stage_id"))
        .annotate(n=Count("id")), "documents")
    # good practices through the library's registered selector: knowledge sits above
    # workgroups, so it is asked by label rather than imported
    practices = visibility_registry.visible_queryset("knowledge.goodpracticepage", user)
    if practices is not None:
        add(practices.filter(live=True).exclude(stage=None)
            .filter(working_groups__isnull=False).order_by()
            .values(cell_wg=F("working_groups__id"), cell_stage=F("stage_id"))
            .annotate(n=Count("id", distinct=True)), "practices")
    return cells


def matrix_rows(user) -> dict:
    """The WG x stage matrix: the stages (columns) and one row per WG with its cells'
    counts (``matrix_cells``)."""
    from .models import OperationalStage

    cells = matrix_cells(user)
    stages = list(OperationalStage.objects.order_by("number"))
    rows = [{"wg": wg, "cells": [{"stage": stage, **cells.get((wg.pk, stage.pk), {})}
                                 for stage in stages]}
            for wg in WorkingGroup.objects.order_by("code")]
    return {"stages": stages, "rows": rows}


# --- pilot actions ---------------------------------------------------------------------------

def pilot_actions_list() -> QuerySet:
    from .models import PilotAction

    return PilotAction.objects.select_related("working_group", "stage", "partner__country")


def pilot_for_detail(pk) -> QuerySet:
    from .models import PilotAction, PilotTransition

    return PilotAction.objects.filter(pk=pk).select_related(
        "working_group", "stage", "partner__country", "created_by").prefetch_related(
        "indicators", Prefetch("transitions",
                               queryset=PilotTransition.objects.select_related("by")))


# --- work packages -----------------------------------------------------------------------------

def overdue_deliverables_of(partner) -> QuerySet:
    from django.utils import timezone

    from .models import Deliverable

    if partner is None:
        return Deliverable.objects.none()
    return (Deliverable.objects.filter(partner=partner, due_date__lt=timezone.localdate())
            .exclude(status__in=Deliverable.DONE).select_related("work_package"))


def deliverables_due_of(partner, *, within_days: int = 14) -> QuerySet:
    """The partner's unfinished deliverables that are overdue or due within ``within_days``,
    soonest first."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import Deliverable

    if partner is None:
        return Deliverable.objects.none()
    horizon = timezone.localdate() + timedelta(days=within_days)
    return (Deliverable.objects.filter(partner=partner, due_date__lte=horizon)
            .exclude(status__in=Deliverable.DONE).select_related("work_package")
            .order_by("due_date", "code"))


def decisions_awaiting_vote_of(partner) -> QuerySet:
    """Open Steering Committee decisions the partner has not voted on, deadline first."""
    from django.utils import timezone

    from .models import Decision, Vote

    if partner is None:
        return Decision.objects.none()
    voted = Vote.objects.filter(decision=OuterRef("pk"), partner=partner)
    return (Decision.objects.filter(closed_at=None, deadline__gt=timezone.now())
            .exclude(Exists(voted)).order_by("deadline", "pk"))


def join_requests_to_decide_by(user) -> QuerySet:
    """Pending requests to join the WGs the user coordinates (every WG for platform
    admins), oldest first."""
    from .models import JoinRequest

    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related(
        "partner", "working_group")
    if not user.is_authenticated:
        return pending.none()
    if not (user.is_superuser and user.is_active):
        pending = pending.filter(working_group__coordinators=user)
    return pending.order_by("created_at", "pk")


def document_ids_of_wp_visible_to(user, wp) -> set[int]:
    """The ids of the WP's deliverable documents that ``user`` may open."""
    from partners.selectors import documents_visible_to

    return set(documents_visible_to(user).filter(deliverables__work_package=wp)
               .values_list("pk", flat=True))


def wp_for_page(code) -> QuerySet[WorkPackage]:
    from .models import Deliverable

    return WorkPackage.objects.filter(code=code).select_related("lead_partner").prefetch_related(
        Prefetch("deliverables", queryset=Deliverable.objects.select_related(
            "partner", "document")))


# --- Steering Committee and events ----------------------------------------------------------------

def decisions_list() -> QuerySet:
    from .models import Decision

    return (Decision.objects.select_related("meeting").annotate(n_votes=Count("votes"))
            .order_by("-created_at", "-id"))


def decision_for_page(pk) -> QuerySet:
    from .models import Decision

    return Decision.objects.filter(pk=pk).select_related("meeting")


def votes_of(decision) -> QuerySet:
    return decision.votes.select_related("cast_by")


def sc_partners() -> QuerySet[Partner]:
    """The partners with a seat and a vote in the Steering Committee (every active
    partner), with their seat's representative."""
    return (Partner.objects.active().select_related("sc_seat__representative", "country")
            .order_by("name"))


def sc_voter_partner(user):
    """The partner this user may vote for: as its SC representative or, when the seat names
    no representative, as its partner admin. None if the user may not vote."""
    from .models import SteeringCommitteeSeat

    membership = membership_of(user)
    if membership is None:
        return None
    seat = SteeringCommitteeSeat.objects.filter(partner_id=membership.partner_id).first()
    if seat and seat.representative_id:
        return membership.partner if seat.representative_id == user.pk else None
    return membership.partner if membership.is_admin else None


def events_shown() -> QuerySet:
    """Every event a page can show: one stored with a date no time zone can display
    (before dates were checked on input) is left out rather than breaking the page."""
    from clusterpolisee.core.dates import shown_range

    from .models import Event

    earliest, latest = shown_range()
    return Event.objects.filter(starts_at__gte=earliest, ends_at__lte=latest)


def upcoming_events(user) -> QuerySet:
    from django.utils import timezone

    return (events_shown().filter(ends_at__gte=timezone.now())
            .annotate(n_registered=Count("registrations", distinct=True))
            .prefetch_related("working_groups").order_by("starts_at"))


# --- visibility, registered with clusterpolisee.core.visibility ---------------------------

def _is_staff_or_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or membership_of(user) is not None)


def wgs_visible_to(user) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.all() if _is_staff_or_admin(user) else WorkingGroup.objects.none()


def topics_visible_to(user) -> QuerySet:
    from .models import Topic

    if user.is_authenticated and user.is_superuser:
        return Topic.objects.all()
    return Topic.objects.filter(working_group__in=working_groups_of(user).values("id"))


def pilot_actions_visible_to(user) -> QuerySet:
    from .models import PilotAction

    return PilotAction.objects.all() if _is_staff_or_admin(user) else PilotAction.objects.none()


def findings_visible_to(user) -> QuerySet:
    from .models import Finding

    if user.is_authenticated and user.is_superuser:
        return Finding.objects.all()
    return Finding.objects.filter(working_group__in=working_groups_of(user).values("id"))


def decisions_visible_to(user) -> QuerySet:
    from .models import Decision

    return Decision.objects.all() if _is_staff_or_admin(user) else Decision.objects.none()


def events_visible_to(user) -> QuerySet:
    from .models import Event

    return Event.objects.all() if user.is_authenticated else Event.objects.none()


def work_packages_visible_to(user) -> QuerySet[WorkPackage]:
    """Work package pages are governance: every partner's staff and platform admins."""
    if not can_view_governance(user):
        return WorkPackage.objects.none()
    return WorkPackage.objects.select_related("lead_partner").order_by("code")


def deliverables_visible_to(user) -> QuerySet:
    """Deliverables are listed on the work package pages: the same readers."""
    from .models import Deliverable

    if not can_view_governance(user):
        return Deliverable.objects.none()
    return Deliverable.objects.select_related("work_package", "partner")


def public_working_groups() -> QuerySet[WorkingGroup]:
    """Codes, titles and leaders of the WGs as the public partner pages and the library's
    facets show them (the WG spaces themselves are for partner staff)."""
    return WorkingGroup.objects.select_related("lead_partner").order_by("code")


def public_work_packages() -> QuerySet[WorkPackage]:
    """Codes, titles and leaders of the WPs as the public partner pages show them."""
    return WorkPackage.objects.select_related("lead_partner").order_by("code")


# --- events: what the event pages read (workgroups/event_views.py) -------------------------

def events_for_detail() -> QuerySet:
    return events_shown().prefetch_related("working_groups", "work_packages")


def registrations_of(event) -> QuerySet:
    """Who registered for ``event``, with their partner (shown only to those who may see
    the registrants: ``workgroups.view_event_registrants``)."""
    return event.registrations.select_related("user__membership__partner")


def event_ids_registered_by(user) -> set[int]:
    from .models import Registration

    return set(Registration.objects.filter(user=user).values_list("event_id", flat=True))


def events_registered_by(user) -> QuerySet:
    """The events of the user's personal calendar feed, soonest first."""
    return events_shown().filter(registrations__user=user).order_by("starts_at")
