"""Events: list, detail, registration with a capacity, .ics per event and a personal feed."""
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from clusterpolisee.core.forms import add_service_errors

from . import services
from .forms import EventForm
from .models import Event, Registration
from .permissions import can_manage_events, can_view_events
from .selectors import events_shown, upcoming_events


def feed_token(user) -> str:
    return services.calendar_feed_token(user)


def _calendar(events, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//ClusterPoliSEE//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ClusterPoliSEE")
    for event in events:
        zone = zoneinfo.ZoneInfo(event.timezone)
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}@clusterpolisee")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at.astimezone(zone))
        item.add("dtend", event.ends_at.astimezone(zone))
        item.add("dtstamp", event.starts_at)
        if event.place:
            item.add("location", event.place)
        description = event.description
        if event.online_url:
            description = f"{description}\n\n{event.online_url}".strip()
        item.add("description", description)
        item.add("url", request.build_absolute_uri(event.get_absolute_url()))
        calendar.add_component(item)
    return calendar.to_ical()


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def event_list(request):
    events = list(upcoming_events(request.user))
    registered = set(Registration.objects.filter(user=request.user).values_list("event_id",
                                                                                 flat=True))
    return render(request, "workgroups/event_list.html", {
        "events": events, "registered": registered,
        "can_manage": can_manage_events(request.user),
        "feed_url": request.build_absolute_uri(
            reverse("workgroups:event_feed", args=[feed_token(request.user)])),
    })


@login_required
def event_detail(request, pk):
    if not can_view_events(request.user):
        raise Http404
    event = get_object_or_404(events_shown().prefetch_related("working_groups", "work_packages"),
                              pk=pk)
    registrations = list(event.registrations.select_related("user__membership__partner"))
    may_see_registrants = request.user.has_perm("workgroups.view_event_registrants", event)
    return render(request, "workgroups/event_detail.html", {
        "event": event, "registrations": registrations,
        "registrants": registrations if may_see_registrants else None,
        "is_registered": any(r.user_id == request.user.pk for r in registrations),
        "full": event.capacity is not None and len(registrations) >= event.capacity,
        "can_manage": can_manage_events(request.user),
        "local_zone": zoneinfo.ZoneInfo(event.timezone),
    })


@login_required
def event_edit(request, pk=None):
    if not can_manage_events(request.user):
        raise PermissionDenied
    event = get_object_or_404(events_shown(), pk=pk) if pk else Event()
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(user=request.user, event=form.save(commit=False),
                                        working_groups=form.cleaned_data["working_groups"],
                                        work_packages=form.cleaned_data["work_packages"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return render(request, "workgroups/event_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def event_register(request, pk):
    event = get_object_or_404(events_shown(), pk=pk)
    try:
        if request.POST.get("action") == "cancel":
            services.event_unregister(event=event, user=request.user)
            messages.success(request, _("Your registration was cancelled."))
        else:
            services.event_register(event=event, user=request.user)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(event)


@login_required
def event_ics(request, pk):
    event = get_object_or_404(events_shown(), pk=pk)
    return _ics_response(_calendar([event], request), f"event-{event.pk}.ics")


def event_feed(request, token):
    """The events a user registered for, for calendar apps that cannot log in: the signed
    token in the address identifies the user."""
    user = services.calendar_feed_user(token)
    if user is None:  # a bad signature, or an address the user has since replaced
        raise Http404
    events = events_shown().filter(registrations__user=user).order_by("starts_at")
    return _ics_response(_calendar(events, request), "clusterpolisee.ics")




@login_required
@require_POST
def event_feed_rotate(request):
    """A new personal calendar address; the old one answers 404 from now on."""
    services.calendar_feed_rotate(user=request.user)
    messages.success(request, _("Your calendar address was replaced. Subscribe again with the "
                                "new address; the old one no longer works."))
    return redirect("notifications:preferences")
