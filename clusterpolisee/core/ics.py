"""iCalendar files (.ics): the one way the portal writes events for calendar apps (an event's
file, the personal feed, a B2B agenda).

Times come in as stored (aware, UTC) and are written in the time zone the event happens in
when one is given (``DTSTART;TZID=Europe/Sofia:…``, what people see in the portal), in UTC
otherwise; ``DTSTAMP`` is always UTC, as RFC 5545 requires.
"""
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from icalendar import Calendar
from icalendar import Event as CalendarEvent


@dataclass(frozen=True)
class CalendarItem:
    """One VEVENT. ``uid`` stays the same for the same thing across downloads, so a calendar
    app updates the entry instead of adding a second one."""

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    zone: str = ""  # an IANA name; empty: UTC
    stamp: datetime | None = None  # the revision time; the start when not known


def calendar_bytes(items, *, name: str, product: str) -> bytes:
    """A VCALENDAR of ``items`` named ``name`` (what calendar apps show), from the portal's
    ``product`` (its part in the PRODID, e.g. "events")."""
    calendar = Calendar()
    calendar.add("prodid", f"-//ClusterPoliSEE//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in items:
        zone = zoneinfo.ZoneInfo(item.zone) if item.zone else UTC
        event = CalendarEvent()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        event.add("dtstamp", (item.stamp or item.starts_at).astimezone(UTC))
        if item.location:
            event.add("location", item.location)
        event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(items, *, filename: str, name: str, product: str) -> HttpResponse:
    """``items`` as a ``text/calendar`` download named ``filename``."""
    response = HttpResponse(calendar_bytes(items, name=name, product=product),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
