"""Events: list, detail, registration with a capacity, .ics per event and a personal feed.
Selectors read, services write and check (``workgroups.*_events`` permissions)."""
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterpolisee.core.forms import add_service_errors, flash_refusal
from clusterpolisee.core.ics import CalendarItem, ics_response
from clusterpolisee.core.permissions import allowed, check_perm, get_visible_or_404

from . import selectors, services
from .forms import EventForm
from .models import Event


def feed_token(user) -> str:
    return services.calendar_feed_token(user)


def _calendar_item(event, request) -> CalendarItem:
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    return CalendarItem(uid=f"event-{event.pk}@clusterpolisee", summary=event.title,
                        starts_at=event.starts_at, ends_at=event.ends_at, zone=event.timezone,
                        location=event.place, description=description,
                        url=request.build_absolute_uri(event.get_absolute_url()))


def _ics(events, request, filename: str):
    return ics_response([_calendar_item(event, request) for event in events],
                        filename=filename, name="ClusterPoliSEE", product="events")


@login_required
def event_list(request):
    user = request.user
    return render(request, "workgroups/event_list.html", {
        "events": list(selectors.upcoming_events(user)),
        "registered": selectors.event_ids_registered_by(user),
        "can_manage": allowed(user, "workgroups.manage_events"),
        "feed_url": request.build_absolute_uri(
            reverse("workgroups:event_feed", args=[feed_token(user)])),
    })


@login_required
def event_detail(request, pk):
    user = request.user
    check_perm(user, "workgroups.view_events", hide=True)
    event = get_visible_or_404(selectors.events_for_detail(), pk=pk)
    registrations = list(selectors.registrations_of(event))
    may_see_registrants = allowed(user, "workgroups.view_event_registrants", event)
    return render(request, "workgroups/event_detail.html", {
        "event": event, "registrations": registrations,
        "registrants": registrations if may_see_registrants else None,
        "is_registered": any(r.user_id == user.pk for r in registrations),
        "full": event.capacity is not None and len(registrations) >= event.capacity,
        "can_manage": allowed(user, "workgroups.manage_events"),
        "local_zone": zoneinfo.ZoneInfo(event.timezone),
    })


@login_required
def event_edit(request, pk=None):
    user = request.user
    if request.method != "POST":
        # the service refuses what is sent; the form is shown only to who may send it
        check_perm(user, "workgroups.manage_events")
    event = get_visible_or_404(selectors.events_shown(), pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event or Event())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save_values(user=user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(saved)
    return render(request, "workgroups/event_form.html",
                  {"form": form, "event": form.instance},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def event_register(request, pk):
    event = get_visible_or_404(selectors.events_shown(), pk=pk)
    try:
        if request.POST.get("action") == "cancel":
            services.event_unregister(event=event, user=request.user)
            messages.success(request, _("Your registration was cancelled."))
        else:
            services.event_register(event=event, user=request.user)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        # a POST from the event's page answers with a redirect: the refusal goes along
        flash_refusal(request, error)
    return redirect(event)


@login_required
def event_ics(request, pk):
    event = get_visible_or_404(selectors.events_shown(), pk=pk)
    return _ics([event], request, f"event-{event.pk}.ics")


def event_feed(request, token):
    """The events a user registered for, for calendar apps that cannot log in: the signed
    token in the address identifies the user."""
    user = services.calendar_feed_user(token)
    if user is None:  # a bad signature, or an address the user has since replaced
        raise Http404
    return _ics(selectors.events_registered_by(user), request, "clusterpolisee.ics")


@login_required
@require_POST
def event_feed_rotate(request):
    """A new personal calendar address; the old one answers 404 from now on."""
    services.calendar_feed_rotate(user=request.user)
    messages.success(request, _("Your calendar address was replaced. Subscribe again with the "
                                "new address; the old one no longer works."))
    return redirect("notifications:preferences")
