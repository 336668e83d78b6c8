"""Matchmaking pages: opportunities, profiles, expressions of interest, the coordinators'
dashboard and B2B meetings at matchmaking events. Views stay thin: selectors read,
services write and check."""
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from clusterpolisee.core.csv_export import csv_response
from workgroups.models import Event

from . import selectors, services
from .forms import (
    BrokerForm,
    CoordinateFilter,
    InterestForm,
    MergeForm,
    ModerateForm,
    OpportunityFilter,
    OpportunityForm,
    ProfileForm,
    RetagForm,
    SlotForm,
)
from .models import Interest, MeetingRequest, Opportunity, Profile, Slot
from .permissions import (
    can_edit_opportunity,
    can_express_interest,
    can_keep_profile,
    can_moderate_matchmaking,
    can_take_part,
    can_use_matchmaking,
    is_awaiting_approval,
    is_own_opportunity,
    is_own_organisations_opportunity,
    is_own_profile,
    participant_of,
)

PAGE_SIZE = 20


def _require_participant(user):
    """Pages that do not exist for people outside matchmaking answer 404."""
    if not can_use_matchmaking(user):
        raise Http404


def _require_moderator_page(user):
    _require_participant(user)
    if not can_moderate_matchmaking(user):
        raise PermissionDenied(_("Only the matchmaking coordinators may do this."))


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _apply_filters(queryset, form, lookups):
    """Narrow ``queryset`` by each filled field of a valid filter form (field -> lookup)."""
    if form.is_valid():
        for field, lookup in lookups.items():
            if form.cleaned_data.get(field):
                queryset = queryset.filter(**{lookup: form.cleaned_data[field]})
    return queryset


@login_required
def index(request):
    if is_awaiting_approval(request.user):
        # the one matchmaking page a signed-up stakeholder may know of: say why it is closed
        return render(request, "matchmaking/awaiting_approval.html", status=403)
    _require_participant(request.user)
    opportunities = selectors.published_opportunities(request.user)
    filter_form = OpportunityFilter(request.GET or None)
    opportunities = _apply_filters(opportunities, filter_form,
                                   {"direction": "direction", "kind": "kind",
                                    "sector": "sectors", "country": "country"})
    page = Paginator(opportunities.order_by("-published_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "matchmaking/index.html", {
        "page": page, "filter_form": filter_form,
        "own": list(selectors.own_opportunities(request.user)[:PAGE_SIZE]),
        "can_take_part": can_take_part(request.user),
        "can_moderate": can_moderate_matchmaking(request.user),
        "profile": selectors.profile_of(request.user),
        "events": list(Event.objects.filter(kind=Event.Kind.MATCHMAKING,
                                            ends_at__gte=timezone.now())[:5]),
    })


@login_required
def opportunity_edit(request, pk=None):
    _require_participant(request.user)
    if pk:
        opportunity = get_object_or_404(selectors.opportunities_visible_to(request.user), pk=pk)
        if not can_edit_opportunity(request.user, opportunity):
            raise PermissionDenied(_("You may not change this opportunity."))
    else:
        if not can_take_part(request.user):
            raise PermissionDenied(_("You may not publish opportunities."))
        opportunity = Opportunity()
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_submit(
                user=request.user, opportunity=form.save(commit=False),
                sectors=form.cleaned_data["sectors"],
                target_countries=form.cleaned_data["target_countries"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your opportunity was submitted. The coordinators "
                                        "will review it before it is published."))
            return redirect(opportunity)
    return render(request, "matchmaking/opportunity_form.html",
                  {"form": form, "opportunity": opportunity},
                  status=400 if form.errors else 200)


@login_required
def opportunity_detail(request, pk):
    _require_participant(request.user)
    opportunity = get_object_or_404(
        selectors.opportunities_visible_to(request.user).prefetch_related("sectors",
                                                                          "target_countries"),
        pk=pk)
    user = request.user
    is_moderator = can_moderate_matchmaking(user)
    own = is_own_opportunity(user, opportunity)
    show_suggestions = opportunity.status == Opportunity.Status.PUBLISHED and (own or
                                                                                 is_moderator)
    context = {
        "opportunity": opportunity, "is_own": own, "is_moderator": is_moderator,
        "is_own_organisation": is_own_organisations_opportunity(user, opportunity),
        "can_edit": can_edit_opportunity(user, opportunity),
        "can_express": can_express_interest(user, opportunity),
        "my_interest": Interest.objects.filter(opportunity=opportunity, user=user).first(),
        "interest_form": InterestForm(),
        "moderate_form": ModerateForm() if is_moderator else None,
        "retag_form": RetagForm(initial={
            "kind": opportunity.kind, "sectors": opportunity.sectors.all(),
            "target_countries": opportunity.target_countries.all()}) if is_moderator else None,
        "merge_form": MergeForm() if is_moderator else None,
        "text_similarity": selectors.text_similarity_available(),
    }
    if show_suggestions:
        context["suggested_opportunities"] = selectors.suggested_opportunities(opportunity)
        context["suggested_profiles"] = selectors.suggested_profiles(opportunity)
    if is_moderator:
        context["interests"] = list(opportunity.interests.select_related(
            "user__stakeholder_profile", "partner"))
    return render(request, "matchmaking/opportunity_detail.html", context)


@login_required
@require_POST
def opportunity_moderate(request, pk):
    _require_moderator_page(request.user)
    opportunity = get_object_or_404(Opportunity, pk=pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(opportunity)
    try:
        services.opportunity_moderate(user=request.user, opportunity=opportunity,
                                      decision=form.cleaned_data["decision"],
                                      comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The moderation decision was recorded."))
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_retag(request, pk):
    _require_moderator_page(request.user)
    opportunity = get_object_or_404(Opportunity, pk=pk)
    form = RetagForm(request.POST)
    if form.is_valid():
        try:
            services.opportunity_retag(user=request.user, opportunity=opportunity,
                                       **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The tags were changed."))
    else:
        messages.error(request, _("Choose a kind and at least one sector."))
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_merge(request, pk):
    _require_moderator_page(request.user)
    duplicate = get_object_or_404(Opportunity, pk=pk)
    form = MergeForm(request.POST)
    into = None
    if form.is_valid():
        into = Opportunity.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        messages.error(request, _("There is no opportunity with that number."))
        return redirect(duplicate)
    try:
        services.opportunity_merge(user=request.user, duplicate=duplicate, into=into)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(duplicate)
    messages.success(request, _("The duplicate was merged."))
    return redirect(into)


@login_required
@require_POST
def interest_create(request, pk):
    _require_participant(request.user)
    opportunity = get_object_or_404(selectors.opportunities_visible_to(request.user), pk=pk)
    form = InterestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write a short message for the coordinators."))
        interest = services.interest_express(user=request.user, opportunity=opportunity,
                                             message=form.cleaned_data["message"])
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return redirect(opportunity)
    messages.success(request, _("Your interest was sent to the coordinators. You will see "
                                "the contact details once they introduce you."))
    return redirect(interest)


@login_required
def interest_list(request):
    _require_participant(request.user)
    interests = selectors.interests_visible_to(request.user)
    if can_moderate_matchmaking(request.user):
        # coordinators broker everything from /coordinate/; here, as for everyone, their own
        participant = participant_of(request.user)
        mine = Q(user=request.user)
        if participant is not None:
            mine |= selectors.introduced_to_side_q(participant)
        interests = interests.filter(mine)
    page = Paginator(interests.order_by("-created_at"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "matchmaking/interest_list.html", {"page": page})


@login_required
def interest_detail(request, pk):
    _require_participant(request.user)
    interest = get_object_or_404(selectors.interests_visible_to(request.user), pk=pk)
    is_moderator = can_moderate_matchmaking(request.user)
    revealed = interest.is_revealed or is_moderator
    return render(request, "matchmaking/interest_detail.html", {
        "interest": interest, "is_moderator": is_moderator,
        "transitions": interest.transitions.select_related("by"),
        "next_states": [(s, Interest.State(s).label)
                        for s in Interest.TRANSITIONS.get(interest.state, [])],
        "broker_form": BrokerForm() if is_moderator else None,
        "revealed": revealed,
        # contact persons are read only once they may be shown
        "owner_profile": selectors.owner_profile_of(interest.opportunity) if revealed else None,
        "interested_profile": selectors.interested_profile_of(interest) if revealed else None,
    })


@login_required
@require_POST
def interest_move(request, pk):
    _require_moderator_page(request.user)
    interest = get_object_or_404(Interest, pk=pk)
    form = BrokerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose the next state."))
        services.interest_move(user=request.user, interest=interest,
                               to_state=form.cleaned_data["to_state"],
                               comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The expression of interest was moved on."))
    return redirect(interest)


# --- profiles ---------------------------------------------------------------------------

@login_required
def profile_list(request):
    _require_participant(request.user)
    profiles = selectors.profiles_visible_to(request.user).prefetch_related("sectors")
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matchmaking/profile_list.html", {
        "page": page, "can_keep": can_keep_profile(request.user)})


@login_required
def profile_detail(request, pk):
    _require_participant(request.user)
    profile = get_object_or_404(
        selectors.profiles_visible_to(request.user).prefetch_related("sectors", "countries"),
        pk=pk)
    return render(request, "matchmaking/profile_detail.html", {
        "profile": profile, "is_own": is_own_profile(request.user, profile)})


@login_required
def profile_edit(request):
    _require_participant(request.user)
    if not can_keep_profile(request.user):
        raise PermissionDenied(_("You may not keep a matchmaking profile."))
    profile = selectors.profile_of(request.user) or Profile()
    if profile.pk and not is_own_profile(request.user, profile):
        # a colleague of the same stakeholder organisation keeps it
        messages.info(request, _("Your organisation's profile is kept by %(keeper)s; ask them "
                                 "to change it.") % {"keeper": profile.owner or _("a colleague")})
        return redirect(profile)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_save(user=request.user, profile=form.save(commit=False),
                                            sectors=form.cleaned_data["sectors"],
                                            countries=form.cleaned_data["countries"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your matchmaking profile was saved."))
            return redirect(profile)
    return render(request, "matchmaking/profile_form.html",
                  {"form": form, "side": participant_of(request.user)},
                  status=400 if form.errors else 200)


# --- coordinator dashboard ----------------------------------------------------------------

def _filtered(request):
    form = CoordinateFilter(request.GET or None)
    return form, _apply_filters(Opportunity.objects.all(), form,
                                {"country": "country", "sector": "sectors", "status": "status"})


def _bars(rows, width=420, bar=22):
    """Rows of {label, n} with the geometry of a horizontal SVG bar chart."""
    top = max([r["n"] for r in rows] or [1]) or 1
    return {"height": len(rows) * (bar + 8) + 4, "width": width, "bar": bar, "rows": [
        {**r, "y": i * (bar + 8) + 2, "w": max(2, round(r["n"] / top * (width - 260))),
         "ty": i * (bar + 8) + 2 + bar * 0.7} for i, r in enumerate(rows)]}


@login_required
def coordinate(request):
    _require_moderator_page(request.user)
    form, opportunities = _filtered(request)
    stats = selectors.statistics(opportunities)
    return render(request, "matchmaking/coordinate.html", {
        "filter_form": form,
        "queue": selectors.moderation_queue().filter(pk__in=opportunities.values("pk"))[:50],
        "brokering": selectors.brokering_queue().filter(
            opportunity__in=opportunities.values("pk"))[:50],
        "stats": stats,
        "country_chart": _bars(stats["by_country"]),
        "sector_chart": _bars(stats["by_sector"]),
        "query": request.GET.urlencode(),
    })


@login_required
def coordinate_csv(request):
    _require_moderator_page(request.user)
    _, opportunities = _filtered(request)
    response, writer = csv_response("matchmaking.csv")
    writer.writerow(["id", "direction", "kind", "title", "organisation", "country", "sectors",
                     "status", "created", "published", "deadline", "interests",
                     "introductions"])
    rows = (opportunities.distinct().select_related("partner", "country")
            .prefetch_related("sectors", "interests").order_by("pk"))
    for o in rows:
        interests = list(o.interests.all())
        writer.writerow([o.pk, o.direction, o.kind, o.title, o.owner_label, o.country.iso_code,
                         " ".join(s.code for s in o.sectors.all()), o.status,
                         o.created_at.date().isoformat(),
                         o.published_at.date().isoformat() if o.published_at else "",
                         o.deadline.isoformat() if o.deadline else "", len(interests),
                         sum(1 for i in interests if i.is_revealed)])
    return response


# --- B2B meetings -------------------------------------------------------------------------

def _b2b_event(pk):
    return get_object_or_404(Event, pk=pk, kind=Event.Kind.MATCHMAKING)


@login_required
def b2b(request, pk):
    _require_participant(request.user)
    event = _b2b_event(pk)
    user = request.user
    slots = list(selectors.event_slots(event))
    mine = [s for s in slots if s.participant_id == user.pk]
    requested = set(MeetingRequest.objects.filter(slot__event=event, requester=user)
                    .values_list("slot_id", flat=True))
    incoming = (MeetingRequest.objects.filter(slot__event=event, slot__participant=user,
                                              status=MeetingRequest.Status.REQUESTED)
                .select_related("requester__membership__partner",
                                "requester__stakeholder_profile", "slot"))
    form = SlotForm(event=event)
    return render(request, "matchmaking/b2b.html", {
        "event": event, "local_zone": zoneinfo.ZoneInfo(event.timezone),
        "mine": mine, "others": [s for s in slots if s.participant_id != user.pk],
        "requested": requested, "incoming": list(incoming),
        "agenda": list(selectors.agenda_of(user, event)), "slot_form": form,
        "can_take_part": can_take_part(user),
    })


@login_required
@require_POST
def slot_create(request, pk):
    _require_participant(request.user)
    event = _b2b_event(pk)
    form = SlotForm(request.POST, event=event)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.slot_publish(user=request.user, event=event, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your slot was published."))
    return redirect("matchmaking:b2b", pk=event.pk)


@login_required
@require_POST
def slot_request(request, pk):
    _require_participant(request.user)
    slot = get_object_or_404(Slot.objects.filter(event__kind=Event.Kind.MATCHMAKING), pk=pk)
    try:
        services.meeting_request(user=request.user, slot=slot,
                                 message=request.POST.get("message", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your meeting request was sent."))
    return redirect("matchmaking:b2b", pk=slot.event_id)


@login_required
@require_POST
def meeting_respond(request, pk):
    _require_participant(request.user)
    meeting = get_object_or_404(
        MeetingRequest.objects.select_related("slot").filter(slot__participant=request.user),
        pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.meeting_respond(user=request.user, meeting=meeting, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting was accepted.") if accept
                         else _("The request was declined."))
    return redirect("matchmaking:b2b", pk=meeting.slot.event_id)


@login_required
def agenda_ics(request, pk):
    _require_participant(request.user)
    event = _b2b_event(pk)
    zone = zoneinfo.ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//ClusterPoliSEE//b2b//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    for meeting in selectors.agenda_of(request.user, event):
        other = (meeting.requester if meeting.slot.participant_id == request.user.pk
                 else meeting.slot.participant)
        item = CalendarEvent()
        item.add("uid", f"b2b-{meeting.pk}@clusterpolisee")
        item.add("summary", _("B2B meeting with %(name)s") % {"name": other})
        item.add("dtstart", meeting.slot.starts_at.astimezone(zone))
        item.add("dtend", meeting.slot.ends_at.astimezone(zone))
        item.add("dtstamp", meeting.slot.starts_at)
        if event.place:
            item.add("location", event.place)
        item.add("description", f"{event.title}\n{meeting.message}".strip())
        calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="b2b-agenda-{event.pk}.ics"'
    return response
