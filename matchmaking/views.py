"""Matchmaking pages: opportunities, profiles, expressions of interest, the coordinators'
dashboard and B2B meetings at matchmaking events. Views stay thin: selectors read,
services write and check (``matchmaking.*`` permissions, ``rules.py``).

A page that does not exist for people outside matchmaking answers 404
(``check_perm(..., hide=True)``). The coordinators' actions refuse everybody else with 403
before looking the object up, so that probing their addresses says nothing about which
opportunities exist; the services ask the same permission again when they write.
"""
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.csv_export import csv_response
from clusterpolisee.core.forms import add_service_errors, flash_refusal
from clusterpolisee.core.ics import CalendarItem, ics_response
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404

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
from .models import Interest, Opportunity, Profile
from .rules import (
    is_awaiting_approval,
    is_own_opportunity,
    is_own_organisations_opportunity,
    participant_of,
)

PAGE_SIZE = 20


def _flash_refusal(request, error: ValidationError):
    """A POST from a detail page answers with a redirect: the service's refusal travels
    there as one message."""
    flash_refusal(request, error)


def _criteria(form) -> dict:
    """A filter form's values, or none when it does not validate (the page unfiltered)."""
    return form.cleaned_data if form.is_valid() else {}


@login_required
def index(request):
    user = request.user
    if is_awaiting_approval(user):
        # the one matchmaking page a signed-up stakeholder may know of: say why it is closed
        return render(request, "matchmaking/awaiting_approval.html", status=403)
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    filter_form = OpportunityFilter(request.GET or None)
    opportunities = selectors.published_opportunities(user, **_criteria(filter_form))
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matchmaking/index.html", {
        "page": page, "filter_form": filter_form,
        "own": list(selectors.own_opportunities(user)[:PAGE_SIZE]),
        "can_take_part": allowed(user, "matchmaking.add_opportunity"),
        "profile": selectors.profile_of(user),
        "events": list(selectors.upcoming_matchmaking_events()[:5]),
    })


@login_required
def opportunity_edit(request, pk=None):
    user = request.user
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    opportunity = (get_visible_or_404(selectors.opportunities_visible_to(user), pk=pk) if pk
                   else Opportunity())
    if request.method != "POST":
        # the service refuses what is sent; the form is shown only to who may send it
        if pk:
            check_perm(user, "matchmaking.change_opportunity", opportunity,
                       message=_("You may not change this opportunity."))
        else:
            check_perm(user, "matchmaking.add_opportunity",
                       message=_("You may not publish opportunities."))
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_submit(
                user=user, opportunity=opportunity if pk else None, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your opportunity was submitted. The coordinators "
                                        "will review it before it is published."))
            return redirect(opportunity)
    return render(request, "matchmaking/opportunity_form.html",
                  {"form": form, "opportunity": opportunity},
                  status=400 if form.errors else 200)


@login_required
def opportunity_detail(request, pk):
    user = request.user
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    opportunity = get_visible_or_404(selectors.opportunities_for_detail(user), pk=pk)
    is_moderator = allowed(user, "matchmaking.moderate_opportunity")
    context = {
        "opportunity": opportunity, "is_moderator": is_moderator,
        "is_own": is_own_opportunity(user, opportunity),
        "is_own_organisation": is_own_organisations_opportunity(user, opportunity),
        "can_edit": allowed(user, "matchmaking.change_opportunity", opportunity),
        "can_express": allowed(user, "matchmaking.express_interest", opportunity),
        "my_interest": selectors.interest_of(user, opportunity),
        "interest_form": InterestForm(),
        "moderate_form": ModerateForm() if is_moderator else None,
        "retag_form": RetagForm(initial={
            "kind": opportunity.kind, "sectors": opportunity.sectors.all(),
            "target_countries": opportunity.target_countries.all()}) if is_moderator else None,
        "merge_form": MergeForm() if is_moderator else None,
        "text_similarity": selectors.text_similarity_available(),
    }
    if allowed(user, "matchmaking.see_suggestions", opportunity):
        context["suggested_opportunities"] = selectors.suggested_opportunities(opportunity)
        context["suggested_profiles"] = selectors.suggested_profiles(opportunity)
    if is_moderator:
        context["interests"] = list(selectors.interests_in(opportunity))
    return render(request, "matchmaking/opportunity_detail.html", context)


def _opportunity_to_moderate(user, pk) -> Opportunity:
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    check_perm(user, "matchmaking.moderate_opportunity", message=services.ONLY_COORDINATORS)
    return get_visible_or_404(selectors.opportunities_visible_to(user), pk=pk)


@login_required
@require_POST
def opportunity_moderate(request, pk):
    opportunity = _opportunity_to_moderate(request.user, pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(opportunity)
    try:
        services.opportunity_moderate(user=request.user, opportunity=opportunity,
                                      decision=form.cleaned_data["decision"],
                                      comment=form.cleaned_data["comment"])
    except ValidationError as error:
        _flash_refusal(request, error)
    else:
        messages.success(request, _("The moderation decision was recorded."))
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_retag(request, pk):
    opportunity = _opportunity_to_moderate(request.user, pk)
    form = RetagForm(request.POST)
    if form.is_valid():
        try:
            services.opportunity_retag(user=request.user, opportunity=opportunity,
                                       **form.cleaned_data)
        except ValidationError as error:
            _flash_refusal(request, error)
        else:
            messages.success(request, _("The tags were changed."))
    else:
        messages.error(request, _("Choose a kind and at least one sector."))
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_merge(request, pk):
    duplicate = _opportunity_to_moderate(request.user, pk)
    form = MergeForm(request.POST)
    into = None
    if form.is_valid():
        into = selectors.opportunity_numbered(request.user, form.cleaned_data["into"])
    if into is None:
        messages.error(request, _("There is no opportunity with that number."))
        return redirect(duplicate)
    try:
        services.opportunity_merge(user=request.user, duplicate=duplicate, into=into)
    except ValidationError as error:
        _flash_refusal(request, error)
        return redirect(duplicate)
    messages.success(request, _("The duplicate was merged."))
    return redirect(into)


@login_required
@require_POST
def interest_create(request, pk):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    opportunity = get_visible_or_404(selectors.opportunities_visible_to(request.user), pk=pk)
    form = InterestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write a short message for the coordinators."))
        interest = services.interest_express(user=request.user, opportunity=opportunity,
                                             message=form.cleaned_data["message"])
    except ValidationError as error:
        _flash_refusal(request, error)
        return redirect(opportunity)
    messages.success(request, _("Your interest was sent to the coordinators. You will see "
                                "the contact details once they introduce you."))
    return redirect(interest)


@login_required
def interest_list(request):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    page = Paginator(selectors.interests_listed_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "matchmaking/interest_list.html", {"page": page})


@login_required
def interest_detail(request, pk):
    user = request.user
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    interest = get_visible_or_404(selectors.interests_visible_to(user), pk=pk)
    is_moderator = allowed(user, "matchmaking.broker_interest")
    revealed = allowed(user, "matchmaking.see_contact_details", interest)
    return render(request, "matchmaking/interest_detail.html", {
        "interest": interest, "is_moderator": is_moderator,
        "transitions": selectors.transitions_of(interest),
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
    user = request.user
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    check_perm(user, "matchmaking.broker_interest", message=services.ONLY_COORDINATORS)
    interest = get_visible_or_404(selectors.interests_visible_to(user), pk=pk)
    form = BrokerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose the next state."))
        services.interest_move(user=user, interest=interest,
                               to_state=form.cleaned_data["to_state"],
                               comment=form.cleaned_data["comment"])
    except ValidationError as error:
        _flash_refusal(request, error)
    else:
        messages.success(request, _("The expression of interest was moved on."))
    return redirect(interest)


# --- profiles ---------------------------------------------------------------------------

@login_required
def profile_list(request):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    page = Paginator(selectors.profiles_listed_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "matchmaking/profile_list.html", {
        "page": page, "can_keep": allowed(request.user, "matchmaking.keep_profile")})


@login_required
def profile_detail(request, pk):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    profile = get_visible_or_404(selectors.profiles_for_detail(request.user), pk=pk)
    return render(request, "matchmaking/profile_detail.html", {
        "profile": profile,
        "is_own": allowed(request.user, "matchmaking.change_profile", profile)})


@login_required
def profile_edit(request):
    user = request.user
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    if request.method != "POST":
        # the service refuses what is sent; the form is shown only to who may send it
        check_perm(user, "matchmaking.keep_profile",
                   message=_("You may not keep a matchmaking profile."))
    profile = selectors.profile_of(user)
    if profile is not None and not allowed(user, "matchmaking.change_profile", profile):
        # a colleague of the same stakeholder organisation keeps it
        messages.info(request, _("Your organisation's profile is kept by %(keeper)s; ask them "
                                 "to change it.") % {"keeper": profile.owner or _("a colleague")})
        return redirect(profile)
    form = ProfileForm(request.POST or None, instance=profile or Profile())
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_save(user=user, profile=profile, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your matchmaking profile was saved."))
            return redirect(profile)
    return render(request, "matchmaking/profile_form.html",
                  {"form": form, "side": participant_of(user)},
                  status=400 if form.errors else 200)


# --- coordinator dashboard ----------------------------------------------------------------

def _to_coordinate(request):
    """The dashboard's filter form and the opportunities it selects, for coordinators."""
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    check_perm(request.user, "matchmaking.coordinate", message=services.ONLY_COORDINATORS)
    form = CoordinateFilter(request.GET or None)
    return form, selectors.opportunities_to_coordinate(request.user, **_criteria(form))


def _bars(rows, width=420, bar=22):
    """Rows of {label, n} with the geometry of a horizontal SVG bar chart."""
    top = max([r["n"] for r in rows] or [1]) or 1
    return {"height": len(rows) * (bar + 8) + 4, "width": width, "bar": bar, "rows": [
        {**r, "y": i * (bar + 8) + 2, "w": max(2, round(r["n"] / top * (width - 260))),
         "ty": i * (bar + 8) + 2 + bar * 0.7} for i, r in enumerate(rows)]}


@login_required
def coordinate(request):
    form, opportunities = _to_coordinate(request)
    stats = selectors.statistics(opportunities)
    return render(request, "matchmaking/coordinate.html", {
        "filter_form": form,
        "queue": selectors.moderation_queue(among=opportunities)[:50],
        "brokering": selectors.brokering_queue(among=opportunities)[:50],
        "stats": stats,
        "country_chart": _bars(stats["by_country"]),
        "sector_chart": _bars(stats["by_sector"]),
        "query": request.GET.urlencode(),
    })


@login_required
def coordinate_csv(request):
    _, opportunities = _to_coordinate(request)
    response, writer = csv_response("matchmaking.csv")
    writer.writerow(["id", "direction", "kind", "title", "organisation", "country", "sectors",
                     "status", "created", "published", "deadline", "interests",
                     "introductions"])
    for o in selectors.opportunities_for_export(opportunities):
        interests = list(o.interests.all())
        writer.writerow([o.pk, o.direction, o.kind, o.title, o.owner_label, o.country.iso_code,
                         " ".join(s.code for s in o.sectors.all()), o.status,
                         o.created_at.date().isoformat(),
                         o.published_at.date().isoformat() if o.published_at else "",
                         o.deadline.isoformat() if o.deadline else "", len(interests),
                         sum(1 for i in interests if i.is_revealed)])
    return response


# --- B2B meetings -------------------------------------------------------------------------

def _b2b_event(user, pk):
    check_perm(user, "matchmaking.use_matchmaking", hide=True)
    return get_visible_or_404(selectors.matchmaking_events(), pk=pk)


@login_required
def b2b(request, pk):
    user = request.user
    event = _b2b_event(user, pk)
    slots = list(selectors.event_slots(event))
    return render(request, "matchmaking/b2b.html", {
        "event": event, "local_zone": zoneinfo.ZoneInfo(event.timezone),
        "mine": [s for s in slots if s.participant_id == user.pk],
        "others": [s for s in slots if s.participant_id != user.pk],
        "requested": selectors.slot_ids_requested_by(user, event),
        "incoming": list(selectors.meeting_requests_to_answer(user, event)),
        "agenda": list(selectors.agenda_of(user, event)), "slot_form": SlotForm(event=event),
        "can_take_part": allowed(user, "matchmaking.take_part_in_b2b"),
    })


@login_required
@require_POST
def slot_create(request, pk):
    event = _b2b_event(request.user, pk)
    form = SlotForm(request.POST, event=event)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.slot_publish(user=request.user, event=event, **form.cleaned_data)
    except ValidationError as error:
        _flash_refusal(request, error)
    else:
        messages.success(request, _("Your slot was published."))
    return redirect("matchmaking:b2b", pk=event.pk)


@login_required
@require_POST
def slot_request(request, pk):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    slot = get_visible_or_404(selectors.b2b_slots(), pk=pk)
    try:
        services.meeting_request(user=request.user, slot=slot,
                                 message=request.POST.get("message", ""))
    except ValidationError as error:
        _flash_refusal(request, error)
    else:
        messages.success(request, _("Your meeting request was sent."))
    return redirect("matchmaking:b2b", pk=slot.event_id)


@login_required
@require_POST
def meeting_respond(request, pk):
    check_perm(request.user, "matchmaking.use_matchmaking", hide=True)
    # only the slot's owner knows of the request: everybody else gets 404
    meeting = get_visible_or_404(selectors.meeting_requests_for_slots_of(request.user), pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.meeting_respond(user=request.user, meeting=meeting, accept=accept)
    except ValidationError as error:
        _flash_refusal(request, error)
    else:
        messages.success(request, _("The meeting was accepted.") if accept
                         else _("The request was declined."))
    return redirect("matchmaking:b2b", pk=meeting.slot.event_id)


@login_required
def agenda_ics(request, pk):
    user = request.user
    event = _b2b_event(user, pk)
    items = []
    for meeting in selectors.agenda_of(user, event):
        other = (meeting.requester if meeting.slot.participant_id == user.pk
                 else meeting.slot.participant)
        items.append(CalendarItem(
            uid=f"b2b-{meeting.pk}@clusterpolisee",
            summary=_("B2B meeting with %(name)s") % {"name": other},
            starts_at=meeting.slot.starts_at, ends_at=meeting.slot.ends_at,
            zone=event.timezone, location=event.place,
            description=f"{event.title}\n{meeting.message}".strip()))
    return ics_response(items, filename=f"b2b-agenda-{event.pk}.ics", name=event.title,
                        product="b2b")
